package com.retailpulse.infra.ingest.ecommerce;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailpulse.contracts.customer.CustomerIdentifier;
import com.retailpulse.contracts.customer.IdentifierType;
import com.retailpulse.contracts.customer.OrderLine;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class OrderMapperTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    static JsonNode sample(String name) {
        try (InputStream in = OrderMapperTest.class.getResourceAsStream("/ecommerce/" + name)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private final OrderMapper tmall = OrderMapper.compile("tmall", BuiltInPlatforms.tmall());
    private final OrderMapper jd = OrderMapper.compile("jd", BuiltInPlatforms.jd());

    @Test
    void a_finished_tmall_trade_is_a_paid_order_of_its_open_buyer_in_china_time() {
        MappedOrder order = tmall.map(sample("tmall-trades.json").get(0));

        assertThat(order.recordedOrderId()).isEqualTo("tmall:3981726354012345678");
        assertThat(order.identifiers()).containsExactly(
                new CustomerIdentifier(IdentifierType.BUYER, "tmall:AAHm5d-EAAeGwJedwSHpg8bT"));
        assertThat(order.disposition()).isEqualTo(MappedOrder.Disposition.PAID);
        assertThat(order.createdAt()).isEqualTo(Instant.parse("2026-11-10T16:03:17Z"));
        assertThat(order.currency()).isEqualTo("CNY");
        assertThat(order.shopId()).isEqualTo("retailpulse旗舰店");
        // The second item has no merchant SKU code: the platform's sku_id stands in.
        assertThat(order.lines()).containsExactly(
                new OrderLine("RP-TEE-WHT-M", "纯棉短袖T恤 白色 M", 2, new BigDecimal("99.00")),
                new OrderLine("5012345679902", "帆布托特包", 1, new BigDecimal("140.00")));
    }

    @Test
    void a_closed_tmall_trade_is_cancelled_at_its_last_change_and_an_unpaid_one_records_nothing() {
        MappedOrder refunded = tmall.map(sample("tmall-trades.json").get(1));
        assertThat(refunded.disposition()).isEqualTo(MappedOrder.Disposition.CANCELLED);
        assertThat(refunded.cancellationId()).isEqualTo("tmall:3981726354098765432:cancel");
        assertThat(refunded.cancelledAt()).isEqualTo(Instant.parse("2026-11-14T02:05:00Z"));
        assertThat(refunded.lines()).containsExactly(new OrderLine("RP-JKT-NVY-L", "轻薄羽绒服 藏青 L", 1, new BigDecimal("259.00")));

        MappedOrder unpaid = tmall.map(sample("tmall-trades.json").get(2));
        assertThat(unpaid.disposition()).isEqualTo(MappedOrder.Disposition.NOT_PAID);
        assertThat(unpaid.status()).isEqualTo("WAIT_BUYER_PAY");
    }

    @Test
    void a_jd_order_reads_string_numbers_and_ignores_the_masked_receiver_phone() {
        MappedOrder order = jd.map(sample("jd-orders.json").get(0));

        assertThat(order.recordedOrderId()).isEqualTo("jd:301234567890");
        assertThat(order.identifiers()).containsExactly(new CustomerIdentifier(IdentifierType.BUYER, "jd:jd_5f3c2a9e81b7d"));
        assertThat(order.disposition()).isEqualTo(MappedOrder.Disposition.PAID);
        assertThat(order.createdAt()).isEqualTo(Instant.parse("2026-11-11T12:15:33Z"));
        assertThat(order.shopId()).isEqualTo("10086123");
        assertThat(order.lines()).containsExactly(new OrderLine("RP-SOCK-3P", "纯棉中筒袜 三双装", 3, new BigDecimal("59.90")));
        assertThat(order.buyerPhone()).isNull();
    }

    @Test
    void a_cancelled_jd_order_with_an_empty_merchant_sku_falls_back_to_the_jd_sku() {
        MappedOrder order = jd.map(sample("jd-orders.json").get(1));
        assertThat(order.disposition()).isEqualTo(MappedOrder.Disposition.CANCELLED);
        assertThat(order.lines()).extracting(OrderLine::sku).containsExactly("100012049911");
        assertThat(order.cancelledAt()).isEqualTo(Instant.parse("2026-11-13T10:45:12Z"));
    }

    @Test
    void an_order_that_does_not_fit_names_every_field_by_its_pointer() {
        JsonNode trade = json("""
                {"tid": "T-1", "status": "TRADE_FINISHED", "created": "11/11/2026",
                 "orders": {"order": [{"outer_sku_id": "A", "num": 0, "price": "9.90"},
                                      {"title": "no sku", "num": "2.5", "price": "-1"}]}}
                """);
        OrderMappingException e = catchThrowableOfType(OrderMappingException.class, () -> tmall.map(trade));

        assertThat(e.orderId()).isEqualTo("T-1");
        assertThat(e.problems()).extracting(OrderMappingException.Problem::toString).containsExactlyInAnyOrder(
                "/buyer_open_uid: missing",
                "/created: not a time in yyyy-MM-dd HH:mm:ss (Asia/Shanghai): '11/11/2026'",
                "/orders/order/0/num: must be a positive whole number, got '0'",
                "/orders/order/1/outer_sku_id|/sku_id|/num_iid: missing",
                "/orders/order/1/num: must be a positive whole number, got '2.5'",
                "/orders/order/1/price: must be a number of at least 0, got '-1'");
    }

    @Test
    void items_that_are_not_an_array_and_orders_that_are_not_objects_are_refused() {
        OrderMappingException noItems = catchThrowableOfType(OrderMappingException.class, () -> jd.map(json("""
                {"orderId": "1", "pin": "p", "orderStartTime": "2026-11-11 10:00:00", "orderState": "FINISHED_L",
                 "itemInfoList": {"skuId": "1"}}""")));
        assertThat(noItems.problems()).extracting(OrderMappingException.Problem::toString)
                .containsExactly("/itemInfoList: must be a non-empty array of items");

        assertThatThrownBy(() -> jd.map(json("[1, 2]"))).isInstanceOf(OrderMappingException.class)
                .hasMessageContaining("an order must be a JSON object");
    }

    private static MappingSettings shop(String phone, String timeFormat, String currency, String fixedCurrency) {
        return new MappingSettings("/id", "/customer/id", phone, null, "/placed", null, timeFormat, null, "/state",
                List.of("paid"), List.of("refunded"), currency, fixedCurrency, "/lines",
                new MappingSettings.Item("/sku", null, "/qty", "/price"));
    }

    @Test
    void a_configured_mapping_reads_iso_or_epoch_times_a_currency_field_and_a_phone() {
        OrderMapper mapper = OrderMapper.compile("myshop", shop("/customer/phone", null, "/currency", null));
        MappedOrder order = mapper.map(json("""
                {"id": 77, "customer": {"id": "c-9", "phone": "+86 138-0013-8000"}, "placed": "2026-11-20T10:15:00+08:00",
                 "state": "refunded", "currency": "usd", "lines": [{"sku": "S", "qty": 1, "price": 12.5}]}"""));
        assertThat(order.identifiers()).containsExactly(new CustomerIdentifier(IdentifierType.BUYER, "myshop:c-9"),
                new CustomerIdentifier(IdentifierType.PHONE, "+8613800138000"));
        assertThat(order.createdAt()).isEqualTo(Instant.parse("2026-11-20T02:15:00Z"));
        assertThat(order.currency()).isEqualTo("USD");
        assertThat(order.disposition()).isEqualTo(MappedOrder.Disposition.CANCELLED);
        assertThat(order.lines().get(0).unitPrice()).isEqualByComparingTo("12.5");

        OrderMapper epoch = OrderMapper.compile("myshop", shop("/customer/phone", "epoch-millis", null, "EUR"));
        MappedOrder masked = epoch.map(json("""
                {"id": "1", "customer": {"id": "c", "phone": "138****8000"}, "placed": 1795000000000, "state": "shipped",
                 "lines": [{"sku": "S", "qty": "1", "price": "1"}]}"""));
        assertThat(masked.createdAt()).isEqualTo(Instant.ofEpochMilli(1795000000000L));
        assertThat(masked.buyerPhone()).isNull();
        assertThat(masked.currency()).isEqualTo("EUR");
        assertThat(masked.disposition()).isEqualTo(MappedOrder.Disposition.NOT_PAID);

        assertThatThrownBy(() -> mapper.map(json("""
                {"id": "2", "customer": {"id": "c", "phone": "call me"}, "placed": "2026-11-20T10:15:00Z", "state": "paid",
                 "currency": "dollars", "lines": [{"sku": "S", "qty": 1, "price": 1}]}""")))
                .isInstanceOf(OrderMappingException.class)
                .hasMessageContaining("/customer/phone: not a phone number: 'call me'")
                .hasMessageContaining("/currency: must be a 3-letter ISO-4217 code");
    }

    @Test
    void a_mapping_with_bad_paths_or_settings_is_refused_at_start_up_naming_each_setting() {
        MappingSettings bad = new MappingSettings("tid", null, null, null, "/created", null, "yyyy-MM-dd HH:mm:ss QQQQQQ",
                "Mars/Olympus", "/status", List.of(), List.of("X"), null, null, "/items",
                new MappingSettings.Item("/sku", null, "/qty", "/price"));

        assertThatThrownBy(() -> OrderMapper.compile("myshop", bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("retailpulse.ecommerce.platforms.myshop.mapping.orderId: 'tid' is not a JSON Pointer")
                .hasMessageContaining("retailpulse.ecommerce.platforms.myshop.mapping.buyerId: a JSON Pointer is required")
                .hasMessageContaining("retailpulse.ecommerce.platforms.myshop.mapping.timeZone: unknown zone 'Mars/Olympus'")
                .hasMessageContaining("retailpulse.ecommerce.platforms.myshop.mapping.timeFormat:")
                .hasMessageContaining("retailpulse.ecommerce.platforms.myshop.mapping.paidStatuses:")
                .hasMessageContaining("retailpulse.ecommerce.platforms.myshop.mapping.currency: map a currency field or set fixedCurrency");
    }
}
