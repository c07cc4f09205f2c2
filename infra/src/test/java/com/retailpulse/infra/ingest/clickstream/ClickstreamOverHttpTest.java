package com.retailpulse.infra.ingest.clickstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.retailpulse.infra.support.Api;
import com.retailpulse.infra.support.Histories;
import com.retailpulse.infra.support.IntegrationTest;
import com.retailpulse.infra.support.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class ClickstreamOverHttpTest {

    @org.springframework.beans.factory.annotation.Autowired
    com.retailpulse.privacy.IdentifierPseudonymizer pseudonyms;

    static final String BATCH = "/api/v1/ingest/clickstream/batch";

    @LocalServerPort
    int port;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    /** A browsing session as a Segment-spec SDK reports it: page, product, cart, checkout. */
    static String session(String visitor, String prefix) {
        return """
                {"batch":[
                 {"type":"page","name":"Home","messageId":"%2$s-1","anonymousId":"%1$s","timestamp":"2026-11-20T10:00:00Z",
                  "context":{"page":{"path":"/"}}},
                 {"type":"track","event":"Product Viewed","messageId":"%2$s-2","anonymousId":"%1$s","timestamp":"2026-11-20T10:00:20Z",
                  "properties":{"product_id":"85123A","name":"WHITE HANGING HEART T-LIGHT HOLDER","category":"Home","price":2.55}},
                 {"type":"track","event":"Product Added","messageId":"%2$s-3","anonymousId":"%1$s","timestamp":"2026-11-20T10:01:00Z",
                  "properties":{"product_id":"85123A","quantity":6,"price":2.55}},
                 {"type":"track","event":"Checkout Started","messageId":"%2$s-4","anonymousId":"%1$s","timestamp":"2026-11-20T10:02:00Z",
                  "properties":{"order_id":"W-1","value":15.30,"currency":"GBP","products":[{"product_id":"85123A","quantity":6}]}}
                ],"sentAt":"2026-11-20T10:02:01Z"}""".formatted(visitor, prefix);
    }

    static String newVisitor() {
        return "anon-" + System.nanoTime();
    }

    private String customerOf(String identifier) {
        return await().atMost(Duration.ofSeconds(20)).until(
                () -> api.get("/api/v1/customers?identifier=" + identifier, Api.analyst()),
                r -> r.status() == 200).json().get("customerId").asText();
    }

    /** The customer's history without the IdentifierLinkedEvents identity resolution adds (asserted where it matters). */
    private JsonNode events(String customerId) {
        return Histories.withoutIdentifierLinks(api.get("/api/v1/customers/" + customerId + "/events", Api.auditor()).json().get("events"));
    }

    private static List<String> types(JsonNode events) {
        List<String> types = new ArrayList<>();
        events.forEach(e -> types.add(e.get("type").asText()));
        return types;
    }

    @Test
    void a_visitors_session_lands_in_their_history_in_order_with_who_sent_it() {
        String visitor = newVisitor();
        Api.Response accepted = api.postJson(BATCH, Api.ingest(), session(visitor, visitor));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.json().get("received").asInt()).isEqualTo(4);
        assertThat(accepted.json().get("recorded").asInt()).isEqualTo(4);
        assertThat(accepted.json().get("rejected")).isEmpty();

        JsonNode events = events(customerOf("device:" + visitor));
        assertThat(types(events)).containsExactly("CustomerCreatedEvent", "PageViewedEvent", "ProductViewedEvent",
                "CartItemAddedEvent", "CheckoutStartedEvent");
        assertThat(events.get(1).at("/payload/path").asText()).isEqualTo("/");
        assertThat(events.get(2).at("/payload/product/sku").asText()).isEqualTo("85123A");
        assertThat(events.get(2).at("/payload/channel").asText()).isEqualTo("web");
        assertThat(events.get(3).at("/payload/quantity").asInt()).isEqualTo(6);
        assertThat(events.get(4).at("/payload/value").decimalValue()).isEqualByComparingTo("15.30");
        assertThat(events.get(4).at("/payload/occurredAt").asText()).isEqualTo("2026-11-20T10:02:00Z");
        JsonNode metadata = events.get(2).get("metadata");
        assertThat(metadata.get("issuedBy").asText()).isEqualTo("ingest-key");
        assertThat(metadata.get("source").asText()).isEqualTo("http:/api/v1/ingest/clickstream/batch");
        assertThat(metadata.get("receivedAt").asText()).isNotBlank();
    }

    @Test
    void a_batch_mixing_visitors_keeps_each_visitors_clicks_in_the_order_sent() {
        List<String> visitors = List.of(newVisitor(), newVisitor(), newVisitor());
        StringBuilder batch = new StringBuilder("{\"batch\":[");
        for (int step = 0; step < 5; step++) {
            for (String visitor : visitors) {
                batch.append(batch.length() > 10 ? "," : "").append("""
                        {"type":"track","event":"Product Viewed","messageId":"%1$s-%2$d","anonymousId":"%1$s",
                         "timestamp":"2026-11-20T10:00:00Z","properties":{"sku":"step-%2$d"}}""".formatted(visitor, step));
            }
        }
        Api.Response accepted = api.postJson(BATCH, Api.ingest(), batch.append("]}").toString());
        assertThat(accepted.json().get("recorded").asInt()).as(accepted.body()).isEqualTo(15);

        for (String visitor : visitors) {
            List<String> skus = new ArrayList<>();
            events(customerOf("device:" + visitor)).forEach(e -> {
                if (e.at("/payload/product/sku").isTextual()) {
                    skus.add(e.at("/payload/product/sku").asText());
                }
            });
            assertThat(skus).containsExactly("step-0", "step-1", "step-2", "step-3", "step-4");
        }
    }

    @Test
    void a_batch_sent_again_records_nothing_twice() {
        String visitor = newVisitor();
        api.postJson(BATCH, Api.ingest(), session(visitor, visitor));
        Api.Response again = api.postJson(BATCH, Api.ingest(), session(visitor, visitor));

        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json().get("recorded").asInt()).isZero();
        assertThat(again.json().get("duplicates").asInt()).isEqualTo(4);
        assertThat(events(customerOf("device:" + visitor))).hasSize(5);
    }

    @Test
    void broken_messages_are_named_field_by_field_and_the_valid_ones_beside_them_are_recorded() {
        String visitor = newVisitor();
        Api.Response response = api.postJson(BATCH, Api.ingest(), """
                {"batch":[
                 {"type":"track","event":"Product Viewed","messageId":"%1$s-ok","anonymousId":"%1$s","timestamp":"2026-11-20T10:00:00Z",
                  "properties":{"sku":"22423"}},
                 {"type":"track","event":"Product Added","messageId":"%1$s-bad","anonymousId":"%1$s","timestamp":"2026-11-20T10:01:00Z",
                  "properties":{"name":"which one?","quantity":-1}},
                 {"type":"page","messageId":"%1$s-future","anonymousId":"%1$s","timestamp":"2099-01-01T00:00:00Z"},
                 {"type":"page","name":"Cart","messageId":"%1$s-ok2","anonymousId":"%1$s","timestamp":"2026-11-20T10:02:00Z"}
                ]}""".formatted(visitor));

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        JsonNode problem = response.json();
        assertThat(problem.get("title").asText()).isEqualTo("Invalid clickstream messages");
        assertThat(problem.get("detail").asText()).isEqualTo("rejected 2 of 4 messages; the valid ones were recorded");
        assertThat(problem.get("success").asBoolean()).isFalse();
        assertThat(problem.get("errors")).extracting(JsonNode::asText).hasSize(3).startsWith(
                "batch[1].properties.product_id: required (or properties.sku): which product",
                "batch[1].properties.quantity: must be a whole number of at least 1, got -1");
        assertThat(problem.get("errors").get(2).asText())
                .startsWith("batch[2].timestamp: 2099-01-01T00:00:00Z is more than 1 day after the message was received (");
        assertThat(problem.at("/rejected/0/messageId").asText()).isEqualTo(visitor + "-bad");
        assertThat(problem.at("/rejected/1/index").asInt()).isEqualTo(2);
        assertThat(problem.get("recorded").asInt()).isEqualTo(2);

        assertThat(types(events(customerOf("device:" + visitor))))
                .containsExactly("CustomerCreatedEvent", "ProductViewedEvent", "PageViewedEvent");
    }

    @Test
    void once_a_visitor_signs_in_their_member_clicks_join_the_same_history() {
        String visitor = newVisitor();
        String member = "m" + System.nanoTime();
        api.postJson(BATCH, Api.ingest(), session(visitor, visitor));
        String customerId = customerOf("device:" + visitor);

        // Segment SDKs send the anonymousId with every message, also after identify.
        Api.Response signedIn = api.postJson(BATCH, Api.ingest(), """
                {"batch":[
                 {"type":"identify","messageId":"%1$s-id","userId":"%2$s","anonymousId":"%1$s","traits":{"plan":"gold"}},
                 {"type":"track","event":"Signed In","messageId":"%1$s-login","userId":"%2$s","anonymousId":"%1$s",
                  "timestamp":"2026-11-20T10:05:00Z"}
                ]}""".formatted(visitor, member));
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(202);
        assertThat(signedIn.json().get("identified").asInt()).isEqualTo(1);
        assertThat(signedIn.json().get("recorded").asInt()).isEqualTo(1);

        // the member id is linked to the visitor's customer: from now on it finds the same customer
        assertThat(customerOf("member:" + member)).isEqualTo(customerId);
        JsonNode events = events(customerId);
        assertThat(types(events)).endsWith("CheckoutStartedEvent", "CustomEventRecordedEvent", "LoggedInEvent");
        assertThat(events.get(events.size() - 2).at("/payload/name").asText()).isEqualTo("Identify");
        assertThat(events.get(events.size() - 2).at("/payload/properties/plan").asText()).isEqualTo("gold");
    }

    @Test
    void single_message_endpoints_take_the_type_from_the_path_and_refuse_a_different_one() {
        String visitor = newVisitor();
        Api.Response tracked = api.postJson("/api/v1/ingest/clickstream/track", Api.ingest(), """
                {"event":"Coupon Entered","messageId":"%1$s-c","anonymousId":"%1$s","timestamp":"2026-11-20T10:00:00Z",
                 "properties":{"coupon_id":"SAVE20","cart":{"value":40}}}""".formatted(visitor));
        assertThat(tracked.status()).as(tracked.body()).isEqualTo(202);
        JsonNode custom = events(customerOf("device:" + visitor)).get(1);
        assertThat(custom.get("type").asText()).isEqualTo("CustomEventRecordedEvent");
        assertThat(custom.at("/payload/name").asText()).isEqualTo("Coupon Entered");
        assertThat(custom.at("/payload/properties/cart.value").asText()).isEqualTo("40");
        assertThat(custom.at("/metadata/source").asText()).isEqualTo("http:/api/v1/ingest/clickstream/track");

        Api.Response wrong = api.postJson("/api/v1/ingest/clickstream/track", Api.ingest(), """
                {"type":"page","messageId":"x","anonymousId":"%s","timestamp":"2026-11-20T10:00:00Z"}""".formatted(visitor));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().get("title").asText()).isEqualTo("Invalid clickstream message");
        assertThat(wrong.json().get("detail").asText()).isEqualTo("type: 'page' sent to the track endpoint; send it to /page or /batch");

        Api.Response notJson = api.postJson(BATCH, Api.ingest(), "{\"batch\":[");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().get("title").asText()).isEqualTo("Malformed JSON");
        Api.Response noBatch = api.postJson(BATCH, Api.ingest(), "{\"messages\":[]}");
        assertThat(noBatch.status()).isEqualTo(400);
        assertThat(noBatch.json().get("errors").get(0).asText()).isEqualTo("batch: required: an array of messages");
    }

    @Test
    void a_segment_sdk_signs_in_with_the_write_key_and_nobody_else_gets_in() {
        String visitor = newVisitor();
        String body = session(visitor, visitor);
        // What analytics-python/-node send: POST {host}/v1/batch, Basic auth with the write key and no password.
        Api.Response sdk = api.postJson("/api/v1/ingest/clickstream/v1/batch", Api.basic(TestUsers.INGEST_KEY, ""), body);
        assertThat(sdk.status()).as(sdk.body()).isEqualTo(200);
        assertThat(sdk.json().get("success").asBoolean()).isTrue();
        assertThat(sdk.json().get("recorded").asInt()).isEqualTo(4);

        Api.Response wrongKey = api.postJson("/api/v1/ingest/clickstream/v1/batch", Api.basic("not-the-key", ""), body);
        assertThat(wrongKey.status()).isEqualTo(401);
        assertThat(wrongKey.json().get("detail").asText()).contains("write key");
        assertThat(api.postJson(BATCH, null, body).status()).isEqualTo(401);
        assertThat(api.postJson(BATCH, Api.analyst(), body).status()).isEqualTo(403);
        // The write key opens the ingest paths only.
        assertThat(api.get("/api/v1/customers/count", Api.basic(TestUsers.INGEST_KEY, "")).status()).isEqualTo(401);
    }

    private static String writeKey() {
        return Api.basic(TestUsers.INGEST_KEY, "");
    }

    @Test
    void every_segment_path_answers_success_true_and_alias_is_recorded_on_the_visitor_it_names() {
        String visitor = newVisitor();
        String member = "m" + System.nanoTime();
        String[][] calls = {
                {"/v1/page", "{\"name\":\"Home\",\"messageId\":\"%1$s-p\",\"anonymousId\":\"%1$s\"}"},
                {"/v1/screen", "{\"name\":\"Cart\",\"messageId\":\"%1$s-s\",\"anonymousId\":\"%1$s\",\"context\":{\"os\":{\"name\":\"iOS\"}}}"},
                {"/v1/track", "{\"event\":\"Product Viewed\",\"messageId\":\"%1$s-t\",\"anonymousId\":\"%1$s\",\"properties\":{\"sku\":\"22423\"}}"},
                {"/v1/identify", "{\"messageId\":\"%1$s-i\",\"anonymousId\":\"%1$s\",\"traits\":{\"plan\":\"gold\"}}"},
                {"/v1/alias", "{\"messageId\":\"%1$s-a\",\"previousId\":\"%1$s\",\"userId\":\"%2$s\"}"},
                {"/v1/group", "{\"messageId\":\"%1$s-g\",\"userId\":\"%2$s\",\"anonymousId\":\"%1$s\",\"groupId\":\"store-leeds\","
                        + "\"traits\":{\"name\":\"Leeds\",\"email\":\"leeds@shop.example\",\"plan\":\"gold\"}}"},
                {"/v1/batch", "{\"batch\":[{\"type\":\"track\",\"event\":\"Signed In\",\"messageId\":\"%1$s-b\",\"userId\":\"%2$s\",\"anonymousId\":\"%1$s\"}]}"},
        };
        String customerId = null;
        for (String[] call : calls) {
            if (call[0].equals("/v1/alias")) {
                // The visitor is known (as identity resolution sees it) before the alias names them.
                customerId = customerOf("device:" + visitor);
            }
            Api.Response response = api.postJson(call[0], writeKey(), call[1].formatted(visitor, member));
            assertThat(response.status()).as(call[0] + ": " + response.body()).isEqualTo(200);
            assertThat(response.json().get("success").asBoolean()).as(call[0]).isTrue();
        }
        // The same under this source's path, for SDKs whose host includes a path.
        Api.Response prefixed = api.postJson("/api/v1/ingest/clickstream/v1/track", Api.ingest(),
                "{\"event\":\"Coupon Entered\",\"messageId\":\"%1$s-c\",\"anonymousId\":\"%1$s\"}".formatted(visitor));
        assertThat(prefixed.status()).isEqualTo(200);
        assertThat(prefixed.json().get("success").asBoolean()).isTrue();
        assertThat(prefixed.json().get("recorded").asInt()).isEqualTo(1);

        // Alias went to identity resolution with both ids, and so to the visitor's customer.
        JsonNode events = events(customerId);
        assertThat(types(events)).containsExactly("CustomerCreatedEvent", "PageViewedEvent", "PageViewedEvent",
                "ProductViewedEvent", "CustomEventRecordedEvent", "CustomEventRecordedEvent", "CustomEventRecordedEvent",
                "LoggedInEvent", "CustomEventRecordedEvent");
        assertThat(events.get(4).at("/payload/name").asText()).isEqualTo("Identify");
        assertThat(events.get(5).at("/payload/name").asText()).isEqualTo("Alias");
        assertThat(events.get(5).at("/metadata/source").asText()).isEqualTo("http:/v1/alias");
        assertThat(events.get(6).at("/payload/name").asText()).isEqualTo("Group");
        JsonNode groupProperties = events.get(6).at("/payload/properties");
        assertThat(groupProperties.size()).as(groupProperties.toString()).isEqualTo(2);
        assertThat(groupProperties.get("groupId").asText()).isEqualTo("store-leeds");
        assertThat(groupProperties.get("plan").asText()).isEqualTo("gold");

        assertThat(api.postJson("/v1/track", null, calls[2][1].formatted(visitor, member)).status()).isEqualTo(401);
        assertThat(api.postJson("/v1/track", Api.basic("not-the-key", ""), calls[2][1].formatted(visitor, member)).status())
                .isEqualTo(401);
    }

    @Test
    void phone_and_email_traits_find_the_customer_and_are_kept_nowhere_else() {
        String visitor = newVisitor();
        String phone = "+44 7700 " + (System.nanoTime() % 1_000_000);
        String normalised = phone.replace(" ", "");
        Api.Response response = api.postJson("/v1/track", writeKey(), """
                {"event":"Signed In","messageId":"%1$s-l","anonymousId":"%1$s",
                 "context":{"traits":{"phone":"%2$s","email":"Ann.%1$s@Example.com","name":"Ann Example"}}}"""
                .formatted(visitor, phone));
        assertThat(response.status()).as(response.body()).isEqualTo(200);

        // phone identifiers are keyed pseudonyms (docs/privacy.md): look up with the same pseudonymizer
        String customerId = customerOf(URLEncoder.encode(pseudonyms.phone(normalised).key(), StandardCharsets.UTF_8));
        String history = events(customerId).toString();
        assertThat(history).contains("LoggedInEvent").doesNotContain(phone).doesNotContain("Ann Example")
                .doesNotContain("Example.com");
    }

    @Test
    void the_batch_context_and_sent_at_apply_to_its_messages_and_a_wrong_device_clock_is_corrected() {
        String visitor = newVisitor();
        // The device clock is 3 hours behind: it saw the view at 07:00 and sent the batch at 07:01.
        Instant before = Instant.now();
        Api.Response response = api.postJson("/v1/batch", writeKey(), """
                {"batch":[{"type":"track","event":"Product Viewed","messageId":"%1$s-v","anonymousId":"%1$s",
                           "originalTimestamp":"2026-11-20T07:00:00Z","properties":{"sku":"22423"}}],
                 "context":{"app":{"name":"RetailPulse Shop"}},"sentAt":"2026-11-20T07:01:00Z"}""".formatted(visitor));
        Instant after = Instant.now();
        assertThat(response.status()).as(response.body()).isEqualTo(200);

        JsonNode viewed = events(customerOf("device:" + visitor)).get(1);
        assertThat(viewed.at("/payload/channel").asText()).isEqualTo("app");
        Instant occurredAt = Instant.parse(viewed.at("/payload/occurredAt").asText());
        assertThat(occurredAt).isBetween(before.minusSeconds(61), after.minusSeconds(59));
    }

    @Test
    void requests_and_messages_over_segments_limits_are_refused_with_413() throws Exception {
        String visitor = newVisitor();
        String padding = "x".repeat(33 * 1024);
        Api.Response bigMessage = api.postJson("/v1/track", writeKey(), """
                {"event":"Big","messageId":"%1$s-big","anonymousId":"%1$s","properties":{"blob":"%2$s"}}"""
                .formatted(visitor, padding));
        assertThat(bigMessage.status()).isEqualTo(413);
        assertThat(bigMessage.json().get("detail").asText()).isEqualTo(
                "message: " + (bigMessage.json().get("detail").asText().split(" ")[1]) + " bytes; at most 32768 (32 KB) per message");

        // In a batch, the oversized message is refused and the others are recorded.
        Api.Response mixed = api.postJson(BATCH, Api.ingest(), """
                {"batch":[{"type":"track","event":"Big","messageId":"%1$s-big","anonymousId":"%1$s","properties":{"blob":"%2$s"}},
                          {"type":"page","name":"Home","messageId":"%1$s-ok","anonymousId":"%1$s"}]}""".formatted(visitor, padding));
        assertThat(mixed.status()).isEqualTo(413);
        assertThat(mixed.json().get("errors").get(0).asText()).matches("batch\\[0]: \\d+ bytes; at most 32768 \\(32 KB\\) per message");
        assertThat(mixed.json().get("recorded").asInt()).isEqualTo(1);
        assertThat(mixed.json().at("/rejected/0").fieldNames()).toIterable().containsExactly("index", "messageId", "errors");
        assertThat(types(events(customerOf("device:" + visitor)))).containsExactly("CustomerCreatedEvent", "PageViewedEvent");

        StringBuilder batch = new StringBuilder("{\"batch\":[");
        for (int i = 0; i < 20; i++) {
            batch.append(i == 0 ? "" : ",").append("""
                    {"type":"track","event":"Big","messageId":"%1$s-%2$d","anonymousId":"%1$s","properties":{"blob":"%3$s"}}"""
                    .formatted(visitor, i, "y".repeat(30 * 1024)));
        }
        String tooBig = batch.append("]}").toString();
        Api.Response declared = api.postJson("/v1/batch", writeKey(), tooBig);
        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.json().get("detail").asText())
                .isEqualTo("batch: " + tooBig.length() + " bytes; at most 512000 (500 KB) per batch");

        // Without a Content-Length (chunked), the bytes actually read count.
        HttpResponse<String> chunked = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/v1/batch"))
                .header("Authorization", writeKey()).header("Content-Type", "application/json")
                .POST(chunked(tooBig.getBytes(StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(chunked.body()).contains("batch: more than 512000 bytes; at most 512000 (500 KB) per batch");
        assertThat(types(events(customerOf("device:" + visitor)))).hasSize(2);
    }

    /** A body of unknown length, which the client sends chunked. */
    private static HttpRequest.BodyPublisher chunked(byte[] body) {
        HttpRequest.BodyPublisher bytes = HttpRequest.BodyPublishers.ofByteArray(body);
        return new HttpRequest.BodyPublisher() {
            @Override
            public long contentLength() {
                return -1;
            }

            @Override
            public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
                bytes.subscribe(subscriber);
            }
        };
    }

    @Test
    void a_message_sent_again_without_a_message_id_is_recorded_once() {
        String visitor = newVisitor();
        String message = """
                {"event":"Wishlist Opened","anonymousId":"%s","timestamp":"2026-11-20T10:00:00Z","properties":{"items":3}}"""
                .formatted(visitor);
        assertThat(api.postJson("/v1/track", writeKey(), message).json().get("recorded").asInt()).isEqualTo(1);
        Api.Response again = api.postJson("/v1/track", writeKey(), message);
        assertThat(again.json().get("duplicates").asInt()).as(again.body()).isEqualTo(1);
        JsonNode events = events(customerOf("device:" + visitor));
        assertThat(types(events)).containsExactly("CustomerCreatedEvent", "CustomEventRecordedEvent");
        assertThat(events.get(1).at("/payload/interactionId").asText()).startsWith("derived-");
    }

    @Test
    void an_order_completed_in_the_app_is_an_order_recorded_once_and_its_refund_a_cancellation() {
        String member = "m" + System.nanoTime();
        String order = """
                {"event":"Order Completed","messageId":"%1$s-oc","userId":"%1$s","timestamp":"2026-11-20T10:00:00Z",
                 "context":{"app":{"name":"shop"}},
                 "properties":{"order_id":"%1$s-W1","currency":"GBP","products":[{"sku":"22423","price":12.75,"quantity":2}]}}"""
                .formatted(member);
        assertThat(api.postJson("/v1/track", writeKey(), order).json().get("recorded").asInt()).isEqualTo(1);
        // The same order with another messageId (the SDK resent it from a new session): still one order.
        Api.Response again = api.postJson("/v1/track", writeKey(), order.replace("-oc\"", "-oc2\""));
        assertThat(again.json().get("duplicates").asInt()).as(again.body()).isEqualTo(1);
        assertThat(api.postJson("/v1/track", writeKey(), """
                {"event":"Order Refunded","messageId":"%1$s-or","userId":"%1$s","timestamp":"2026-11-21T10:00:00Z",
                 "properties":{"order_id":"%1$s-W1","currency":"GBP","products":[{"sku":"22423","price":12.75}]}}"""
                .formatted(member)).status()).isEqualTo(200);

        JsonNode events = events(customerOf("member:" + member));
        assertThat(types(events)).containsExactly("CustomerCreatedEvent", "OrderPlacedEvent", "OrderCancelledEvent");
        assertThat(events.get(1).at("/payload/orderId").asText()).isEqualTo(member + "-W1");
        assertThat(events.get(1).at("/payload/channel").asText()).isEqualTo("app");
        assertThat(events.get(1).at("/payload/lines/0/quantity").asInt()).isEqualTo(2);
        assertThat(events.get(2).at("/payload/lines/0/quantity").asInt()).isEqualTo(1);
    }
}
