package com.retailpulse.infra.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.CustomerInteraction;
import com.retailpulse.contracts.customer.RecordInteractionCommand;
import com.retailpulse.infra.support.Api;
import com.retailpulse.infra.support.Consents;
import com.retailpulse.infra.support.IntegrationTest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The backtest page (docs/backtests.md) in a real headless browser, set up as {@link ConsoleTest} is (Debian's
 * chromium and chromedriver, never downloaded ones). A marketer publishes a one-message journey after three
 * customers with in-app marketing consent did its trigger event; in the page they pick it, set a period around
 * now, see a bad conversion window and a broken draft named next to their fields, start the backtest, follow it to 100 % and read
 * what it would have done: three enrollments, three runs through each step, three inbox messages sent. An
 * auditor reads the same backtest from the list, with no form and no cancel button. Screenshots go to
 * target/console-screenshots/backtests/.
 */
@IntegrationTest
class ConsoleBacktestTest extends ConsoleBrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots", "backtests");

    @Override
    Path screenshots() {
        return SCREENSHOTS;
    }

    @Autowired
    CommandGateway commands;

    @Test
    void a_marketer_backtests_a_published_journey_over_a_period_around_now_and_an_auditor_reads_the_result() {
        String journey = "console-bt-" + run;
        String event = "console-bt-" + run;
        Instant now = Instant.now();
        // three customers with in-app marketing consent do the trigger event; the journey is published afterwards,
        // so it never ran live for them: what the page shows is the simulation's
        List<CustomerId> customers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            CustomerId id = Consents.inAppMember(commands, "CBT-" + i + "-" + run, "console-backtest-test");
            commands.sendAndWait(new RecordInteractionCommand(id, null, new CustomerInteraction.Custom(event + "-" + i, Instant.now(),
                    "app", event, Map.of())));
            customers.add(id);
        }
        Api.Response published = api.putJson("/api/v1/journeys/" + journey, Api.marketer(), """
                {"name":"Console backtest %s","trigger":{"type":"event","on":{"event":"custom:%s"}},"start":"hello",
                 "nodes":[{"type":"send-message","id":"hello","channel":"inbox","title":"Hello","body":"Hello","next":"done"},
                          {"type":"exit","id":"done"}],
                 "reentry":{"policy":"never"},"priority":10}""".formatted(run, event));
        assertThat(published.status()).as(published.body()).isEqualTo(200);

        try {
            // the marketer picks the journey and a period around now; a bad window is named next to its field
            signIn("mark");
            click(By.id("nav-backtests"));
            visible(By.id("bt-start-form"));
            waiting(WAIT).until(d -> !d.findElements(By.cssSelector("#bt-journey option[value='" + journey + "']")).isEmpty());
            new Select(browser.findElement(By.id("bt-journey"))).selectByValue(journey);
            waiting(WAIT).until(d -> !d.findElements(By.cssSelector("#bt-version option[value='1']")).isEmpty());
            dateTime(By.id("bt-from"), now.minus(10, ChronoUnit.MINUTES));
            dateTime(By.id("bt-to"), now.plus(10, ChronoUnit.MINUTES));
            type(By.id("bt-window"), "a week");
            click(By.id("bt-start"));
            waitText(By.cssSelector("#bt-start-form [data-field='conversionWindow'] .field-error"),
                    "conversionWindow: a positive ISO-8601 duration");
            assertThat(attribute(By.id("bt-window"), "aria-invalid")).isEqualTo("true");
            assertThat(text(By.id("bt-start-status"))).contains("Not started");
            screenshot("invalid-window");

            // a draft starts from the picked version's graph
            click(By.id("bt-source-draft"));
            waiting(WAIT).until(d -> d.findElement(By.id("bt-graph")).getAttribute("value").contains("\"hello\""));
            assertThat(attribute(By.id("bt-key"), "value")).isEqualTo(journey);
            js("const g = document.getElementById('bt-graph'); g.value = g.value.replace('\"start\": \"hello\"', '\"start\": \"nowhere\"');");
            click(By.id("bt-start"));
            waitText(By.cssSelector("#bt-start-form [data-field='graph'] .field-error"), "graph: ");
            assertThat(text(By.cssSelector("#bt-start-form [data-field='graph'] .field-error"))).contains("nowhere");
            assertThat(attribute(By.id("bt-graph"), "aria-invalid")).isEqualTo("true");
            screenshot("invalid-draft");
            click(By.id("bt-source-version"));
            assertThat(browser.findElement(By.id("bt-graph")).isDisplayed()).isFalse();

            type(By.id("bt-window"), "P7D");
            click(By.id("bt-start"));
            waiting(WAIT).until(d -> d.getCurrentUrl().matches(".*#/backtests/[0-9a-f-]{36}$"));
            String id = browser.getCurrentUrl().replaceAll(".*#/backtests/", "");
            visible(By.id("bt-progress"));
            waitAttribute(By.id("bt-progress-label"), "data-status", "COMPLETED", Duration.ofMinutes(2));
            assertThat(attribute(By.id("bt-progress"), "value")).isEqualTo("100");
            assertThat(text(By.id("bt-progress-label"))).startsWith("Completed: 100.0 %").endsWith("events read");
            assertThat(text(By.id("bt-run-window"))).isEqualTo("7 days");
            assertThat(browser.findElements(By.id("bt-cancel"))).as("nothing left to cancel").isEmpty();
            JsonNode result = api.get("/api/v1/journeys/backtests/" + id, Api.auditor()).json().get("result");
            assertThat(result.get("enrollments").asLong()).isEqualTo(3);

            waitText(By.id("bt-enrollments"), "3");
            assertThat(text(By.id("bt-customers"))).isEqualTo("3");
            assertThat(text(By.id("bt-messages-sent"))).isEqualTo("3");
            assertThat(text(By.id("bt-collisions"))).isEqualTo("0");
            assertThat(text(By.id("bt-messaged"))).isEqualTo("3");
            assertThat(browser.findElements(By.cssSelector("#bt-steps tbody tr")).stream().map(r -> r.getAttribute("data-step")))
                    .as("the graph's order").containsExactly("hello", "done");
            assertThat(text(By.cssSelector("#bt-steps tr[data-step='hello'] td.runs"))).isEqualTo("3");
            assertThat(text(By.cssSelector("#bt-steps tr[data-step='done'] td.runs"))).isEqualTo("3");
            visible(By.cssSelector("#bt-steps-chart rect.bar[data-arm='hello']"));
            assertThat(attribute(By.cssSelector("#bt-steps-chart svg"), "aria-label")).contains("hello 3").contains("done 3");
            assertThat(text(By.cssSelector("#bt-channels tr[data-channel='inbox'] th"))).isEqualTo("In-app inbox");
            assertThat(text(By.cssSelector("#bt-channels tr[data-channel='inbox'] td.sent"))).isEqualTo("3");
            assertThat(text(By.cssSelector("#bt-channels tr[data-channel='inbox'] td.suppressed"))).isEqualTo("0");
            assertThat(text(By.id("bt-outcomes"))).isEqualTo("completed 3");
            assertThat(browser.findElements(By.cssSelector("#bt-paths tbody tr"))).hasSize(3);
            for (CustomerId customer : customers) {
                assertThat(text(By.cssSelector("#bt-paths tr[data-customer='" + customer.value() + "'] .path-steps"))).isEqualTo("hello → done");
                assertThat(text(By.cssSelector("#bt-paths tr[data-customer='" + customer.value() + "'] .path-messages")))
                        .isEqualTo("hello · In-app inbox: sent");
            }
            visible(By.cssSelector("#bt-list tr[data-backtest='" + id + "'].current"));
            assertThat(text(By.tagName("main"))).doesNotContain("null").doesNotContain("undefined").doesNotContain("backtests.");
            screenshot("result");

            // the tried graph goes back into the form as a draft, to change and try again
            click(By.id("bt-edit-graph"));
            waiting(WAIT).until(d -> d.findElement(By.id("bt-graph")).isDisplayed()
                    && d.findElement(By.id("bt-graph")).getAttribute("value").contains("\"hello\""));
            assertThat(browser.findElement(By.id("bt-source-draft")).isSelected()).isTrue();

            new Select(browser.findElement(By.id("lang"))).selectByValue("zh");
            waitText(By.cssSelector("main h1"), "旅程回测");
            waitText(By.cssSelector("#bt-channels tr[data-channel='inbox'] th"), "站内信");
            screenshot("result-zh");
            new Select(browser.findElement(By.id("lang"))).selectByValue("en");
            waitText(By.cssSelector("main h1"), "Journey backtests");
            click(By.id("sign-out"));

            // an auditor reads the list and the result, and is offered no form and no cancel button
            signIn("audrey");
            click(By.id("nav-backtests"));
            visible(By.id("bt-read-only"));
            click(By.id("open-backtest-" + id));
            waitAttribute(By.id("bt-progress-label"), "data-status", "COMPLETED", WAIT);
            waitText(By.id("bt-enrollments"), "3");
            assertThat(text(By.cssSelector("#bt-channels tr[data-channel='inbox'] td.sent"))).isEqualTo("3");
            for (String absent : List.of("bt-setup", "bt-start-form", "bt-start", "bt-cancel", "bt-edit-graph")) {
                assertThat(browser.findElements(By.id(absent))).as("an auditor has no " + absent).isEmpty();
            }
            screenshot("auditor");
            click(By.id("sign-out"));
        } finally {
            api.postJson("/api/v1/journeys/" + journey + "/retire", Api.marketer(), "");
        }
    }
}
