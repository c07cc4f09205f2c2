package com.retailpulse.intelligence.recommend;

import com.retailpulse.intelligence.data.Purchase;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class LeaveLastBasketOutTest {

    @Test
    void each_customer_with_two_baskets_loses_the_latest_one_and_returns_are_on_neither_side() {
        LeaveLastBasketOut split = LeaveLastBasketOut.of(new Purchases()
                .basket("ann", "o1", 1, "x", "y")
                .basket("ann", "o9", 3, "z", "x")   // latest by time although not by id
                .basket("ann", "o5", 2, "w")
                .returned("ann", "c1", 4, "x")
                .basket("bob", "o2", 1, "x")        // one basket: all training, nothing to test
                .list());

        assertThat(split.heldOut()).isEqualTo(Map.of("ann", Set.of("z", "x")));
        assertThat(split.training()).extracting(Purchase::orderId).containsExactly("o1", "o1", "o5", "o2");
    }

    @Test
    void baskets_at_the_same_time_are_ordered_by_order_id() {
        LeaveLastBasketOut split = LeaveLastBasketOut.of(new Purchases()
                .basket("ann", "o2", 1, "b")
                .basket("ann", "o1", 1, "a")
                .list());

        assertThat(split.heldOut()).isEqualTo(Map.of("ann", Set.of("b")));
    }
}
