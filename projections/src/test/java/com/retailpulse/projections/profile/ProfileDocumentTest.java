package com.retailpulse.projections.profile;

import com.retailpulse.contracts.customer.CustomerCreatedEvent;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.CustomerIdentifier;
import com.retailpulse.contracts.customer.OrderLine;
import com.retailpulse.contracts.customer.OrderPlacedEvent;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProfileDocumentTest {

    private static final CustomerId ID = new CustomerId("c-1");
    private static final Instant T = Instant.parse("2026-11-01T10:00:00Z");

    private static OrderPlacedEvent order(String id, String total, Instant at) {
        return new OrderPlacedEvent(ID, id, at, "GBP", List.of(new OrderLine("A", "a", 1, new BigDecimal(total))),
                new BigDecimal(total), "pos", null);
    }

    @Test
    void events_applied_out_of_order_give_the_same_profile_and_repeats_are_recognised() {
        ProfileDocument doc = ProfileDocument.empty("c-1");
        // sequence 2 arrives first (its predecessors were still a gap in the store's global order)
        doc = doc.withOrder(order("o2", "5.00", T.plusSeconds(60))).applied(2, T, T);
        assertThat(doc.hasApplied(2)).isTrue();
        assertThat(doc.hasApplied(0)).isFalse();
        assertThat(doc.appliedThrough()).isEqualTo(-1);

        doc = doc.created(new CustomerCreatedEvent(ID, CustomerIdentifier.parse("member:1"), T)).applied(0, T, T);
        doc = doc.withOrder(order("o1", "3.00", T)).applied(1, T, T);

        assertThat(doc.appliedThrough()).isEqualTo(2);
        assertThat(doc.appliedAbove()).isEmpty();
        assertThat(doc.hasApplied(1)).isTrue();
        assertThat(doc.orders().count()).isEqualTo(2);
        assertThat(doc.orders().revenue()).isEqualByComparingTo("8.00");
        assertThat(doc.orders().firstOrderAt()).isEqualTo(T);
        assertThat(doc.orders().lastOrderAt()).isEqualTo(T.plusSeconds(60));
        assertThat(doc.identifiers()).containsExactly("member:1");
    }
}
