package com.retailpulse.infra.console;

import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.CustomerIdentifier;
import com.retailpulse.contracts.customer.OrderLine;
import com.retailpulse.contracts.customer.RecordOrderCommand;
import com.retailpulse.infra.support.Api;
import com.retailpulse.infra.support.IntegrationTest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The segment builder's backtest panel in headless chromium (docs/backtests.md, "Segment backtests"): a
 * customer bought this run's product on 2 and 3 June 2004 (orders dated then); an analyst opens the saved
 * segment "bought it" in the builder, sees a bad conversion window named next to its field, backtests the
 * condition daily over 1–5 June and reads the customer in from the 3rd: none at the start, one at the end,
 * one entry, the order of the 3rd as the conversion that followed. Screenshots in
 * target/console-screenshots/segment-backtests/.
 */
@IntegrationTest
class ConsoleSegmentBacktestTest extends ConsoleBrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots", "segment-backtests");

    @Override
    Path screenshots() {
        return SCREENSHOTS;
    }

    @Autowired
    CommandGateway commands;

    @Test
    void an_analyst_backtests_a_segment_in_the_builder_and_reads_members_per_day_and_the_orders_that_followed() {
        String sku = "CSBT-" + run;
        CustomerIdentifier member = CustomerIdentifier.parse("member:CSBT-" + run);
        CustomerId customer = CustomerId.firstSeenAs(member);
        for (String[] o : List.of(new String[] {"2004-06-02T10:00:00Z", "10.00"}, new String[] {"2004-06-03T10:00:00Z", "20.00"})) {
            commands.sendAndWait(new RecordOrderCommand(customer, member, "csbt-" + o[0] + "-" + run, Instant.parse(o[0]), "CNY",
                    List.of(new OrderLine(sku, "Console backtest product", 1, new BigDecimal(o[1]))), "store", "S-1"));
        }
        String key = "csbt_" + run.replace('-', '_');
        Api.Response saved = api.putJson("/api/v1/segments/" + key, Api.marketer(), """
                {"name":"Bought %s","condition":{"field":"behaviour.preferredProducts","op":"eq","value":"%s"}}""".formatted(sku, sku));
        assertThat(saved.status()).as(saved.body()).isIn(200, 201);

        signIn("ana");
        browser.get(url("/console/#/builder/" + key));
        visible(By.id("segment-backtest"));
        dateTime(By.id("sbt-from"), Instant.parse("2004-06-01T00:00:00Z"));
        dateTime(By.id("sbt-to"), Instant.parse("2004-06-05T00:00:00Z"));
        new Select(browser.findElement(By.id("sbt-step"))).selectByValue("P1D");
        type(By.id("sbt-window"), "soon");
        click(By.id("sbt-run"));
        waitText(By.cssSelector("#sbt-form [data-field='conversionWindow'] .field-error"), "conversionWindow: a positive ISO-8601 duration");
        assertThat(attribute(By.id("sbt-window"), "aria-invalid")).isEqualTo("true");
        screenshot("invalid-window");

        type(By.id("sbt-window"), "P7D");
        click(By.id("sbt-run"));
        waitAttribute(By.id("sbt-out"), "data-status", "COMPLETED", Duration.ofMinutes(2));
        assertThat(attribute(By.id("sbt-progress"), "value")).isEqualTo("100");
        assertThat(text(By.id("sbt-progress-label"))).startsWith("Completed: 100.0 %").contains("customers walked");
        assertThat(text(By.cssSelector("#sbt-figures dd[data-figure='segbt.membersAtStart']"))).isEqualTo("0");
        assertThat(text(By.cssSelector("#sbt-figures dd[data-figure='segbt.membersAtEnd']"))).isEqualTo("1");
        assertThat(text(By.cssSelector("#sbt-figures dd[data-figure='segbt.entries']"))).isEqualTo("1");
        assertThat(text(By.cssSelector("#sbt-figures dd[data-figure='segbt.ever']"))).isEqualTo("1");
        assertThat(browser.findElements(By.cssSelector("#sbt-series tbody tr"))).as("a checkpoint a day, 1–5 June").hasSize(5);
        assertThat(browser.findElements(By.cssSelector("#sbt-chart circle[data-series='members']"))).hasSize(5);
        assertThat(text(By.cssSelector("#sbt-conversions tr[data-group='members']"))).startsWith("Members 1 1 100.0 % 1").contains("20.00");
        assertThat(text(By.cssSelector("#sbt-sample tbody"))).contains(customer.value());
        assertThat(text(By.tagName("main"))).doesNotContain("null").doesNotContain("undefined").doesNotContain("segbt.");
        screenshot("result");
    }
}
