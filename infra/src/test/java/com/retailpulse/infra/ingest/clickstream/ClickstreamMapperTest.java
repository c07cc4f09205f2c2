package com.retailpulse.infra.ingest.clickstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailpulse.contracts.customer.CustomerIdentifier;
import com.retailpulse.contracts.customer.CustomerInteraction;
import com.retailpulse.contracts.customer.IdentifierType;
import com.retailpulse.contracts.customer.OrderLine;
import com.retailpulse.contracts.customer.ProductRef;
import com.retailpulse.contracts.customer.SocialAction;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ClickstreamMapperTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant RECEIVED = Instant.parse("2026-11-20T12:00:00Z");
    private final ClickstreamMapper mapper = new ClickstreamMapper();

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private ClickstreamMessage map(String message) {
        return mapper.map(json(message), null, RECEIVED);
    }

    private List<String> errors(String message, String impliedType) {
        return catchThrowableOfType(InvalidClickstreamMessageException.class,
                () -> mapper.map(json(message), impliedType, RECEIVED)).violations();
    }

    @Test
    void a_product_view_from_the_segment_ecommerce_spec_keeps_the_product_and_both_identifiers() {
        ClickstreamMessage message = map("""
                {"type":"track","event":"Product Viewed","messageId":"m-1","userId":"12347","anonymousId":"a-9",
                 "timestamp":"2026-11-20T18:15:00+08:00",
                 "properties":{"product_id":"507f1f77","sku":"85123A","name":"T-light holder","category":"Home",
                               "brand":"Hearth","price":2.55,"coupon":"ignored"},
                 "context":{"page":{"path":"/p/85123A"}}}""");

        assertThat(message.messageId()).isEqualTo("m-1");
        assertThat(message.identifiers()).containsExactly(
                new CustomerIdentifier(IdentifierType.MEMBER, "12347"), new CustomerIdentifier(IdentifierType.DEVICE, "a-9"));
        assertThat(message.interaction()).isEqualTo(new CustomerInteraction.ProductView("m-1",
                Instant.parse("2026-11-20T10:15:00Z"), "web",
                new ProductRef("85123A", "T-light holder", "Home", "Hearth", new BigDecimal("2.55"))));
    }

    @Test
    void a_product_view_reports_how_long_it_lasted_in_dwell_seconds_and_without_it_the_length_is_unknown() {
        String view = "{\"type\":\"track\",\"event\":\"Product Viewed\",\"messageId\":\"v\",\"userId\":\"u\","
                + "\"timestamp\":\"2026-11-20T10:00:00Z\",\"properties\":{\"sku\":\"P1\"%s}}";
        assertThat(map(view.formatted(",\"dwell_seconds\":42.5")).interaction())
                .isEqualTo(new CustomerInteraction.ProductView("v", Instant.parse("2026-11-20T10:00:00Z"), "web", ProductRef.sku("P1"),
                        Duration.ofMillis(42_500)));
        assertThat(map(view.formatted(",\"dwell_seconds\":\"31\"")).interaction())
                .isInstanceOfSatisfying(CustomerInteraction.ProductView.class, v -> assertThat(v.dwell()).isEqualTo(Duration.ofSeconds(31)));
        assertThat(map(view.formatted("")).interaction())
                .isInstanceOfSatisfying(CustomerInteraction.ProductView.class, v -> assertThat(v.dwell()).isNull());
        assertThat(errors(view.formatted(",\"dwell_seconds\":-1"), null))
                .containsExactly("properties.dwell_seconds: must not be negative, got -1");
        assertThat(errors(view.formatted(",\"dwell_seconds\":\"long\""), null))
                .containsExactly("properties.dwell_seconds: must be a number, got \"long\"");
        assertThat(errors(view.formatted(",\"dwell_seconds\":90000"), null))
                .containsExactly("properties.dwell_seconds: at most 86400 (a day), got 90000");
    }

    @Test
    void cart_changes_checkout_and_sign_in_become_their_own_interactions_whatever_the_event_name_spelling() {
        String head = "\"messageId\":\"m\",\"anonymousId\":\"a\",\"timestamp\":\"2026-11-20T10:00:00Z\",\"context\":{\"app\":{\"name\":\"shop\"}}";
        assertThat(map("{\"type\":\"track\",\"event\":\"product_added\"," + head + ",\"properties\":{\"product_id\":\"P1\",\"quantity\":3}}")
                .interaction()).isEqualTo(new CustomerInteraction.CartItemAdd("m", Instant.parse("2026-11-20T10:00:00Z"), "app",
                ProductRef.sku("P1"), 3));
        assertThat(map("{\"type\":\"track\",\"event\":\"Product Removed\"," + head + ",\"properties\":{\"sku\":\"P1\"}}")
                .interaction()).isInstanceOfSatisfying(CustomerInteraction.CartItemRemove.class, r -> assertThat(r.quantity()).isEqualTo(1));
        assertThat(map("{\"type\":\"track\",\"event\":\"Cart Viewed\"," + head
                + ",\"properties\":{\"products\":[{\"product_id\":\"P1\"},{\"sku\":\"P2\",\"price\":\"4.50\"}]}}").interaction())
                .isInstanceOfSatisfying(CustomerInteraction.CartView.class, c -> assertThat(c.products())
                        .containsExactly(ProductRef.sku("P1"), new ProductRef("P2", null, null, null, new BigDecimal("4.50"))));
        assertThat(map("{\"type\":\"track\",\"event\":\"Checkout Started\"," + head
                + ",\"properties\":{\"order_id\":\"O-7\",\"value\":30,\"currency\":\"gbp\",\"products\":[{\"sku\":\"P1\"}]}}").interaction())
                .isEqualTo(new CustomerInteraction.CheckoutStart("m", Instant.parse("2026-11-20T10:00:00Z"), "app", "O-7",
                        new BigDecimal("30"), "GBP", List.of(ProductRef.sku("P1"))));
        assertThat(map("{\"type\":\"track\",\"event\":\"Signed In\"," + head + ",\"channel\":\"mini-program\"}").interaction())
                .isEqualTo(new CustomerInteraction.Login("m", Instant.parse("2026-11-20T10:00:00Z"), "mini-program"));
        assertThat(map("{\"type\":\"track\",\"event\":\"Product Shared\"," + head + ",\"properties\":{\"sku\":\"P1\",\"share_via\":\"wechat\"}}")
                .interaction()).isEqualTo(new CustomerInteraction.Social("m", Instant.parse("2026-11-20T10:00:00Z"), "wechat",
                SocialAction.SHARE, "P1"));
    }

    @Test
    void pages_and_screens_are_page_views_of_their_kind() {
        assertThat(map("""
                {"type":"page","name":"Home","category":"Landing","messageId":"p","anonymousId":"a","timestamp":"2026-11-20T10:00:00Z",
                 "context":{"page":{"path":"/","url":"https://shop/"}}}""").interaction())
                .isEqualTo(new CustomerInteraction.PageView("p", Instant.parse("2026-11-20T10:00:00Z"), "web", "page", "Home", "Landing", "/"));
        assertThat(mapper.map(json("""
                {"name":"Cart","messageId":"s","userId":"u","originalTimestamp":"2026-11-20T10:00:00Z","context":{"os":{"name":"iOS"}}}"""),
                "screen", RECEIVED).interaction())
                .isEqualTo(new CustomerInteraction.PageView("s", Instant.parse("2026-11-20T10:00:00Z"), "app", "screen", "Cart", null, null));
    }

    @Test
    void an_event_no_mapping_knows_keeps_its_name_and_flattened_properties() {
        CustomerInteraction interaction = map("""
                {"type":"track","event":"Store Locator Searched","messageId":"c","userId":"u","timestamp":"2026-11-20T10:00:00Z",
                 "properties":{"query":"Leeds","results":3,"filters":{"open_now":true},"tags":["a","b"],"empty":null}}""").interaction();
        assertThat(interaction).isEqualTo(new CustomerInteraction.Custom("c", Instant.parse("2026-11-20T10:00:00Z"), "web",
                "Store Locator Searched", Map.of("query", "Leeds", "results", "3", "filters.open_now", "true", "tags", "[\"a\",\"b\"]")));
    }

    @Test
    void identify_ties_the_identifiers_together_and_records_its_traits_without_personal_ones() {
        ClickstreamMessage message = map("""
                {"type":"identify","messageId":"i","userId":"12347","anonymousId":"a-9",
                 "traits":{"plan":"gold","name":"Ann Smith","firstName":"Ann","birthday":"1990-01-01","address":{"city":"Leeds"},
                           "email":"ann@example.com","prefs":{"newsletter":true}},
                 "context":{"externalIds":[{"type":"openid","id":"o-1","collection":"users"}]}}""");
        assertThat(message.isIdentify()).isTrue();
        assertThat(message.identifiers()).containsExactly(new CustomerIdentifier(IdentifierType.MEMBER, "12347"),
                new CustomerIdentifier(IdentifierType.DEVICE, "a-9"),
                ClickstreamMapper.piiIdentifier(IdentifierType.EMAIL, "ann@example.com"),
                new CustomerIdentifier(IdentifierType.OPENID, "o-1"));
        assertThat(message.interaction()).isEqualTo(new CustomerInteraction.Custom("i", RECEIVED, "web", "Identify",
                Map.of("plan", "gold", "prefs.newsletter", "true")));
    }

    @Test
    void every_broken_field_is_named_at_once() {
        assertThat(errors("""
                {"type":"track","event":"Product Added","timestamp":"yesterday",
                 "properties":{"name":"no id","price":"cheap","quantity":0}}""", null))
                .containsExactly(
                        "userId: at least one of userId, anonymousId (or context.externalIds) is required",
                        "timestamp: 'yesterday' is not an ISO-8601 date-time with an offset, such as 2026-11-20T10:15:00Z",
                        "properties.product_id: required (or properties.sku): which product",
                        "properties.price: must be a number, got \"cheap\"",
                        "properties.quantity: must be a whole number of at least 1, got 0");
        assertThat(errors("{\"type\":\"track\",\"messageId\":\"m\",\"userId\":\"u\",\"timestamp\":\"2026-11-20T10:00:00Z\","
                + "\"properties\":{\"products\":[{\"sku\":\"ok\"},{\"price\":-1}]},\"event\":\"Cart Viewed\"}", null))
                .containsExactly("properties.products[1].product_id: required (or properties.products[1].sku): which product",
                        "properties.products[1].price: must not be negative, got -1");
    }

    @Test
    void types_it_cannot_record_are_refused_with_what_to_send_instead() {
        assertThat(errors("{\"messageId\":\"m\",\"userId\":\"u\"}", null))
                .containsExactly("type: required: one of track, page, screen, identify, alias, group");
        assertThat(errors("{\"type\":\"screenshot\",\"messageId\":\"m\",\"userId\":\"u\"}", null))
                .containsExactly("type: unknown message type 'screenshot'; known types: track, page, screen, identify, alias, group");
        assertThat(errors("{\"type\":\"page\",\"messageId\":\"m\",\"userId\":\"u\",\"timestamp\":\"2026-11-20T10:00:00Z\"}", "track"))
                .containsExactly("type: 'page' sent to the track endpoint; send it to /page or /batch");
        assertThat(errors("{\"type\":\"track\",\"messageId\":\"m\",\"userId\":\"u\",\"timestamp\":\"2026-11-20T10:00:00Z\"}", null))
                .containsExactly("event: required for a track message (e.g. \"Product Viewed\")");
        assertThat(errors("{\"type\":\"identify\",\"messageId\":\"m\",\"context\":{\"externalIds\":[{\"type\":\"ssn\",\"id\":\"1\"}]}}", null))
                .containsExactly("context.externalIds[0].type: unknown identifier type 'ssn'; known types: "
                        + IdentifierType.codes());
        assertThatThrownBy(() -> mapper.map(json("[1,2]"), null, RECEIVED)).isInstanceOf(InvalidClickstreamMessageException.class)
                .hasMessage("message: must be a JSON object");
    }

    @Test
    void a_custom_event_with_too_many_properties_is_refused_rather_than_cut() {
        StringBuilder properties = new StringBuilder();
        for (int i = 0; i <= ClickstreamMapper.MAX_CUSTOM_PROPERTIES; i++) {
            properties.append(i == 0 ? "" : ",").append("\"p").append(i).append("\":").append(i);
        }
        assertThat(errors("{\"type\":\"track\",\"event\":\"Big\",\"messageId\":\"m\",\"userId\":\"u\",\"timestamp\":\"2026-11-20T10:00:00Z\","
                + "\"properties\":{" + properties + "}}", null))
                .containsExactly("properties: 101 properties (nested ones counted one by one); at most 100 are recorded per event");
    }

    @Test
    void alias_resolves_the_previous_and_the_new_id_together_and_records_only_that_it_happened() {
        ClickstreamMessage message = mapper.map(json("""
                {"messageId":"al","previousId":"a-9","userId":"12347","timestamp":"2026-11-20T10:00:00Z",
                 "traits":{"email":"kept@nowhere"}}"""), "alias", RECEIVED);
        assertThat(message.identifiers()).containsExactly(
                new CustomerIdentifier(IdentifierType.MEMBER, "12347"), new CustomerIdentifier(IdentifierType.DEVICE, "a-9"));
        assertThat(message.interaction()).isEqualTo(new CustomerInteraction.Custom("al", Instant.parse("2026-11-20T10:00:00Z"),
                "web", "Alias", Map.of("previousId", "a-9")));

        assertThat(errors("{\"messageId\":\"al\",\"userId\":\"12347\"}", "alias"))
                .containsExactly("previousId: required for an alias message: the id the visitor was known by (their anonymousId)");
        assertThat(errors("{\"type\":\"alias\",\"messageId\":\"al\",\"previousId\":\"a-9\",\"anonymousId\":\"a-9\"}", null))
                .containsExactly("userId: required for an alias message: the id the visitor is known by from now on");
    }

    @Test
    void group_records_the_group_and_its_traits_flat_without_personal_ones() {
        ClickstreamMessage message = map("""
                {"type":"group","messageId":"g","userId":"12347","groupId":"store-leeds","timestamp":"2026-11-20T10:00:00Z",
                 "traits":{"name":"Leeds store","plan":"gold","employees":12,"email":"store@x.example","phone":"0113 496 0000",
                           "address":{"city":"Leeds"},"region":{"code":"YK"}}}""");
        assertThat(message.identifiers()).containsExactly(new CustomerIdentifier(IdentifierType.MEMBER, "12347"));
        assertThat(message.interaction()).isEqualTo(new CustomerInteraction.Custom("g", Instant.parse("2026-11-20T10:00:00Z"),
                "web", "Group", Map.of("groupId", "store-leeds", "plan", "gold", "employees", "12", "region.code", "YK")));
        assertThat(errors("{\"type\":\"group\",\"messageId\":\"g\",\"userId\":\"u\"}", null))
                .containsExactly("groupId: required for a group message: which group");
    }

    @Test
    void a_device_clock_that_is_off_is_corrected_as_segment_does() {
        // The device thought it was 09:00 when it happened and 09:30 when it sent; we received it at 12:00.
        ClickstreamMessage skewed = map("""
                {"type":"track","event":"Signed In","messageId":"s","anonymousId":"a",
                 "originalTimestamp":"2026-11-20T09:00:00Z","sentAt":"2026-11-20T09:30:00Z"}""");
        assertThat(skewed.interaction().occurredAt()).isEqualTo(Instant.parse("2026-11-20T11:30:00Z"));

        // timestamp, when given, is taken as sent; no time at all is the receive time.
        assertThat(map("""
                {"type":"track","event":"Signed In","messageId":"s","anonymousId":"a","timestamp":"2026-11-20T08:00:00Z",
                 "originalTimestamp":"2026-11-20T09:00:00Z","sentAt":"2026-11-20T09:30:00Z"}""").interaction().occurredAt())
                .isEqualTo(Instant.parse("2026-11-20T08:00:00Z"));
        assertThat(map("{\"type\":\"page\",\"messageId\":\"p\",\"anonymousId\":\"a\"}").interaction().occurredAt())
                .isEqualTo(RECEIVED);
    }

    @Test
    void a_time_more_than_a_day_ahead_of_receipt_is_refused() {
        assertThat(map("{\"type\":\"page\",\"messageId\":\"p\",\"anonymousId\":\"a\",\"timestamp\":\"2026-11-21T11:59:00Z\"}")
                .interaction().occurredAt()).isEqualTo(Instant.parse("2026-11-21T11:59:00Z"));
        assertThat(errors("{\"type\":\"page\",\"messageId\":\"p\",\"anonymousId\":\"a\",\"timestamp\":\"2026-11-21T12:00:01Z\"}", null))
                .containsExactly("timestamp: 2026-11-21T12:00:01Z is more than 1 day after the message was received (2026-11-20T12:00:00Z)");
        assertThat(errors("{\"type\":\"page\",\"messageId\":\"p\",\"anonymousId\":\"a\",\"originalTimestamp\":\"2026-11-23T12:00:00Z\"}", null))
                .containsExactly("originalTimestamp: 2026-11-23T12:00:00Z is more than 1 day after the message was received (2026-11-20T12:00:00Z)");
        assertThat(errors("{\"type\":\"page\",\"messageId\":\"p\",\"anonymousId\":\"a\",\"timestamp\":\"2026-11-20T10:00:00Z\","
                + "\"sentAt\":\"soon\"}", null))
                .containsExactly("sentAt: 'soon' is not an ISO-8601 date-time with an offset, such as 2026-11-20T10:15:00Z");
    }

    @Test
    void phone_email_openid_and_unionid_traits_become_identifiers_and_are_recorded_nowhere_else() {
        ClickstreamMessage identify = map("""
                {"type":"identify","messageId":"i","userId":"12347",
                 "traits":{"phone":"+44 (0)113-496.0000","email":" Ann.Smith@Example.COM ","name":"Ann Smith","unionId":"u-7"},
                 "context":{"traits":{"openId":"o-1"}}}""");
        assertThat(identify.identifiers()).containsExactly(
                new CustomerIdentifier(IdentifierType.MEMBER, "12347"),
                ClickstreamMapper.piiIdentifier(IdentifierType.PHONE, "+4401134960000"),
                ClickstreamMapper.piiIdentifier(IdentifierType.EMAIL, "ann.smith@example.com"),
                new CustomerIdentifier(IdentifierType.UNIONID, "u-7"),
                new CustomerIdentifier(IdentifierType.OPENID, "o-1"));
        assertThat(identify.identifiers()).extracting(CustomerIdentifier::key)
                .contains("phone:+4401134960000", "email:ann.smith@example.com");

        ClickstreamMessage custom = map("""
                {"type":"track","event":"Coupon Entered","messageId":"c","anonymousId":"a","timestamp":"2026-11-20T10:00:00Z",
                 "context":{"traits":{"email":"ann@example.com","phone":"07700 900123"}},
                 "properties":{"coupon":"SAVE20","openId":"o-2","unionId":"u-2"}}""");
        assertThat(custom.identifiers()).extracting(CustomerIdentifier::key).containsExactly(
                "device:a", "phone:07700900123", "email:ann@example.com", "openid:o-2", "unionid:u-2");
        assertThat(custom.interaction()).isEqualTo(new CustomerInteraction.Custom("c", Instant.parse("2026-11-20T10:00:00Z"),
                "web", "Coupon Entered", Map.of("coupon", "SAVE20")));

        assertThat(errors("""
                {"type":"identify","messageId":"i","userId":"u","traits":{"phone":"call me","email":"nobody"},
                 "context":{"externalIds":[{"type":"email","id":"also-nobody"}]}}""", null))
                .containsExactly(
                        "traits.phone: not a phone number (5 to 20 digits, optionally a leading + and spaces, dots, dashes or brackets)",
                        "traits.email: not an email address (name@domain)",
                        "context.externalIds[0].id: not an email address (name@domain)");
    }

    @Test
    void a_message_without_message_id_gets_one_from_its_content_so_a_resend_is_recognised() {
        ClickstreamMessage first = map("""
                {"type":"track","event":"Signed In","anonymousId":"a","timestamp":"2026-11-20T10:00:00Z",
                 "context":{"app":{"name":"shop","version":"1.2"}},"sentAt":"2026-11-20T10:00:05Z"}""");
        ClickstreamMessage resent = map("""
                {"sentAt":"2026-11-20T10:07:00Z","context":{"app":{"version":"1.2","name":"shop"}},
                 "timestamp":"2026-11-20T10:00:00Z","anonymousId":"a","event":"Signed In","type":"track"}""");
        ClickstreamMessage other = map("""
                {"type":"track","event":"Signed In","anonymousId":"a","timestamp":"2026-11-20T10:00:01Z",
                 "context":{"app":{"name":"shop","version":"1.2"}}}""");

        assertThat(first.messageId()).startsWith("derived-").hasSize("derived-".length() + 32);
        assertThat(first.interaction().interactionId()).isEqualTo(first.messageId());
        assertThat(resent.messageId()).isEqualTo(first.messageId());
        assertThat(other.messageId()).isNotEqualTo(first.messageId());
    }

    @Test
    void the_user_id_is_the_identifier_type_configured() {
        ClickstreamMessage message = new ClickstreamMapper(IdentifierType.UNIONID).map(json("""
                {"type":"page","messageId":"p","userId":"o6_bmasdasdsad6","anonymousId":"a"}"""), null, RECEIVED);
        assertThat(message.identifiers()).containsExactly(new CustomerIdentifier(IdentifierType.UNIONID, "o6_bmasdasdsad6"),
                new CustomerIdentifier(IdentifierType.DEVICE, "a"));
        assertThat(new ClickstreamSettings(1, "OpenID", null).userIdentifierType()).isEqualTo(IdentifierType.OPENID);
        assertThat(new ClickstreamSettings(1, null, null).userIdentifierType()).isEqualTo(IdentifierType.MEMBER);
        assertThatThrownBy(() -> new ClickstreamSettings(1, "wechat", null).userIdentifierType())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("retailpulse.clickstream.user-id-type: unknown identifier type 'wechat'; known types: "
                        + IdentifierType.codes());
    }

    @Test
    void order_completed_is_an_order_and_a_refund_or_cancellation_takes_its_products_back() {
        ClickstreamMessage completed = map("""
                {"type":"track","event":"Order Completed","messageId":"o","userId":"12347","timestamp":"2026-11-20T10:00:00Z",
                 "context":{"app":{"name":"shop"}},
                 "properties":{"order_id":"W-1","currency":"gbp","total":15.30,
                               "products":[{"product_id":"85123A","name":"T-light holder","price":2.55,"quantity":6},
                                           {"sku":"22423","price":"12.75"}]}}""");
        assertThat(completed.interaction()).isNull();
        assertThat(completed.isIdentify()).isFalse();
        assertThat(completed.order()).isEqualTo(new ClickstreamMessage.Order(false, "W-1", Instant.parse("2026-11-20T10:00:00Z"),
                "GBP", List.of(new OrderLine("85123A", "T-light holder", 6, new BigDecimal("2.55")),
                new OrderLine("22423", null, 1, new BigDecimal("12.75"))), "app"));

        for (String event : List.of("Order Refunded", "order_cancelled")) {
            ClickstreamMessage refunded = map("""
                    {"type":"track","event":"%s","messageId":"r","userId":"12347","timestamp":"2026-11-21T10:00:00Z",
                     "properties":{"order_id":"W-1","currency":"GBP","products":[{"sku":"22423","price":12.75}]}}""".formatted(event));
            assertThat(refunded.order()).isEqualTo(new ClickstreamMessage.Order(true, "W-1", Instant.parse("2026-11-21T10:00:00Z"),
                    "GBP", List.of(new OrderLine("22423", null, 1, new BigDecimal("12.75"))), "web"));
        }

        assertThat(errors("""
                {"type":"track","event":"Order Completed","messageId":"o","userId":"u","timestamp":"2026-11-20T10:00:00Z",
                 "properties":{"products":[{"sku":"A"},{"sku":"B","price":1,"quantity":0}]}}""", null))
                .containsExactly(
                        "properties.order_id: required for order completed: which order",
                        "properties.currency: required for an order: a 3-letter ISO-4217 code such as GBP",
                        "properties.products[0].price: required for an order line: the unit price",
                        "properties.products[1].quantity: must be a whole number of at least 1, got 0");
        assertThat(errors("""
                {"type":"track","event":"Order Cancelled","messageId":"o","userId":"u","timestamp":"2026-11-20T10:00:00Z",
                 "properties":{"order_id":"W-1","currency":"GBP"}}""", null))
                .containsExactly("properties.products: required for an order: an array of products with price (and quantity)");
    }

    @Test
    void the_channel_comes_from_a_channel_property_or_what_the_sdk_says_it_is() {
        String head = "{\"type\":\"track\",\"event\":\"Signed In\",\"messageId\":\"m\",\"anonymousId\":\"a\"";
        assertThat(channelOf(head + ",\"properties\":{\"channel\":\"kiosk\"},\"channel\":\"browser\"}")).isEqualTo("kiosk");
        assertThat(channelOf(head + ",\"channel\":\"browser\"}")).isEqualTo("web");
        assertThat(channelOf(head + ",\"channel\":\"mobile\"}")).isEqualTo("app");
        assertThat(channelOf(head + ",\"channel\":\"server\",\"context\":{\"library\":{\"name\":\"analytics-android\"}}}"))
                .isEqualTo("app");
        assertThat(channelOf(head + ",\"context\":{\"app\":{\"name\":\"shop\"},\"library\":{\"name\":\"analytics-miniprogram\"}}}"))
                .isEqualTo("mini-program");
        assertThat(channelOf(head + ",\"context\":{\"library\":{\"name\":\"analytics.js\"}}}")).isEqualTo("web");
        assertThat(channelOf(head + "}")).isEqualTo("web");
    }

    private String channelOf(String message) {
        return ((CustomerInteraction.Login) map(message).interaction()).channel();
    }
}
