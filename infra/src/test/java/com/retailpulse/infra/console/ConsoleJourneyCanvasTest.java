package com.retailpulse.infra.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.CustomerInteraction;
import com.retailpulse.contracts.customer.RecordInteractionCommand;
import com.retailpulse.infra.support.Api;
import com.retailpulse.infra.support.Consents;
import com.retailpulse.infra.support.IntegrationTest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The journey builder canvas in a real headless browser (Debian's chromium, as {@link ConsoleTest}). A marketer
 * drags a trigger and three steps from the palette onto the canvas with the mouse (real pointer input through
 * chromedriver: the canvas is built on pointer events), connects them port to step, sets each one up in the
 * panel, checks — the step left unconnected is outlined with the server's words on it — connects it, edits the
 * JSON view and sees the canvas follow, adds a goal with the keyboard, publishes, and lands on the journey's page.
 * A customer with in-app consent then does the trigger event and the counts on the steps move without a reload:
 * waiting at the two-hour wait (12 s on the test context's clock, 600 times faster), then through the message
 * to the exit. "Edit as canvas" loads the published graph back. Screenshots: target/console-screenshots/journey-canvas/.
 */
@IntegrationTest
class ConsoleJourneyCanvasTest extends ConsoleBrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots", "journey-canvas");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    Path screenshots() {
        return SCREENSHOTS;
    }

    @Autowired
    CommandGateway commands;

    @Test
    void a_marketer_builds_a_journey_by_dragging_steps_fixes_what_the_check_shows_on_a_step_publishes_it_and_watches_a_run_move() throws Exception {
        String key = "canvas-" + run;
        String event = "canvas-" + run;
        CustomerId customer = Consents.inAppMember(commands, "CANVAS-" + run, "console-canvas-test");
        try {
            signIn("mark");
            click(By.id("nav-journeys"));
            click(By.id("new-journey"));
            WebElement canvas = visible(By.id("journey-canvas"));
            js("arguments[0].scrollIntoView({block: 'start'})", canvas);
            assertThat(text(By.id("journey-canvas"))).contains("Drag a trigger and steps here.");

            // four drags from the palette, each dropped where the step should stand
            drag(paletteItem("trigger-event"), canvas, 300, 40);
            drag(paletteItem("wait"), canvas, 300, 190);
            drag(paletteItem("send-message"), canvas, 300, 340);
            drag(paletteItem("exit"), canvas, 300, 490);
            By trigger = node("@trigger");
            By wait = node("wait-1");
            By send = node("send-message-1");
            By exit = node("exit-1");
            for (By step : List.of(trigger, wait, send, exit)) {
                visible(step);
            }
            assertThat(browser.findElements(By.cssSelector("#journey-canvas .cv-node"))).hasSize(4);
            assertThat(top(send)).as("dropped where the pointer let go").isBetween(290, 330);
            // the first step dropped after the trigger is where the journey starts
            assertThat(edge("@trigger", "start")).isEqualTo("wait-1");

            // connections: the wait leads to the message; the message is left unconnected for now
            drag(port(wait, "next"), browser.findElement(send), 0, 0);
            waiting(WAIT).until(d -> "send-message-1".equals(edge("wait-1", "next")));

            // moving a step with the mouse, then with the keyboard
            int left = left(exit);
            drag(browser.findElement(exit).findElement(By.className("cv-head")), canvas, 560, 500);
            waiting(WAIT).until(d -> left(exit) > left + 150);
            int moved = left(exit);
            browser.findElement(exit).sendKeys(Keys.ARROW_LEFT);
            waiting(WAIT).until(d -> left(exit) == moved - 10);

            // each step set up in the panel
            click(head(trigger));
            new Select(visible(panel("trigger-event"))).selectByValue("custom");
            type(panel("trigger-custom"), event);
            click(head(wait));
            type(panel("duration"), "2");
            new Select(visible(panel("duration-unit"))).selectByValue("H");
            click(head(send));
            assertThat(new Select(visible(panel("channel"))).getFirstSelectedOption().getText()).isEqualTo("In-app inbox");
            type(panel("title"), "Hello");
            type(panel("body"), "Canvas hello");
            waitText(send, "In-app inbox: Hello");
            waitText(trigger, "custom:" + event);
            waitText(wait, "wait 2 h");
            type(By.id("canvas-name"), "Canvas welcome " + run);
            type(By.id("journey-key"), key);
            screenshot("canvas-built");

            // the check names the unconnected message step: outlined, its words on it, and in the list
            click(By.id("check-journey"));
            waitText(By.id("journey-check"), "node 'send-message-1': a next step is missing; end the path with an exit step");
            waiting(WAIT).until(d -> d.findElement(send).getAttribute("class").contains("has-error"));
            assertThat(text(new By.ByCssSelector(css(send) + " .cv-errors"))).isEqualTo("a next step is missing; end the path with an exit step");
            assertThat(browser.findElements(By.cssSelector("#journey-canvas .cv-node.has-error"))).hasSize(1);
            screenshot("canvas-check-error");

            // connected, the check passes and the marks are gone
            drag(port(send, "next"), browser.findElement(exit), 0, 0);
            waiting(WAIT).until(d -> "exit-1".equals(edge("send-message-1", "next")));
            click(By.id("check-journey"));
            waitText(By.id("journey-check"), "No problems: it can be published.");
            assertThat(browser.findElements(By.cssSelector("#journey-canvas .cv-node.has-error"))).isEmpty();

            // the JSON view follows the canvas, and the canvas follows the JSON view
            JsonNode graph = JSON.readTree(browser.findElement(By.id("journey-json")).getAttribute("value"));
            assertThat(graph.at("/trigger/on/event").asText()).isEqualTo("custom:" + event);
            assertThat(graph.at("/start").asText()).isEqualTo("wait-1");
            assertThat(graph.at("/nodes/0/duration").asText()).isEqualTo("PT2H");
            assertThat(graph.at("/nodes/1/next").asText()).isEqualTo("exit-1");
            WebElement json = browser.findElement(By.id("journey-json"));
            String edited = browser.findElement(By.id("journey-json")).getAttribute("value").replace("Canvas hello", "Canvas hello from JSON");
            json.clear();
            json.sendKeys(edited);
            click(head(send));
            waiting(WAIT).until(ExpectedConditions.attributeToBe(panel("body"), "value", "Canvas hello from JSON"));

            // a goal, placed with the keyboard: focus its palette item and press Enter
            paletteItem("goal").sendKeys(Keys.ENTER);
            visible(node("@goal"));
            new Select(visible(panel("goal-event"))).selectByValue("order");
            screenshot("canvas-ready");

            // publish: the journey's page, with its graph and live counts
            js("window.canvasMarker = 'the same page'");
            click(By.id("publish-journey"));
            waitText(By.id("journey-published"), "Published " + key + ", version 1.");
            Api.Response published = api.get("/api/v1/journeys/" + key, Api.analyst());
            assertThat(published.status()).as(published.body()).isEqualTo(200);
            assertThat(published.json().at("/graph/goal/event").asText()).isEqualTo("order");
            assertThat(published.json().at("/graph/nodes/1/body").asText()).isEqualTo("Canvas hello from JSON");
            By waitCounts = By.cssSelector("#journey-flow text.step-counts[data-step='wait-1']");
            By sendCounts = By.cssSelector("#journey-flow text.step-counts[data-step='send-message-1']");
            By exitCounts = By.cssSelector("#journey-flow text.step-counts[data-step='exit-1']");
            waitAttribute(waitCounts, "data-reached", "0", WAIT);

            // a customer does the trigger event: the run waits two hours (12 s here), then goes through the message to the exit
            sleep(1200); // the trigger matcher's cache of journeys may be a second old
            commands.sendAndWait(new RecordInteractionCommand(customer, null, new CustomerInteraction.Custom(event + "-1", Instant.now(), "app",
                    event, Map.of())));
            waitAttribute(waitCounts, "data-waiting", "1", Duration.ofSeconds(30));
            assertThat(text(waitCounts)).isEqualTo("1 reached · 1 waiting now");
            assertThat(attribute(sendCounts, "data-reached")).isEqualTo("0");
            screenshot("journey-waiting");
            waitAttribute(exitCounts, "data-reached", "1", Duration.ofSeconds(60));
            assertThat(attribute(sendCounts, "data-reached")).isEqualTo("1");
            assertThat(attribute(waitCounts, "data-waiting")).isEqualTo("0");
            assertThat(js("return window.canvasMarker")).as("the counts moved without a reload").isEqualTo("the same page");
            screenshot("journey-ran");

            // "Edit as canvas" loads the published graph, to build the next version from
            click(By.id("edit-journey"));
            visible(node("exit-1"));
            assertThat(browser.findElement(By.id("journey-key")).getAttribute("value")).isEqualTo(key);
            assertThat(browser.findElements(By.cssSelector("#journey-canvas .cv-node"))).hasSize(5);
            assertThat(edge("send-message-1", "next")).isEqualTo("exit-1");
            screenshot("canvas-edit");

            // the builder in Chinese
            new Select(browser.findElement(By.id("lang"))).selectByValue("zh");
            waitText(By.cssSelector("#canvas-palette button[data-kind='send-message']"), "发送消息");
            visible(node("send-message-1"));
            assertThat(text(By.id("check-journey"))).isNotEqualTo("Check");
            screenshot("canvas-edit-zh");
            new Select(browser.findElement(By.id("lang"))).selectByValue("en");
            waitText(By.cssSelector("#canvas-palette button[data-kind='send-message']"), "Send a message");
        } finally {
            api.postJson("/api/v1/journeys/" + key + "/retire", Api.marketer(), "");
        }
    }

    private WebElement paletteItem(String kind) {
        return visible(By.cssSelector("#canvas-palette button[data-kind='" + kind + "']"));
    }

    private static By node(String id) {
        return By.cssSelector("#journey-canvas .cv-node[data-node='" + id + "']");
    }

    private static By head(By node) {
        return new By.ByCssSelector(css(node) + " .cv-head");
    }

    private WebElement port(By node, String arm) {
        return visible(new By.ByCssSelector(css(node) + " .cv-port[data-arm='" + arm + "']"));
    }

    private static By panel(String prop) {
        return By.cssSelector("#canvas-panel [data-prop='" + prop + "']");
    }

    /** Where an arrow from a step's way out leads, as drawn on the canvas (null when none is drawn). */
    private String edge(String from, String arm) {
        return (String) js("const p = document.querySelector('#journey-canvas svg path[data-from=\"" + from + "\"][data-arm=\"" + arm + "\"]');"
                + " return p ? p.getAttribute('data-to') : null;");
    }

    private int left(By node) {
        return ((Number) js("return arguments[0].offsetLeft", browser.findElement(node))).intValue();
    }

    private int top(By node) {
        return ((Number) js("return arguments[0].offsetTop", browser.findElement(node))).intValue();
    }

    /**
     * Presses on {@code from}, moves a little, then onto {@code to} at ({@code x}, {@code y}) from its top-left
     * corner (its centre when both are 0), and lets go: real pointer input, as a mouse would give it.
     */
    private void drag(WebElement from, WebElement to, int x, int y) {
        int dx = 0;
        int dy = 0;
        if (x != 0 || y != 0) {
            dx = x - to.getSize().getWidth() / 2;
            dy = y - to.getSize().getHeight() / 2;
        }
        new Actions(browser).moveToElement(from).clickAndHold().moveByOffset(8, 8).moveToElement(to, dx, dy).pause(Duration.ofMillis(100))
                .release().perform();
    }

    private Object js(String script, Object... args) {
        return ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(script, args);
    }

    private static String css(By by) {
        return by.toString().substring("By.cssSelector: ".length());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
