package com.retailpulse.intelligence.cluster;

import com.retailpulse.intelligence.data.Purchase;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CustomerFeaturesTest {
    private static final Instant CUTOFF = Instant.parse("2024-03-01T00:00:00Z");

    private static Purchase line(String order, String at, String sku, int quantity, double unitPrice) {
        return new Purchase("c", order, Instant.parse(at), sku, quantity, unitPrice);
    }

    @Test
    void features_describe_the_purchases_before_the_cutoff_in_a_marketers_units() {
        List<Purchase> history = List.of(
                line("o1", "2024-01-01T12:00:00Z", "mug", 2, 10),
                line("o1", "2024-01-01T12:00:00Z", "tea", 1, 30),
                line("o2", "2024-02-20T12:00:00Z", "mug", 1, 50),
                line("o3", "2024-03-01T00:00:00Z", "pot", 1, 999));

        CustomerFeatures features = CustomerFeatures.asOf(history, CUTOFF).orElseThrow();

        assertThat(features.frequency()).isEqualTo(2);
        assertThat(features.monetary()).isCloseTo(100, within(1e-9));
        assertThat(features.averageOrderValue()).isCloseTo(50, within(1e-9));
        assertThat(features.distinctProducts()).isEqualTo(2);
        assertThat(features.recencyDays()).isCloseTo(9.5, within(1e-9));
        assertThat(features.tenureDays()).isCloseTo(59.5, within(1e-9));
        assertThat(features.returnShare()).isZero();
    }

    @Test
    void returns_count_towards_the_return_share_not_against_the_spend() {
        List<Purchase> history = List.of(
                line("o1", "2024-01-01T12:00:00Z", "mug", 4, 10),
                line("c1", "2024-01-10T12:00:00Z", "mug", -1, 10));

        CustomerFeatures features = CustomerFeatures.asOf(history, CUTOFF).orElseThrow();

        assertThat(features.monetary()).isCloseTo(40, within(1e-9));
        assertThat(features.returnShare()).isCloseTo(0.25, within(1e-9));
        assertThat(features.frequency()).isEqualTo(1);
        assertThat(features.recencyDays()).as("a return is not a purchase").isCloseTo(59.5, within(1e-9));
    }

    @Test
    void returning_more_than_the_data_show_bought_caps_the_share_at_one() {
        List<Purchase> history = List.of(
                line("o1", "2024-01-01T12:00:00Z", "mug", 1, 10),
                line("c1", "2024-01-10T12:00:00Z", "vase", -3, 10));

        assertThat(CustomerFeatures.asOf(history, CUTOFF).orElseThrow().returnShare()).isEqualTo(1);
    }

    @Test
    void a_customer_who_only_returned_or_only_bought_later_has_no_features() {
        assertThat(CustomerFeatures.asOf(List.of(line("c1", "2024-01-10T12:00:00Z", "mug", -1, 10)), CUTOFF)).isEmpty();
        assertThat(CustomerFeatures.asOf(List.of(line("o9", "2024-03-02T12:00:00Z", "mug", 1, 10)), CUTOFF)).isEmpty();
    }

    @Test
    void features_out_of_range_are_rejected() {
        assertThatThrownBy(() -> new CustomerFeatures(10, 0, 5, 5, 1, 0, 20)).hasMessageContaining("at least one order");
        assertThatThrownBy(() -> new CustomerFeatures(30, 1, 5, 5, 1, 0, 20)).hasMessageContaining("out of range");
        assertThatThrownBy(() -> new CustomerFeatures(10, 1, 5, 5, 1, 1.5, 20)).hasMessageContaining("return share");
    }
}
