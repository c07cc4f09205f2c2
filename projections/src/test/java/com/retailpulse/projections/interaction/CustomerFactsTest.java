package com.retailpulse.projections.interaction;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerFactsTest {

    private static final Instant T = Instant.parse("2026-11-20T10:00:00Z");
    private static final Duration WEEK = Duration.ofDays(7);

    private static CustomerFacts.RecentMessage message(String id, Instant acceptedAt) {
        return new CustomerFacts.RecentMessage(id, "inbox", "campaign", "cmp-1", 1, "a", "a", List.of("vip"), acceptedAt, null);
    }

    @Test
    void an_order_converts_for_the_message_delivered_last_before_it_within_the_window() {
        CustomerFacts c = CustomerFacts.empty("c1");
        c.sent(message("m1", T));
        c.sent(message("m2", T.plusSeconds(60)));
        c.sent(message("m3", T.plusSeconds(120)));
        c.delivered("m1", T.plusSeconds(1));
        c.delivered("m2", T.plusSeconds(61));
        // m3 accepted but never delivered: it converts nothing

        assertThat(c.attribution(T.plusSeconds(3600), WEEK)).map(CustomerFacts.RecentMessage::messageId).contains("m2");
        assertThat(c.attribution(T.plusSeconds(30), WEEK)).map(CustomerFacts.RecentMessage::messageId)
                .as("m2 was delivered after the order").contains("m1");
        assertThat(c.attribution(T, WEEK)).as("before any delivery").isEmpty();
        assertThat(c.attribution(T.plusSeconds(61).plus(WEEK), WEEK)).as("the window is over").isEmpty();
        assertThat(c.attribution(T.plusSeconds(60).plus(WEEK), WEEK)).map(CustomerFacts.RecentMessage::messageId).contains("m2");
    }

    @Test
    void a_second_delivery_receipt_keeps_the_first_time_and_only_the_latest_messages_are_remembered() {
        CustomerFacts c = CustomerFacts.empty("c1");
        c.sent(message("m1", T));
        c.delivered("m1", T.plusSeconds(5));
        c.delivered("m1", T.plusSeconds(500));
        assertThat(c.messages.get(0).deliveredAt()).isEqualTo(T.plusSeconds(5));
        for (int i = 0; i < 30; i++) {
            c.sent(message("n" + i, T.plusSeconds(1000 + i)));
        }
        assertThat(c.messages).hasSize(CustomerFacts.RECENT_MESSAGES);
        assertThat(c.messages.get(0).messageId()).isEqualTo("n10");
    }

    @Test
    void orders_record_stores_channels_and_categories_for_store_insights() {
        CustomerFacts c = CustomerFacts.empty("c1");
        c.ordered("s1", "pos", List.of("tea"));
        c.ordered(null, "app", List.of("cups", "tea"));
        c.ordered("s2", "pos", List.of());
        c.entered("vip");
        c.entered("vip");
        c.entered("new");
        c.left("new");
        assertThat(c.homeStore).isEqualTo("s2");
        assertThat(c.stores).containsExactly("s1", "s2");
        assertThat(c.orderChannels).containsExactly("app", "pos");
        assertThat(c.categories).containsExactly("cups", "tea");
        assertThat(c.storeOrders).isEqualTo(2);
        assertThat(c.onlineOrders).isEqualTo(1);
        assertThat(c.orders).isEqualTo(3);
        assertThat(c.segments).containsExactly("vip");
    }
}
