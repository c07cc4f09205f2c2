package com.retailpulse.intelligence.ltv;

import com.retailpulse.intelligence.data.Purchase;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CustomerSummaryTest {
    private static final DataWindow DAYS = DataWindow.of(LocalDate.parse("2024-01-31"), PeriodUnit.DAYS);

    private static Purchase line(String customer, String at, int quantity, double unitPrice) {
        return new Purchase(customer, customer + at + quantity, Instant.parse(at), "sku", quantity, unitPrice);
    }

    @Test
    void purchases_on_one_day_are_one_transaction_and_the_first_transaction_is_not_a_repeat() {
        List<Purchase> history = List.of(
                line("c", "2024-01-01T09:00:00Z", 1, 100),
                line("c", "2024-01-11T09:00:00Z", 2, 10),
                line("c", "2024-01-11T17:00:00Z", 1, 20),
                line("c", "2024-01-21T12:00:00Z", 1, 60));

        CustomerSummary summary = CustomerSummary.asOf("c", history, DAYS).orElseThrow();

        // repeat days 01-11 (40) and 01-21 (60); observed until 01-30, the day before the cutoff
        assertThat(summary).isEqualTo(new CustomerSummary("c", 2, 20, 29, 50));
    }

    @Test
    void returns_are_not_purchases() {
        List<Purchase> history = List.of(
                line("c", "2024-01-01T09:00:00Z", 1, 100),
                line("c", "2024-01-05T09:00:00Z", -1, 100));

        CustomerSummary summary = CustomerSummary.asOf("c", history, DAYS).orElseThrow();

        assertThat(summary.frequency()).isZero();
        assertThat(summary.recency()).isZero();
        assertThat(summary.monetaryValue()).isZero();
    }

    @Test
    void nothing_at_or_after_the_cutoff_is_seen() {
        List<Purchase> history = List.of(
                line("c", "2024-01-30T23:59:59Z", 1, 10),
                line("c", "2024-01-31T00:00:00Z", 1, 10),
                line("c", "2024-02-15T00:00:00Z", 1, 10));

        assertThat(CustomerSummary.asOf("c", history, DAYS)).contains(new CustomerSummary("c", 0, 0, 0, 0));
        assertThat(CustomerSummary.asOf("c", history.subList(1, 3), DAYS)).isEmpty();
    }

    @Test
    void weeks_are_fractional_day_counts() {
        DataWindow weeks = DataWindow.of(LocalDate.parse("1997-10-01"), PeriodUnit.WEEKS);
        List<Purchase> history = List.of(
                line("c", "1997-01-01T00:00:00Z", 1, 10),
                line("c", "1997-01-08T00:00:00Z", 1, 10),
                line("c", "1997-01-09T00:00:00Z", 1, 10));

        CustomerSummary summary = CustomerSummary.asOf("c", history, weeks).orElseThrow();

        assertThat(summary.frequency()).isEqualTo(2);
        assertThat(summary.recency()).isCloseTo(8 / 7.0, within(1e-12));
        assertThat(summary.age()).isCloseTo(38.86, within(0.005));
    }

    @Test
    void a_population_has_one_summary_per_customer_who_bought_before_the_cutoff() {
        List<Purchase> purchases = List.of(
                line("b", "2024-01-02T00:00:00Z", 1, 10),
                line("a", "2024-01-03T00:00:00Z", 1, 10),
                line("late", "2024-02-01T00:00:00Z", 1, 10),
                line("returner", "2024-01-04T00:00:00Z", -1, 10));

        CustomerSummaries population = CustomerSummaries.asOf(purchases, DAYS);

        assertThat(population.customers()).extracting(CustomerSummary::customerId).containsExactly("a", "b");
        assertThat(population.window()).isEqualTo(DAYS);
    }

    @Test
    void negative_or_inconsistent_values_are_rejected_with_the_field_named() {
        assertThatThrownBy(() -> new CustomerSummary("c", -1, 0, 1, 0)).hasMessageContaining("frequency");
        assertThatThrownBy(() -> new CustomerSummary("c", 1, 5, 4, 10)).hasMessageContaining("recency and age");
        assertThatThrownBy(() -> new CustomerSummary("c", 1, 1, 4, -3)).hasMessageContaining("monetary value");
        assertThatThrownBy(() -> new CustomerSummary("c", 0, 1, 4, 0)).hasMessageContaining("without repeat");
    }

    @Test
    void another_customers_purchase_in_a_history_is_rejected() {
        assertThatThrownBy(() -> CustomerSummary.asOf("c", List.of(line("d", "2024-01-02T00:00:00Z", 1, 1)), DAYS))
                .hasMessageContaining("purchase of d in the history of c");
    }
}
