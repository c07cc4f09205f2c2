package com.retailpulse.infra.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.retailpulse.contracts.customer.ConsentChannel;
import com.retailpulse.contracts.customer.ConsentPurpose;
import com.retailpulse.contracts.customer.ConsentStatement;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.CustomerIdentifier;
import com.retailpulse.contracts.customer.CustomerInteraction;
import com.retailpulse.contracts.customer.RecordConsentCommand;
import com.retailpulse.contracts.customer.RecordInteractionCommand;
import com.retailpulse.infra.support.Api;
import com.retailpulse.infra.support.Offers;
import com.retailpulse.infra.support.IntegrationTest;
import com.retailpulse.infra.support.TestUsers;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The marketer console in a real headless browser: Debian's chromium driven through its chromedriver
 * (never a downloaded browser or driver: both paths are given, so Selenium Manager is not consulted).
 * A screenshot of every page visited goes to target/console-screenshots/.
 */
@IntegrationTest
class ConsoleTest extends ConsoleBrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    @Override
    Path screenshots() {
        return SCREENSHOTS;
    }

    @Autowired
    CommandGateway commands;

    @Test
    void a_marketer_sees_a_customer_and_builds_previews_and_saves_a_segment_by_clicking() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String sku = "CON-" + run;
        String ann = "con-a-" + run;
        String ben = "con-b-" + run;
        String annId = order(ann, "CA1-" + run, now.minus(Duration.ofDays(3)), sku, "12.00");
        order(ann, "CA2-" + run, now.minus(Duration.ofDays(1)), sku, "8.50");
        order(ben, "CB1-" + run, now.minus(Duration.ofDays(2)), sku, "5.00");
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/v1/customers/" + annId + "/profile", Api.analyst()),
                r -> r.status() == 200 && r.json().at("/orders/count").asLong() == 2);

        // sign in
        assertThat(browser.getCurrentUrl()).endsWith("/console/");
        visible(By.id("login-user"));
        screenshot("login");
        signIn("mark");
        visible(By.id("nav-customers"));
        assertThat(browser.findElements(By.id("nav-builder"))).hasSize(1);

        // Customer 360, found by identifier
        click(By.id("nav-customers"));
        type(By.id("customer-query"), "member:" + ann);
        click(By.id("customer-search"));
        waitText(By.id("orders-count"), "2");
        assertThat(text(By.id("customer-id"))).isEqualTo(annId);
        assertThat(text(By.id("orders-revenue"))).isEqualTo("CN¥205.00"); // 10 × 12.00 + 10 × 8.50, CNY in en-GB
        assertThat(text(By.id("identities"))).contains("member:");
        assertThat(browser.findElement(By.id("recommendations")).isDisplayed()).isTrue();
        click(By.cssSelector("#tags-value > summary"));
        waitText(By.id("tag-value.ltv"), "CN¥205.00");
        screenshot("customer-360");

        // the same page in Chinese: ¥ for CNY in zh-CN
        new Select(browser.findElement(By.id("lang"))).selectByValue("zh");
        waitText(By.id("orders-revenue"), "¥205.00");
        assertThat(text(By.id("nav-customers"))).isEqualTo("客户 360");
        screenshot("customer-360-zh");
        new Select(browser.findElement(By.id("lang"))).selectByValue("en");
        waitText(By.id("nav-customers"), "Customer 360");

        // the segment builder: one condition by clicking, the live count, then an invalid value on a second node
        click(By.id("nav-builder"));
        click(By.cssSelector("[data-path='condition'] .add-field"));
        By first = By.cssSelector("[data-path='condition.all[0]']");
        select(first, "select.field", "behaviour.preferredProducts");
        select(first, "select.op", "eq");
        type(within(first, "input.value"), sku);
        waitCount("2");
        assertThat(browser.findElements(By.cssSelector("#preview-sample tbody tr"))).hasSize(2);

        click(By.cssSelector("[data-path='condition'] > .group-actions .add-field"));
        By second = By.cssSelector("[data-path='condition.all[1]']");
        select(second, "select.field", "activity.order.total");
        select(second, "select.op", "gte");
        type(within(second, "input.value"), "1.5");
        waitText(By.cssSelector("[data-path='condition.all[1]'] .node-errors"), "activity.order.total is long (whole numbers); got double 1.5");
        assertThat(browser.findElement(second).getAttribute("class")).contains("has-error");
        assertThat(text(By.id("preview-count"))).isEqualTo("—");
        screenshot("builder-invalid-value");

        WebElement value = browser.findElement(within(second, "input.value"));
        value.clear();
        value.sendKeys("2");
        waitCount("1");
        assertThat(browser.findElement(By.cssSelector("[data-path='condition.all[1]'] .node-errors")).getText()).isEmpty();

        String key = "console_" + run.replace('-', '_');
        type(By.id("seg-key"), key);
        type(By.id("seg-name"), "Console repeat buyers " + run);
        click(By.id("save-segment"));
        waitText(By.id("save-status"), "version 1");
        screenshot("builder-saved");

        Api.Response saved = api.get("/api/v1/segments/" + key, Api.marketer());
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        JsonNode definition = saved.json();
        assertThat(definition.get("version").asInt()).isEqualTo(1);
        assertThat(definition.get("name").asText()).isEqualTo("Console repeat buyers " + run);
        assertThat(definition.at("/condition/all/0/field").asText()).isEqualTo("behaviour.preferredProducts");
        assertThat(definition.at("/condition/all/0/value").asText()).isEqualTo(sku);
        assertThat(definition.at("/condition/all/1/value").asInt()).isEqualTo(2);
        assertThat(definition.at("/versions/0/definedBy").asText()).isEqualTo("mark");

        // the list shows it, and it loads back into the editor
        click(By.id("nav-segments"));
        visible(By.cssSelector("[data-segment='" + key + "']"));
        screenshot("segments");
        click(By.id("edit-" + key));
        waitCount("1");
        assertThat(browser.findElement(By.id("seg-name")).getAttribute("value")).isEqualTo("Console repeat buyers " + run);
        screenshot("builder-loaded");

        click(By.id("sign-out"));
        visible(By.id("login-user"));
        assertThat(js("return sessionStorage.length")).isEqualTo(0L);
    }

    @Test
    void an_auditor_is_offered_segments_to_read_but_no_segment_editing_and_a_wrong_password_is_refused() {
        visible(By.id("login-user"));
        type(By.id("login-user"), "audrey");
        type(By.id("login-password"), "not-the-password");
        click(By.id("login-submit"));
        waitText(By.id("login-error"), "Wrong user name or password.");
        assertThat(js("return sessionStorage.length")).isEqualTo(0L);

        signIn("audrey");
        visible(By.id("nav-segments"));
        assertThat(browser.findElements(By.id("nav-builder"))).isEmpty();
        assertThat(browser.findElements(By.id("nav-customers"))).isEmpty();
        visible(By.cssSelector("main h1"));
        assertThat(browser.findElements(By.id("new-segment"))).isEmpty();
        assertThat(browser.findElements(By.id("nav-models"))).hasSize(1);
        click(By.id("nav-offers"));
        waitText(By.cssSelector("main h1"), "Offers and coupons");
        assertThat(browser.findElements(By.id("offer-form"))).as("an auditor reads offers but does not create them").isEmpty();
        click(By.id("nav-segments"));
        waitText(By.cssSelector("main h1"), "Segments");
        assertThat(browser.findElements(By.cssSelector("[id^='edit-']"))).isEmpty();
        screenshot("auditor-segments");

        // typing the builder's address says it is not for this role, and leads back to what the role may use
        browser.get(url("/console/#/builder"));
        waitText(By.id("not-allowed"), "Not allowed");
        assertThat(browser.findElements(By.id("save-segment"))).isEmpty();
        click(By.linkText("Go to Segments"));
        waitText(By.cssSelector("main h1"), "Segments");
        assertThat(browser.getCurrentUrl()).endsWith("#/segments");
    }

    @Test
    void an_auditor_reads_an_experiment_report_with_a_chart_per_metric_and_the_winner() {
        // 2,000 customers per arm: the treatment's 15 % visits against the control's 10 % is a clear winner
        StringBuilder csv = new StringBuilder("arm,visit,spend\n");
        for (int i = 0; i < 2_000; i++) {
            csv.append("control,").append(i % 10 == 0 ? 1 : 0).append(",").append(i % 10 == 0 ? "20.0" : "0").append('\n');
            csv.append("coupon,").append(i % 20 < 3 ? 1 : 0).append(",").append(i % 20 < 3 ? "25.0" : "0").append('\n');
        }
        String key = "console-" + run;
        Api.Response recorded = api.multipart("PUT", "/api/v1/experiments/" + key + "/results", Api.analyst(),
                java.util.Map.of("name", "Console coupon test " + run, "armColumn", "arm", "control", "control", "rates", "visit",
                        "values", "spend"), "file", "results.csv", csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(200);

        signIn("audrey");
        click(By.id("nav-experiments"));
        click(By.id("open-" + key));
        waitText(By.id("experiment-winner"), "Winner on visit: coupon");
        click(By.id("nav-models"));
        click(By.id("open-model-churn"));
        visible(By.id("model-versions"));
        assertThat(browser.findElements(By.id("train-model"))).as("an auditor reads models but does not train").isEmpty();
        click(By.id("nav-experiments"));
        click(By.id("open-" + key));
        waitText(By.id("experiment-winner"), "Winner on visit: coupon");
        assertThat(browser.findElements(By.cssSelector("figure.chart"))).hasSize(2);
        assertThat(browser.findElements(By.cssSelector("figure.chart[data-metric='visit'] rect.bar"))).hasSize(2);
        assertThat(browser.findElement(By.cssSelector("figure.chart[data-metric='visit'] svg")).getAttribute("aria-label"))
                .contains("control 10.00 %").contains("coupon 15.00 %");
        assertThat(text(By.cssSelector("#comparisons tr[data-arm='coupon'][data-metric='visit'] .difference"))).isEqualTo("+5.00 pp");
        screenshot("experiment-report");
    }

    @Test
    void a_marketer_creates_a_tiered_offer_sees_a_wrong_tier_named_and_activates_it() {
        signIn("mark");
        click(By.id("nav-offers"));
        String name = "Console spend and save " + run;
        type(By.cssSelector("#offer-form [data-field='name'] input"), name);
        By tier = By.cssSelector("#offer-form .tier");
        type(By.cssSelector("#offer-form .tier .tier-threshold"), "100");
        type(By.cssSelector("#offer-form .tier .tier-discount"), "-20");
        click(By.id("add-tier"));
        WebElement second = browser.findElements(tier).get(1);
        second.findElement(By.cssSelector(".tier-threshold")).sendKeys("200");
        second.findElement(By.cssSelector(".tier-discount")).sendKeys("50");
        click(By.id("create-offer"));
        waitText(By.cssSelector("#offer-form .tier .tier-error"), "reward.tiers[0].discount");
        assertThat(text(By.id("offer-status"))).contains("not created");
        screenshot("offer-invalid-tier");

        WebElement discount = browser.findElement(By.cssSelector("#offer-form .tier .tier-discount"));
        discount.clear();
        discount.sendKeys("20");
        click(By.id("create-offer"));
        waitText(By.id("offer-status"), "created as a draft");
        String offerId = text(By.id("offer-status")).replaceAll(".*Offer (\\S+) created.*", "$1");
        By row = By.cssSelector("#offers-table tr[data-offer='" + offerId + "']");
        waitText(new By.ByCssSelector("#offers-table tr[data-offer='" + offerId + "'] .state"), "draft");
        assertThat(browser.findElement(row).getText()).contains(name).contains("CN¥100.00 − CN¥20.00").contains("CN¥200.00 − CN¥50.00");
        browser.findElement(row).findElement(By.cssSelector("button[data-action='activate']")).click();
        waitText(new By.ByCssSelector("#offers-table tr[data-offer='" + offerId + "'] .state"), "active");
        screenshot("offers");

        Api.Response offer = api.get("/api/v1/offers/" + offerId, Api.marketer());
        assertThat(offer.json().get("state").asText()).isEqualTo("ACTIVE");
        assertThat(offer.json().at("/terms/reward/tiers/1/discount").decimalValue()).isEqualByComparingTo("50");
        assertThat(offer.json().at("/terms/stock").asInt()).isEqualTo(1000);
    }

    @Test
    void a_marketer_installs_the_seed_journeys_sees_a_graph_drawn_fixes_a_journey_the_check_names_and_pauses_it() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String voucher = Offers.active(api, """
                {"name":"Console 5 off %s","currency":"CNY","stock":100,"perCustomerLimit":1,
                 "reward":{"kind":"voucher","amount":5},"validFrom":"%s","validUntil":"%s"}
                """.formatted(run, now.minus(1, ChronoUnit.DAYS), now.plus(30, ChronoUnit.DAYS)));
        String wakeUp = Offers.active(api, """
                {"name":"Console wake-up %s","currency":"CNY","stock":100,"perCustomerLimit":1,
                 "reward":{"kind":"threshold","tiers":[{"threshold":50,"discount":10}]},"validFrom":"%s","validUntil":"%s"}
                """.formatted(run, now.minus(1, ChronoUnit.DAYS), now.plus(30, ChronoUnit.DAYS)));
        assertThat(api.postJson("/api/v1/segments/presets/about_to_churn", Api.marketer(), "").status()).isIn(200, 201);

        signIn("mark");
        click(By.id("nav-journeys"));
        WebElement seeds = visible(By.id("seeds-form"));
        List<WebElement> pickers = seeds.findElements(By.tagName("select"));
        new Select(pickers.get(0)).selectByValue(voucher);
        new Select(pickers.get(1)).selectByValue(wakeUp);
        click(By.id("install-seeds"));
        waitText(By.id("seeds-status"), "4 journeys published.");
        for (String key : List.of("login-recommendation", "cart-recovery", "churn-wake-up", "stroller-car-seat")) {
            visible(By.cssSelector("#journeys-table tr[data-journey='" + key + "']"));
        }
        screenshot("journeys");

        click(By.cssSelector("#journeys-table tr[data-journey='login-recommendation'] a"));
        visible(By.id("journey-flow"));
        assertThat(browser.findElements(By.cssSelector("#journey-flow rect.step"))).hasSize(5);
        assertThat(browser.findElement(By.cssSelector("#journey-flow rect[data-step='wait-order']")).getAttribute("class"))
                .contains("step-wait-for-event");
        assertThat(text(By.tagName("main"))).contains("Trigger: login");
        screenshot("journey-flow");

        click(By.linkText("← All journeys"));
        String key = "console-welcome-" + run;
        type(By.id("journey-key"), key);
        String broken = """
                {"name":"Welcome back","trigger":{"type":"event","on":{"event":"login"}},"start":"hello",
                 "nodes":[{"type":"send-message","id":"hello","channel":"inbox","body":"Hi {{profile.value.ltvv}}","next":"nowhere"},
                          {"type":"exit","id":"done"}],
                 "reentry":{"policy":"after-exit"},"priority":10}""";
        WebElement json = visible(By.id("journey-json"));
        json.clear();
        json.sendKeys(broken);
        click(By.id("check-journey"));
        waitText(By.id("journey-check"), "node 'hello': next 'nowhere' is not a node");
        assertThat(text(By.id("journey-check"))).contains("node 'hello': body: {{profile.value.ltvv}}: unknown field");
        screenshot("journey-check");

        json.clear();
        json.sendKeys(broken.replace("Hi {{profile.value.ltvv}}", "Hi {{profile.value.ltv}}").replace("\"nowhere\"", "\"done\""));
        click(By.id("publish-journey"));
        waitText(By.id("journey-check"), "Published " + key + ", version 1.");
        By row = By.cssSelector("#journeys-table tr[data-journey='" + key + "']");
        visible(row).findElement(By.cssSelector("button[data-action='pause']")).click();
        waitText(new By.ByCssSelector("#journeys-table tr[data-journey='" + key + "'] .state"), "paused");
        assertThat(api.get("/api/v1/journeys/" + key, Api.analyst()).json().at("/journey/state").asText()).isEqualTo("paused");
        // the seed journeys would otherwise enroll the customers of every later test of the shared context
        for (String seed : List.of("login-recommendation", "cart-recovery", "churn-wake-up", "stroller-car-seat")) {
            if (api.get("/api/v1/journeys/" + seed, Api.analyst()).json().at("/journey/state").asText().equals("active")) {
                assertThat(api.postJson("/api/v1/journeys/" + seed + "/pause", Api.marketer(), "").status()).isEqualTo(200);
            }
        }
    }

    /**
     * Recommendations, not a customer-scoring model: a promoted churn, LTV or cluster model would score
     * every later order of the shared test context and add a score event to other tests' histories.
     */
    @Test
    void an_admin_trains_a_model_version_and_sees_its_metrics_and_the_gates_decision() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (int c = 0; c < 12; c++) {
            for (int o = 0; o <= c % 3; o++) {
                order("con-m-" + run + "-" + c, "CM" + c + "-" + o + "-" + run, now.minus(Duration.ofDays(10L * c + o + 1)),
                        "CON-M-" + run + "-" + ((c + o) % 4), String.valueOf(5 + c));
            }
        }
        signIn("admin", TestUsers.ADMIN_PASSWORD);
        click(By.id("nav-models"));
        click(By.id("open-model-recommendations"));
        String before = text(By.cssSelector("#models-table tr[data-model='recommendations'] td.num"));
        click(By.id("train-model"));
        new WebDriverWait(browser, Duration.ofMinutes(3)).until(
                ExpectedConditions.textMatches(By.id("training-status"), java.util.regex.Pattern.compile("Version \\d+ trained")));
        int version = Integer.parseInt(before.replace(",", "")) + 1;
        By article = By.cssSelector("#model-versions article[data-version='" + version + "']");
        visible(article);
        assertThat(browser.findElements(By.cssSelector("#model-versions article[data-version='" + version + "'] .reasons li")))
                .as("the gate's decision in words").isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("#model-versions article[data-version='" + version + "'] tr[data-metric='hr@10']")))
                .as("HR@10 against popularity's").hasSize(1);
        waitText(By.cssSelector("#models-table tr[data-model='recommendations'] td.num"), String.valueOf(version));
        screenshot("models-trained");
    }

    /**
     * Six buyers with inbox consent in a segment, a campaign of two variants drafted through the form (the
     * first save refused, its error shown next to the body it names), scheduled, run to the end and its
     * results read with the charts; an analyst reads the same pages without any button to change them.
     */
    @Test
    void a_marketer_drafts_a_campaign_in_the_editor_schedules_it_and_watches_its_results_an_analyst_only_reads() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String sku = "CON-C-" + run;
        List<String> members = java.util.stream.IntStream.range(0, 6).mapToObj(i -> "con-c-" + run + "-" + i).toList();
        members.parallelStream().forEach(m -> order(m, "CC-" + m, now.minus(Duration.ofDays(2)), sku, "10.00"));
        inboxConsent(members, now.minus(Duration.ofDays(1)));
        String segment = "con_c_" + run.replace('-', '_');
        segmentOfBuyers(segment, sku, members.size());
        String voucher = Offers.active(api, """
                {"name":"Console campaign voucher %s","currency":"CNY","stock":100,"perCustomerLimit":1,
                 "reward":{"kind":"voucher","amount":5},"validFrom":"%s","validUntil":"%s"}
                """.formatted(run, now.minus(1, ChronoUnit.DAYS), now.plus(30, ChronoUnit.DAYS)));

        signIn("mark");
        click(By.id("nav-campaigns"));
        click(By.id("new-campaign"));
        String name = "Console spring " + run;
        type(By.cssSelector("#campaign-form [data-field='name'] input"), name);
        click(By.cssSelector("#pick-segments input[data-segment='" + segment + "']"));
        By firstBody = By.cssSelector("#campaign-variants [data-field='variants[0].body'] textarea");
        type(firstBody, "Hi {{profile.value.ltvv}}");
        click(By.id("add-variant"));
        By second = By.cssSelector("#campaign-variants li.variant[data-field='variants[1]']");
        assertThat(browser.findElement(second).findElement(By.cssSelector("[data-part='key']")).getAttribute("value")).isEqualTo("b");
        browser.findElement(second).findElement(By.cssSelector("[data-part='body']")).sendKeys("New season, new prices");
        new Select(browser.findElement(second).findElement(By.cssSelector("[data-part='offerId']"))).selectByValue(voucher);
        type(By.cssSelector("#campaign-form [data-field='holdoutShare'] input"), "0");
        type(By.cssSelector("#campaign-form [data-field='messagesPerSecond'] input"), "2");

        // refused: the server's words next to the first variant's body, nothing recorded
        int before = api.get("/api/v1/campaigns", Api.analyst()).json().size();
        click(By.id("save-campaign"));
        waitText(By.cssSelector("#campaign-variants [data-field='variants[0].body'] .field-error"),
                "variants[0].body: {{profile.value.ltvv}}");
        assertThat(browser.findElement(firstBody).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(text(By.id("campaign-status"))).contains("not saved");
        assertThat(browser.findElement(By.cssSelector("#campaign-variants [data-field='variants[1].body'] .field-error")).getText()).isEmpty();
        assertThat(api.get("/api/v1/campaigns", Api.analyst()).json().size()).isEqualTo(before);
        screenshot("campaign-refused-field");

        WebElement body = browser.findElement(firstBody);
        body.clear();
        body.sendKeys("Hello {{customer.id}}, spring is here");
        click(By.id("save-campaign"));
        waitAttribute(By.id("campaign-state"), "data-state", "DRAFT", WAIT);
        String id = browser.getCurrentUrl().replaceAll(".*#/campaigns/", "");
        assertThat(id).matches("cmp-[0-9a-z]{10}");
        JsonNode plan = api.get("/api/v1/campaigns/" + id, Api.analyst()).json().get("plan");
        assertThat(plan.get("name").asText()).isEqualTo(name);
        assertThat(plan.at("/segments/0").asText()).isEqualTo(segment);
        assertThat(plan.at("/variants/1/offerId").asText()).isEqualTo(voucher);
        assertThat(plan.at("/variants/0/channel").asText()).isEqualTo("inbox");
        assertThat(plan.get("messagesPerSecond").asInt()).isEqualTo(2);
        assertThat(plan.get("holdoutShare").asDouble()).isZero();
        assertThat(browser.findElements(By.id("campaign-pause"))).as("a draft is scheduled, not paused").isEmpty();
        screenshot("campaign-draft");

        // scheduled (send time ten minutes ahead: deadlines run faster in the test context), run, completed
        click(By.id("campaign-schedule"));
        waitAttribute(By.id("campaign-state"), "data-state", "COMPLETED", Duration.ofSeconds(60));
        waitText(By.id("campaign-state"), "audience exhausted");
        waiting(Duration.ofSeconds(30)).until(d -> assignedInReport() == members.size());
        assertThat(browser.findElements(By.cssSelector("#report-arms tbody tr"))).hasSize(2);
        assertThat(text(By.cssSelector("#report-arms tr[data-arm='a'] th"))).contains("control");
        assertThat(browser.findElements(By.cssSelector("#chart-conversion rect.bar"))).hasSize(2);
        assertThat(browser.findElements(By.cssSelector("#chart-funnel rect[data-arm='b']"))).hasSize(5);
        assertThat(attribute(By.cssSelector("#chart-conversion svg"), "aria-label")).contains("a ").contains("b ");
        assertThat(text(By.id("campaign-progress"))).contains("6 sent");
        assertThat(text(By.id("campaign-decision"))).as("a completed campaign is not told to keep running").doesNotContain("Keep")
                .matches("(Winner: .*|No winner: .*|No comparison yet.*)");
        assertThat(browser.findElements(By.cssSelector("#campaign-actions button"))).as("nothing to do on a completed campaign").isEmpty();
        screenshot("campaign-report");

        new Select(browser.findElement(By.id("lang"))).selectByValue("zh");
        waitText(By.id("nav-campaigns"), "营销活动");
        waiting(WAIT).until(ExpectedConditions.textToBe(By.cssSelector("#report-arms tr[data-arm='a'] td:nth-last-child(2)"), "¥0.00")); // CN¥0.00 in English
        assertThat(text(By.id("report-title"))).isEqualTo("效果");
        screenshot("campaign-report-zh");
        new Select(browser.findElement(By.id("lang"))).selectByValue("en");
        waitText(By.id("nav-campaigns"), "Campaigns");
        click(By.id("sign-out"));

        // an analyst reads the list, the completed campaign and a draft; no new-campaign link, no buttons, no editor
        Api.Response draft = api.postJson("/api/v1/campaigns", Api.marketer(), """
                {"name":"Console draft %s","goal":"conversion","startsAt":"%s","endsAt":"%s","budget":{"amount":100,"currency":"CNY"},
                 "segments":["%s"],"variants":[{"key":"a","weight":1,"channel":"inbox","body":"Hello"}],
                 "sendAt":"%s","messagesPerSecond":5,"priority":10}
                """.formatted(run, now, now.plus(Duration.ofDays(30)), segment, now.plus(Duration.ofDays(1))));
        assertThat(draft.status()).as(draft.body()).isEqualTo(201);
        String draftId = draft.json().get("campaignId").asText();
        visible(By.id("login-user"));
        signIn("ana");
        click(By.id("nav-campaigns"));
        visible(By.cssSelector("#campaigns-table tr[data-campaign='" + id + "']"));
        assertThat(browser.findElements(By.id("new-campaign"))).isEmpty();
        screenshot("campaigns-analyst");
        click(By.id("open-" + id));
        waiting(WAIT).until(d -> assignedInReport() == members.size());
        assertThat(browser.findElements(By.cssSelector("#chart-conversion rect.bar"))).hasSize(2);
        assertThat(browser.findElements(By.cssSelector("#campaign-actions button"))).isEmpty();
        browser.get(url("/console/#/campaigns/" + draftId));
        waitAttribute(By.id("campaign-state"), "data-state", "DRAFT", WAIT);
        assertThat(browser.findElements(By.id("campaign-schedule"))).as("an analyst does not schedule").isEmpty();
        assertThat(browser.findElements(By.id("campaign-form"))).as("an analyst does not edit").isEmpty();
        browser.get(url("/console/#/campaigns/new"));
        visible(By.id("campaigns-table"));
        assertThat(browser.findElements(By.id("campaign-form"))).isEmpty();
        screenshot("campaign-draft-analyst");
    }

    @Test
    void a_marketer_issues_a_coupon_to_a_customer_and_an_auditor_looks_its_code_up() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String customer = order("con-cp-" + run, "CP-" + run, now.minus(Duration.ofDays(1)), "CON-CP-" + run, "20.00");
        String offer = Offers.active(api, """
                {"name":"Console coupon %s","currency":"CNY","stock":10,"perCustomerLimit":1,
                 "reward":{"kind":"voucher","amount":8},"validFrom":"%s","validUntil":"%s"}
                """.formatted(run, now.minus(1, ChronoUnit.DAYS), now.plus(30, ChronoUnit.DAYS)));

        signIn("mark");
        click(By.id("nav-offers"));
        new Select(visible(By.cssSelector("#coupon-issue [data-field='offerId'] select"))).selectByValue(offer);
        type(By.cssSelector("#coupon-issue [data-field='customerId'] input"), "no-such-customer-" + run);
        click(By.id("issue-coupon"));
        waitText(By.cssSelector("#coupon-issue [data-field='customerId'] .field-error"), "customerId: no customer no-such-customer-" + run);
        type(By.cssSelector("#coupon-issue [data-field='customerId'] input"), customer);
        click(By.id("issue-coupon"));
        waitText(By.id("issue-status"), "issued");
        String code = text(By.id("issue-status")).replaceAll(".*Coupon (\\S+) issued.*", "$1");
        Api.Response issued = await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/v1/coupons/" + code, Api.analyst()),
                r -> r.status() == 200);
        assertThat(issued.json().get("customerId").asText()).isEqualTo(customer);
        screenshot("coupon-issued");
        click(By.id("sign-out"));

        signIn("audrey");
        click(By.id("nav-offers"));
        assertThat(browser.findElements(By.id("coupon-issue"))).as("an auditor does not issue coupons").isEmpty();
        type(By.id("coupon-code"), code);
        click(By.id("find-coupon"));
        waitAttribute(By.id("coupon-status"), "data-status", "VALID", WAIT);
        assertThat(text(By.id("coupon-status"))).isEqualTo("valid");
        assertThat(text(By.id("coupon-offer"))).contains("Console coupon " + run).contains(offer);
        assertThat(text(By.id("coupon-customer"))).isEqualTo(customer);
        assertThat(text(By.id("coupon-redeemed"))).isEqualTo("no");
        type(By.id("coupon-code"), "NOPE");
        click(By.id("find-coupon"));
        waitText(By.id("coupon-result"), "No coupon NOPE.");
        screenshot("coupon-lookup");
    }

    /**
     * A marketer lands on the overview; filtered to a journey, the inbox channel shows its first message's
     * exposure, then the second's and a converted order's revenue arrive while the page stays open (no reload):
     * the live refresh. Leaving the page stops it. A marketer has no audit page in the menu.
     */
    @Test
    void a_marketer_lands_on_the_overview_and_watches_a_journeys_exposure_and_revenue_move_live() {
        String key = "console-overview-" + run;
        Api.Response published = api.putJson("/api/v1/journeys/" + key, Api.marketer(), """
                {"name": "Console overview thanks", "trigger": {"type": "event", "on": {"event": "custom:ov-%s"}},
                 "start": "thanks",
                 "nodes": [{"type": "send-message", "id": "thanks", "channel": "inbox", "body": "Thanks.", "next": "done"},
                           {"type": "exit", "id": "done"}],
                 "reentry": {"policy": "never"}}""".formatted(run));
        assertThat(published.status()).as(published.body()).isEqualTo(200);
        List<String> members = List.of("CON-OV-" + run + "-1", "CON-OV-" + run + "-2");
        List<CustomerId> customers = members.stream().map(m -> CustomerId.firstSeenAs(CustomerIdentifier.parse("member:" + m))).toList();
        for (int i = 0; i < members.size(); i++) {
            commands.sendAndWait(new RecordConsentCommand(customers.get(i), CustomerIdentifier.parse("member:" + members.get(i)),
                    new ConsentStatement(ConsentChannel.IN_APP, ConsentPurpose.MARKETING, true, Instant.now().minus(1, ChronoUnit.DAYS)),
                    "crm-console"));
        }
        sleep(1200); // the trigger matcher's cache of journeys may be a second old
        trigger(customers.get(0), "ov-" + run);

        signIn("mark");
        waitText(By.cssSelector("main h1"), "Overview");
        assertThat(browser.getCurrentUrl()).as("the landing page").endsWith("#/overview");
        assertThat(browser.findElements(By.id("nav-audit"))).as("no audit page for a marketer").isEmpty();
        js("performance.setResourceTimingBufferSize(2000); window.overviewMarker = 'the same page';");
        new Select(visible(By.id("overview-period"))).selectByValue("24h");
        new Select(visible(By.id("overview-bucket"))).selectByValue("hour");
        new Select(visible(By.id("overview-journey"))).selectByValue(key);
        By inboxExposure = By.cssSelector("#breakdown-channel tr[data-key='inbox'] td.exposure");
        waiting(Duration.ofSeconds(60)).until(ExpectedConditions.textToBe(inboxExposure, "1"));
        assertThat(text(By.cssSelector("#kpi-exposure .value"))).isEqualTo("1");
        assertThat(text(By.cssSelector("#breakdown-channel tr[data-key='inbox'] th"))).isEqualTo("In-app inbox");
        assertThat(browser.findElements(By.cssSelector("#chart-funnel path.line[data-series='exposure']"))).hasSize(1);
        assertThat(attribute(By.cssSelector("#chart-by-channel svg"), "aria-label")).isEqualTo("Exposure by channel: In-app inbox 1");
        assertThat(text(By.id("overview-updated"))).startsWith("Updated at").contains("refreshes every 5 s");
        screenshot("overview");

        // the second message, then an order converting for the first customer's: the page moves by itself
        awaitEvents(customers.get(0), "MessageDeliveredEvent", 1);
        trigger(customers.get(1), "ov-" + run);
        waiting(Duration.ofSeconds(60)).until(ExpectedConditions.textToBe(inboxExposure, "2"));
        order(members.get(0), "COV-" + run, Instant.now(), "CON-OV-" + run, "10.00");
        waiting(Duration.ofSeconds(60)).until(ExpectedConditions.textToBe(By.cssSelector("#kpi-converted .value"), "1"));
        assertThat(text(By.cssSelector("#kpi-revenue .value"))).isEqualTo("CN¥100.00");
        assertThat(text(By.cssSelector("#breakdown-channel tr[data-key='inbox'] td.revenue"))).isEqualTo("CN¥100.00");
        assertThat(browser.findElements(By.cssSelector("#chart-revenue rect.bar[data-series='revenue']")).stream()
                .filter(r -> Double.parseDouble(r.getAttribute("height")) > 0)).hasSize(1);
        assertThat(js("return window.overviewMarker")).as("updated without a reload").isEqualTo("the same page");
        screenshot("overview-live");
        new Select(browser.findElement(By.id("lang"))).selectByValue("zh");
        waitText(By.cssSelector("main h1"), "概览");
        waiting(WAIT).until(ExpectedConditions.textToBe(By.cssSelector("#kpi-revenue .value"), "¥100.00"));
        screenshot("overview-zh");
        new Select(browser.findElement(By.id("lang"))).selectByValue("en");
        waitText(By.cssSelector("main h1"), "Overview");

        // leaving the page stops the refresh
        click(By.id("nav-journeys"));
        waitText(By.cssSelector("main h1"), "Journeys");
        // a read started before leaving may still end meanwhile: only reads started after it count
        js("window.leftOverviewAt = performance.now()");
        sleep(6_000);
        assertThat(js("return performance.getEntriesByType('resource').filter(e => e.name.includes('/dashboards/marketing')"
                + " && e.startTime > window.leftOverviewAt).length")).as("no dashboard read after leaving the overview").isEqualTo(0L);
        api.postJson("/api/v1/journeys/" + key + "/retire", Api.marketer(), "");
    }

    /**
     * The auditor asks for a customer's profile as of a moment between their two orders and sees one order
     * then and two now, the difference marked; seals and verifies the hash chain to VERIFIED; and downloads
     * the customer's audit trail as a CSV file.
     */
    @Test
    void an_auditor_sees_a_profile_before_an_order_beside_now_verifies_the_chain_and_downloads_the_trail() throws IOException {
        String member = "con-asof-" + run;
        String sku = "CON-ASOF-" + run;
        CustomerId customer = new CustomerId(order(member, "CAS1-" + run, Instant.now().minus(Duration.ofDays(2)), sku, "10.00"));
        awaitEvents(customer, "OrderPlacedEvent", 1);
        // a whole second after the first order was stored (the picker has seconds), and the second stored after it
        Instant between = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        sleep(Duration.between(Instant.now(), between).toMillis() + 600);
        order(member, "CAS2-" + run, Instant.now().minus(Duration.ofDays(1)), sku, "5.00");
        awaitEvents(customer, "OrderPlacedEvent", 2);

        signIn("audrey");
        click(By.id("nav-audit"));
        type(By.id("audit-customer"), customer.value());
        click(By.id("audit-load"));
        WebElement at = visible(By.id("asof-at"));
        ((JavascriptExecutor) browser).executeScript("""
                const d = new Date(arguments[1]); const p = (n) => String(n).padStart(2, '0');
                arguments[0].value = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;""",
                at, between.toEpochMilli());
        click(By.id("asof-show"));
        By count = By.cssSelector("#asof-table tr[data-field='orders.count']");
        waitText(By.cssSelector("#asof-table tr[data-field='orders.count'] td.then"), "1");
        assertThat(text(By.cssSelector("#asof-table tr[data-field='orders.count'] td.now"))).isEqualTo("2");
        assertThat(browser.findElement(count).getAttribute("class")).isEqualTo("changed");
        assertThat(text(count)).endsWith("changed");
        assertThat(text(By.cssSelector("#asof-table tr[data-field='orders.revenue'] td.then"))).isEqualTo("CN¥100.00");
        assertThat(text(By.cssSelector("#asof-table tr[data-field='orders.revenue'] td.now"))).isEqualTo("CN¥150.00");
        assertThat(text(By.cssSelector("#asof-table thead"))).contains(between.toString());
        assertThat(text(By.id("asof-summary"))).matches("\\d+ of \\d+ fields differ\\.");
        screenshot("audit-profile-as-of");

        // the hash chain: sealed now, then verified from the first event
        click(By.id("chain-seal"));
        visible(By.id("chain-events"));
        click(By.id("chain-verify"));
        waiting(Duration.ofMinutes(3)).until(d -> !"RUNNING".equals(d.findElement(By.id("chain-status")).getAttribute("data-status")));
        screenshot("audit-chain-result");
        assertThat(text(By.id("chain-status"))).as("the server's detail: %s", text(By.id("chain-detail"))).startsWith("VERIFIED");
        assertThat(text(By.id("chain-detail"))).contains("checkpoints matches");
        click(By.cssSelector("#chain-history > summary"));
        By latest = By.cssSelector("#chain-verifications-table tbody tr:first-child");
        assertThat(attribute(latest, "data-status")).isEqualTo("VERIFIED");
        assertThat(text(latest)).contains("audrey");

        // the audit trail, saved as a file
        Path file = DOWNLOADS.resolve("audit-trail-" + customer.value() + ".csv");
        Files.deleteIfExists(file);
        click(By.id("trail-download"));
        waitText(By.id("trail-status"), "Downloaded audit-trail-" + customer.value() + ".csv");
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(file));
        List<org.apache.commons.csv.CSVRecord> rows = org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                .get().parse(Files.newBufferedReader(file)).getRecords();
        assertThat(rows).isNotEmpty();
        assertThat(rows.get(0).isMapped("leafSha256")).isTrue();
        assertThat(rows.stream().filter(r -> r.get("event").equals("OrderPlacedEvent"))).hasSize(2);
        assertThat(text(By.id("trail-status"))).endsWith(" " + rows.size() + " events.");
        screenshot("audit-trail");
    }

    // ---- helpers ----------------------------------------------------------------------------------

    /** The customers assigned to any arm, as the report table shows them (0 while it is not there). */
    private long assignedInReport() {
        return browser.findElements(By.cssSelector("#report-arms tbody td.assigned")).stream()
                .mapToLong(c -> {
                    try {
                        return Long.parseLong(c.getText().replace(",", ""));
                    } catch (RuntimeException e) {
                        return 0;
                    }
                }).sum();
    }

    /** Marketing consent for the in-app inbox, for every member (campaigns on the inbox need it). */
    @Test
    void an_auditor_sees_why_a_customer_got_a_journey_message_the_journey_shows_live_counts_and_a_marketer_has_no_audit_page() {
        // a small journey on a custom event (as MessageExplanationsTest): a split, then an inbox message on either arm
        String key = "console-why-" + run;
        Api.Response published = api.putJson("/api/v1/journeys/" + key, Api.marketer(), """
                {"name": "Console wishlist thanks", "trigger": {"type": "event", "on": {"event": "custom:wish-%s"}},
                 "start": "ab",
                 "nodes": [
                   {"type": "split", "id": "ab", "branches": [{"key": "control", "weight": 1, "next": "thanks"},
                                                              {"key": "b", "weight": 1, "next": "thanks-b"}]},
                   {"type": "send-message", "id": "thanks", "channel": "inbox", "title": "Thanks", "body": "Thanks for your wish.", "next": "done"},
                   {"type": "send-message", "id": "thanks-b", "channel": "inbox", "title": "Thanks!", "body": "Thanks a lot.", "next": "done"},
                   {"type": "exit", "id": "done"}],
                 "reentry": {"policy": "never"}, "priority": 10}""".formatted(run));
        assertThat(published.status()).as(published.body()).isEqualTo(200);
        // a schedule-triggered journey (retired at once: it is here to be read, not to fire)
        String segment = "console_sched_" + run.replace('-', '_');
        Api.Response defined = api.putJson("/api/v1/segments/" + segment, Api.marketer(), """
                {"name":"Console schedule audience","condition":{"field":"behaviour.preferredProducts","op":"eq","value":"NONE-%s"}}"""
                .formatted(run));
        assertThat(defined.status()).as(defined.body()).isEqualTo(200);
        String scheduled = "console-weekly-" + run;
        Api.Response weekly = api.putJson("/api/v1/journeys/" + scheduled, Api.marketer(), """
                {"name": "Console weekly", "trigger": {"type": "schedule", "cron": "0 0 9 * * MON", "zone": "Europe/London", "segments": ["%s"]},
                 "start": "hello",
                 "nodes": [{"type": "send-message", "id": "hello", "channel": "inbox", "body": "Hello.", "next": "done"},
                           {"type": "exit", "id": "done"}],
                 "reentry": {"policy": "never"}}""".formatted(segment));
        assertThat(weekly.status()).as(weekly.body()).isEqualTo(200);
        assertThat(api.postJson("/api/v1/journeys/" + scheduled + "/retire", Api.marketer(), "").status()).isEqualTo(200);
        sleep(1200); // the trigger matcher's cache of journeys may be a second old

        CustomerIdentifier member = CustomerIdentifier.parse("member:CON-WHY-" + run);
        CustomerId customer = CustomerId.firstSeenAs(member);
        commands.sendAndWait(new RecordConsentCommand(customer, member, new ConsentStatement(ConsentChannel.IN_APP, ConsentPurpose.MARKETING,
                true, Instant.now().minus(1, ChronoUnit.DAYS)), "crm-console"));
        commands.sendAndWait(new RecordInteractionCommand(customer, null, new CustomerInteraction.Custom("wish-" + run, Instant.now(), "app",
                "wish-" + run, Map.of("sku", "85123A"))));
        String events = "/api/v1/customers/" + customer.value() + "/events";
        await().atMost(Duration.ofSeconds(60)).until(() -> api.get(events, Api.auditor()),
                r -> r.status() == 200 && r.body().contains("MessageDeliveredEvent"));

        // a marketer: no audit page in the menu, and its address says "not allowed"
        signIn("mark");
        visible(By.id("nav-journeys"));
        assertThat(browser.findElements(By.id("nav-audit"))).isEmpty();
        browser.get(url("/console/#/audit/" + customer.value()));
        waitText(By.id("not-allowed"), "Not allowed");
        assertThat(browser.findElements(By.id("audit-events"))).isEmpty();
        assertThat(api.get(events, Api.marketer()).status()).as("the API refuses anyway").isEqualTo(403);
        screenshot("audit-marketer-not-allowed");
        click(By.id("sign-out"));

        // the auditor: the customer's history, filtered to the decisions, then "why?"
        signIn("audrey");
        click(By.id("nav-audit"));
        type(By.id("audit-customer"), customer.value());
        click(By.id("audit-load"));
        visible(By.cssSelector("#audit-events tr[data-type='CustomEventRecordedEvent']"));
        int all = browser.findElements(By.cssSelector("#audit-events tbody tr")).size();
        new Select(browser.findElement(By.id("audit-filter"))).selectByValue("MessageAcceptedEvent");
        waiting(WAIT).until(d -> d.findElements(By.cssSelector("#audit-events tbody tr")).size() == 1);
        assertThat(all).isGreaterThan(3);
        assertThat(text(By.cssSelector("#audit-events tbody tr"))).contains("journey:");
        click(By.cssSelector("#audit-events tr[data-type='MessageAcceptedEvent'] button.why"));
        waitText(By.id("why-outcome"), "accepted");
        By triggerStep = By.cssSelector("#why-chain li[data-kind='trigger']");
        By journeyStep = By.cssSelector("#why-chain li[data-kind='journey-version']");
        assertThat(text(triggerStep)).contains("Trigger").contains("CustomEventRecordedEvent");
        assertThat(text(journeyStep)).contains("Journey step").contains("has step 'thanks");
        List<String> kinds = browser.findElements(By.cssSelector("#why-chain > li")).stream().map(li -> li.getAttribute("data-kind")).toList();
        assertThat(kinds).as("the chain in order, oldest first").containsSubsequence("trigger", "enrolled", "journey-version", "accepted");
        String triggerEventId = null;
        for (JsonNode stored : api.get(events, Api.auditor()).json().get("events")) {
            if (stored.get("type").asText().equals("CustomEventRecordedEvent")) {
                triggerEventId = stored.get("eventId").asText();
            }
        }
        assertThat(triggerEventId).isNotNull();
        assertThat(text(By.cssSelector("#why-chain li[data-kind='trigger'] .event-id"))).isEqualTo(triggerEventId);
        click(By.cssSelector("#why-chain li[data-kind='journey-version'] details > summary"));
        assertThat(text(By.cssSelector("#why-chain li[data-kind='journey-version'] details pre"))).contains("\"id\": \"thanks");
        screenshot("audit-why");
        new Select(browser.findElement(By.id("lang"))).selectByValue("zh");
        waitText(By.id("nav-audit"), "审计");
        screenshot("audit-zh");
        new Select(browser.findElement(By.id("lang"))).selectByValue("en");
        waitText(By.id("nav-audit"), "Audit");

        // the journey's graph with the live counts on its steps and the split's results per arm
        browser.get(url("/console/#/journeys/" + key));
        By split = By.cssSelector("#journey-flow text.step-counts[data-step='ab']");
        waiting(WAIT).until(d -> {
            String reached = d.findElement(split).getAttribute("data-reached");
            return reached != null && Long.parseLong(reached) >= 1;
        });
        assertThat(text(split)).isEqualTo("1 reached");
        assertThat(text(By.cssSelector("#journey-results .split-arms"))).contains("Conversion rate").contains("Probability to beat the control");
        long entered = browser.findElements(By.cssSelector("#journey-results .split-arms td.entered")).stream()
                .mapToLong(td -> Long.parseLong(td.getText())).sum();
        assertThat(entered).isEqualTo(1);
        assertThat(text(By.cssSelector("#journey-results .split-results .notes"))).contains("no comparison yet");
        screenshot("journey-live-counts");

        browser.get(url("/console/#/journeys/" + scheduled));
        waitText(By.id("journey-trigger"), "every Monday at 09:00 (Europe/London; cron 0 0 9 * * MON), the members of " + segment);
        screenshot("journey-schedule-trigger");
        api.postJson("/api/v1/journeys/" + key + "/retire", Api.marketer(), "");
    }

    /**
     * Two journeys reach three consenting customers (c0 the first, c1 the first then the second, c2 the second),
     * all three order; an analyst defines an attribution by journey step in the page (a bad window named next to
     * it first), runs it over the last 30 days, watches the progress end and reads every model side by side:
     * last touch credits the first journey's step with c0's order and the second's with c1's and c2's, first
     * touch the other way round. A rerun gives the same fingerprint; a marketer reads the same run without
     * any button to define, run or rerun.
     */
    @Test
    void an_analyst_defines_and_runs_an_attribution_sees_the_models_side_by_side_and_a_matching_rerun_a_marketer_only_reads() {
        String first = "console-attr-a-" + run;
        String second = "console-attr-b-" + run;
        for (String[] journey : List.of(new String[]{first, "hello", "Hello"}, new String[]{second, "nudge", "New in"})) {
            Api.Response published = api.putJson("/api/v1/journeys/" + journey[0], Api.marketer(), """
                    {"name": "Console attribution %s", "trigger": {"type": "event", "on": {"event": "custom:%s"}},
                     "start": "%s",
                     "nodes": [{"type": "send-message", "id": "%s", "channel": "inbox", "title": "%s", "body": "%s.", "next": "done"},
                               {"type": "exit", "id": "done"}],
                     "reentry": {"policy": "never"}, "priority": 10}""".formatted(journey[0], journey[0], journey[1], journey[1],
                    journey[2], journey[2]));
            assertThat(published.status()).as(published.body()).isEqualTo(200);
        }
        sleep(1200); // the trigger matcher's cache of journeys may be a second old
        List<String> members = List.of("CON-ATTR-0-" + run, "CON-ATTR-1-" + run, "CON-ATTR-2-" + run);
        List<CustomerId> customers = members.stream().map(m -> {
            CustomerIdentifier member = CustomerIdentifier.parse("member:" + m);
            CustomerId customer = CustomerId.firstSeenAs(member);
            commands.sendAndWait(new RecordConsentCommand(customer, member, new ConsentStatement(ConsentChannel.IN_APP,
                    ConsentPurpose.MARKETING, true, Instant.now().minus(1, ChronoUnit.DAYS)), "crm-console"));
            return customer;
        }).toList();
        trigger(customers.get(0), first);
        trigger(customers.get(1), first);
        awaitEvents(customers.get(0), "MessageDeliveredEvent", 1);
        awaitEvents(customers.get(1), "MessageDeliveredEvent", 1);
        trigger(customers.get(1), second);
        trigger(customers.get(2), second);
        awaitEvents(customers.get(1), "MessageDeliveredEvent", 2);
        awaitEvents(customers.get(2), "MessageDeliveredEvent", 1);
        for (int i = 0; i < 3; i++) { // 10 × 1.00, 10 × 2.00, 10 × 3.00
            order(members.get(i), "CATTR-" + i + "-" + run, Instant.now(), "CON-ATTR-" + run, (i + 1) + ".00");
        }
        for (CustomerId customer : customers) {
            awaitEvents(customer, "OrderPlacedEvent", 1);
        }

        // the analyst: a definition through the form, its bad window named next to it
        signIn("ana");
        click(By.id("nav-attribution"));
        waitText(By.cssSelector("main h1"), "Attribution explorer");
        visible(By.id("attr-def-title")); // the heading comes first; the form only once the definitions are read
        if (!Boolean.TRUE.equals(js("return document.getElementById('attr-new').open"))) {
            click(By.id("attr-def-title"));
        }
        String key = "console-" + run;
        type(By.cssSelector("#attr-def-form [data-field='key'] input"), key);
        type(By.cssSelector("#attr-def-form [data-field='name'] input"), "Console journey steps " + run);
        type(By.cssSelector("#attr-def-form [data-field='window'] input"), "7 days");
        new Select(browser.findElement(By.cssSelector("#attr-def-form [data-field='groupBy'] select"))).selectByValue("step");
        assertThat(browser.findElements(By.cssSelector("#attr-def-form [data-field='models'] input:checked"))).hasSize(6);
        click(By.id("attr-def-save"));
        waitText(By.cssSelector("#attr-def-form [data-field='window'] .field-error"), "window: an ISO-8601 duration such as P7D");
        assertThat(attribute(By.cssSelector("#attr-def-form [data-field='window'] input"), "aria-invalid")).isEqualTo("true");
        assertThat(text(By.id("attr-def-status"))).contains("Not saved");
        assertThat(api.get("/api/v1/attribution/definitions/" + key, Api.analyst()).status()).as("nothing stored").isEqualTo(404);
        screenshot("attribution-invalid-window");
        type(By.cssSelector("#attr-def-form [data-field='window'] input"), "P1D");
        click(By.id("attr-def-save"));
        waitText(By.id("attr-def-saved"), "Saved " + key + ", version 1.");
        assertThat(browser.findElement(By.id("attr-definition")).getAttribute("value")).isEqualTo(key);
        assertThat(text(By.id("attr-def-models"))).isEqualTo("First touch, Last touch, Linear, Time decay, Position based, Markov");

        // a run over the default period (the last 30 days): the progress, then the models side by side
        click(By.id("attr-start"));
        waiting(WAIT).until(d -> d.getCurrentUrl().matches(".*#/attribution/[0-9a-f-]{36}$"));
        String runId = browser.getCurrentUrl().replaceAll(".*#/attribution/", "");
        visible(By.id("attr-progress"));
        waitAttribute(By.id("attr-progress-label"), "data-status", "COMPLETED", Duration.ofMinutes(2));
        assertThat(attribute(By.id("attr-progress"), "value")).isEqualTo("100");
        assertThat(text(By.id("attr-progress-label"))).startsWith("Completed: 100");
        JsonNode result = api.get("/api/v1/attribution/runs/" + runId, Api.analyst()).json().get("result");
        String currency = result.get("currencies").size() == 1 ? result.get("currencies").get(0).asText() : null;
        String hello = "journey:" + first + "/hello";
        String nudge = "journey:" + second + "/nudge";
        Map<String, Map<String, String[]>> expected = Map.of(
                "last-touch", Map.of(hello, new String[]{"1.00", "10.00"}, nudge, new String[]{"2.00", "50.00"}),
                "first-touch", Map.of(hello, new String[]{"2.00", "30.00"}, nudge, new String[]{"1.00", "30.00"}),
                "linear", Map.of(hello, new String[]{"1.50", "20.00"}, nudge, new String[]{"1.50", "40.00"}),
                "position-based", Map.of(hello, new String[]{"1.50", "20.00"}, nudge, new String[]{"1.50", "40.00"}));
        expected.forEach((model, groups) -> groups.forEach((group, credit) -> {
            String row = "#attr-models tr[data-group='" + group + "'] td[data-model='" + model + "']";
            assertThat(text(By.cssSelector(row + ".conversions"))).as(model + " " + group).isEqualTo(credit[0]);
            assertThat(text(By.cssSelector(row + ".revenue"))).as(model + " revenue " + group)
                    .isEqualTo("CNY".equals(currency) ? "CN¥" + credit[1] : credit[1]);
        }));
        assertThat(browser.findElements(By.cssSelector("#attr-models thead th[scope='colgroup']"))).hasSize(6);
        assertThat(browser.findElements(By.cssSelector("#attr-chart rect.bar[data-group='" + hello + "']"))).hasSize(6);
        assertThat(browser.findElement(By.cssSelector("#attr-chart desc")).getAttribute("textContent")).contains(hello + ": First touch 2.00, Last touch 1.00, Linear 1.50");
        assertThat(browser.findElement(By.cssSelector("#attr-chart title")).getAttribute("textContent"))
                .isEqualTo("Conversions credited per group, by model");
        visible(By.cssSelector("#attr-removal tr[data-group='" + hello + "'] .removal"));
        visible(By.cssSelector("#attr-removal tr[data-group='" + nudge + "'] .removal"));
        assertThat(Long.parseLong(text(By.id("attr-total-attributed")).split(" ")[0].replace(",", ""))).isGreaterThanOrEqualTo(3);
        assertThat(text(By.id("attr-unattributed"))).endsWith("%");
        String fingerprint = text(By.id("attr-fingerprint"));
        assertThat(fingerprint).matches("[0-9a-f]{64}");
        visible(By.cssSelector("#attr-runs tr[data-run='" + runId + "']"));
        assertThat(text(By.tagName("main"))).doesNotContain("null").doesNotContain("undefined").doesNotContain("attribution.");
        screenshot("attribution-run");
        new Select(browser.findElement(By.id("lang"))).selectByValue("zh");
        waitText(By.cssSelector("#attr-models thead"), "末次触点");
        if ("CNY".equals(currency)) {
            waitText(By.cssSelector("#attr-models tr[data-group='" + hello + "'] td.revenue[data-model='last-touch']"), "¥10.00");
        }
        screenshot("attribution-run-zh");
        new Select(browser.findElement(By.id("lang"))).selectByValue("en");
        waitText(By.cssSelector("#attr-models thead"), "Last touch");

        // the rerun replays the same events: the same fingerprint, said in words
        click(By.id("attr-rerun"));
        waiting(WAIT).until(d -> d.getCurrentUrl().matches(".*#/attribution/[0-9a-f-]{36}$") && !d.getCurrentUrl().endsWith(runId));
        String rerunId = browser.getCurrentUrl().replaceAll(".*#/attribution/", "");
        waitAttribute(By.id("attr-progress-label"), "data-status", "COMPLETED", Duration.ofMinutes(2));
        waitText(By.id("attr-fingerprint-match"), "The fingerprint matches run " + runId);
        assertThat(attribute(By.id("attr-fingerprint-match"), "data-match")).isEqualTo("true");
        assertThat(text(By.id("attr-fingerprint"))).isEqualTo(fingerprint);
        visible(By.cssSelector("#attr-runs tr[data-run='" + rerunId + "']"));
        screenshot("attribution-rerun");
        click(By.id("sign-out"));

        // a marketer: the same runs, read only
        signIn("mark");
        click(By.id("nav-attribution"));
        new Select(visible(By.id("attr-definition"))).selectByValue(key);
        click(By.id("open-run-" + runId));
        waitAttribute(By.id("attr-progress-label"), "data-status", "COMPLETED", WAIT);
        waitText(By.cssSelector("#attr-models tr[data-group='" + nudge + "'] td.conversions[data-model='last-touch']"), "2.00");
        assertThat(text(By.id("attr-fingerprint"))).isEqualTo(fingerprint);
        for (String absent : List.of("attr-new", "attr-def-form", "attr-start", "attr-start-form", "attr-rerun", "attr-cancel")) {
            assertThat(browser.findElements(By.id(absent))).as("a marketer has no " + absent).isEmpty();
        }
        screenshot("attribution-marketer");
        assertThat(api.postJson("/api/v1/attribution/runs/" + runId + "/rerun", Api.marketer(), "").status())
                .as("the API refuses anyway").isEqualTo(403);
        for (String journey : List.of(first, second)) {
            api.postJson("/api/v1/journeys/" + journey + "/retire", Api.marketer(), "");
        }
    }

    private void trigger(CustomerId customer, String event) {
        commands.sendAndWait(new RecordInteractionCommand(customer, null, new CustomerInteraction.Custom(event + "-" + customer.value(),
                Instant.now(), "app", event, Map.of())));
    }

    /** Waits until the customer's stored history holds at least {@code count} events of {@code type}. */
    private void awaitEvents(CustomerId customer, String type, int count) {
        await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/api/v1/customers/" + customer.value() + "/events", Api.auditor()),
                r -> {
                    if (r.status() != 200) {
                        return false;
                    }
                    int n = 0;
                    for (JsonNode e : r.json().get("events")) {
                        if (type.equals(e.get("type").asText())) {
                            n++;
                        }
                    }
                    return n >= count;
                });
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private void inboxConsent(List<String> members, Instant at) {
        String batch = members.stream().map(m -> """
                {"customer":{"type":"member","value":"%s"},"channel":"in-app","purpose":"marketing","granted":true,"at":"%s","source":"app-settings"}"""
                .formatted(m, at)).collect(java.util.stream.Collectors.joining(",", "[", "]"));
        Api.Response response = api.postJson("/api/v1/consents", Api.ingest(), batch);
        assertThat(response.status()).as(response.body()).isEqualTo(202);
    }

    /** A segment of the buyers of {@code sku}, waited for until its {@code members} are in it. */
    private void segmentOfBuyers(String key, String sku, int members) {
        Api.Response defined = api.putJson("/api/v1/segments/" + key, Api.marketer(), """
                {"name":"Console buyers of %s","condition":{"field":"behaviour.preferredProducts","op":"eq","value":"%s"}}"""
                .formatted(sku, sku));
        assertThat(defined.status()).as(defined.body()).isEqualTo(200);
        String backfill = defined.json().at("/backfill/id").asText();
        await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/api/v1/tags/backfills/" + backfill, Api.marketer()).json(),
                b -> "COMPLETED".equals(b.get("status").asText()));
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/v1/segments/" + key + "/members", Api.analyst())
                .json().get("count").asLong(), n -> n == members);
    }

    private String order(String member, String orderId, Instant at, String sku, String unitPrice) {
        Api.Response response = api.postJson("/api/v1/ingest/orders", Api.ingest(), """
                {"orderId":"%s","customer":{"type":"member","value":"%s"},"placedAt":"%s","currency":"CNY",
                 "lines":[{"sku":"%s","name":"Console test product","quantity":10,"unitPrice":%s}],"channel":"pos","storeId":"store-7"}
                """.formatted(orderId, member, at, sku, unitPrice));
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        return response.json().get("customerId").asText();
    }

    private static By within(By node, String css) {
        return new By.ByCssSelector(cssOf(node) + " > .node-head " + css);
    }

    private static String cssOf(By by) {
        return by.toString().substring("By.cssSelector: ".length());
    }

    private void select(By node, String css, String value) {
        By control = within(node, css);
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.elementToBeClickable(control));
        new Select(browser.findElement(control)).selectByValue(value);
    }

    /** The live count after the debounced preview answered (data-count is set only from a response). */
    private void waitCount(String expected) {
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.attributeToBe(By.id("preview-count"), "data-count", expected));
    }
}
