package com.retailpulse.intelligence.churn;

import com.retailpulse.intelligence.data.Purchase;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import static com.retailpulse.intelligence.churn.Histories.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ChurnFeaturesTest {
    static final Instant CUTOFF = Instant.parse("2011-06-01T00:00:00Z");

    /** Three orders and a return before the cutoff; one order exactly at it and one after it. */
    static final List<Purchase> HISTORY = List.of(
            line("o1", "2011-01-01T00:00:00Z", "A", 2, 5.0),
            line("o1", "2011-01-01T00:00:00Z", "B", 1, 20.0),
            line("o2", "2011-03-02T00:00:00Z", "A", 4, 5.0),
            line("r1", "2011-03-10T00:00:00Z", "A", -1, 5.0),
            line("o3", "2011-05-02T00:00:00Z", "C", 1, 50.0),
            line("o4", "2011-06-01T00:00:00Z", "D", 10, 100.0),
            line("o5", "2011-06-15T00:00:00Z", "E", 1, 1.0));

    @Test
    void features_never_see_purchases_at_or_after_the_cutoff() {
        FeatureVector fromEverything = PointInTimeFeatures.of("c1", HISTORY, CUTOFF).orElseThrow();
        FeatureVector fromThePast = PointInTimeFeatures.of("c1",
                HISTORY.stream().filter(p -> p.at().isBefore(CUTOFF)).toList(), CUTOFF).orElseThrow();

        assertThat(fromEverything).isEqualTo(fromThePast);
        // Had the order at the cutoff been seen, recency would be 0, frequency 4 and the net value 1,095.
        assertThat(fromEverything.get("recency_days")).isEqualTo(30.0);
        assertThat(fromEverything.get("frequency")).isEqualTo(3.0);
        assertThat(fromEverything.get("monetary_net")).isEqualTo(95.0);
    }

    @Test
    void every_feature_has_the_value_worked_out_by_hand() {
        FeatureVector v = PointInTimeFeatures.of("c1", HISTORY, CUTOFF).orElseThrow();

        assertThat(v.get("tenure_days")).isEqualTo(151.0);
        assertThat(v.get("avg_order_value")).isCloseTo(100.0 / 3, within(1e-9));
        // Windows include their first instant: o3 is exactly 30 days old, o2 is 91 days old.
        assertThat(v.get("orders_30d")).isEqualTo(1.0);
        assertThat(v.get("orders_90d")).isEqualTo(1.0);
        assertThat(v.get("orders_180d")).isEqualTo(3.0);
        assertThat(v.get("spend_30d")).isEqualTo(50.0);
        assertThat(v.get("spend_90d")).isEqualTo(45.0);
        assertThat(v.get("spend_180d")).isEqualTo(95.0);
        assertThat(v.get("mean_interval_days")).isEqualTo(60.5);
        assertThat(v.get("last_interval_days")).isEqualTo(61.0);
        assertThat(v.get("recency_over_interval")).isCloseTo(30 / 60.5, within(1e-9));
        assertThat(v.get("orders_per_month")).isCloseTo(3 * 30.0 / 151, within(1e-9));
        assertThat(v.get("active_months")).isEqualTo(3.0);
        assertThat(v.get("distinct_products")).isEqualTo(3.0);
        assertThat(v.get("units_per_order")).isCloseTo(8.0 / 3, within(1e-9));
        assertThat(v.get("lines_per_order")).isCloseTo(4.0 / 3, within(1e-9));
        assertThat(v.get("return_share")).isEqualTo(0.05);
    }

    @Test
    void a_customer_who_had_bought_nothing_before_the_cutoff_gets_no_vector() {
        List<Purchase> onlyAtAndAfter = List.of(line("o4", "2011-06-01T00:00:00Z", "D", 1, 1.0),
                line("o5", "2011-06-15T00:00:00Z", "E", 1, 1.0));
        List<Purchase> onlyAReturn = List.of(line("r1", "2011-03-10T00:00:00Z", "A", -1, 5.0));

        assertThat(PointInTimeFeatures.of("c1", onlyAtAndAfter, CUTOFF)).isEmpty();
        assertThat(PointInTimeFeatures.of("c1", onlyAReturn, CUTOFF)).isEmpty();
    }

    @Test
    void intervals_of_a_one_order_customer_are_missing_not_zero() {
        FeatureVector v = PointInTimeFeatures.of("c1", HISTORY.subList(0, 2), CUTOFF).orElseThrow();

        assertThat(v.get("mean_interval_days")).isNaN();
        assertThat(v.get("last_interval_days")).isNaN();
        assertThat(v.get("recency_over_interval")).isNaN();
        assertThat(v.get("recency_days")).isEqualTo(151.0);
    }

    @Test
    void the_schema_lists_the_declared_features_in_declaration_order() {
        assertThat(PointInTimeFeatures.SCHEMA.features())
                .containsExactlyElementsOf(Arrays.stream(ChurnFeature.values()).map(ChurnFeature::featureName).toList());
        assertThat(PointInTimeFeatures.SCHEMA.features()).startsWith("recency_days", "tenure_days", "frequency");
    }

    @Test
    void the_feature_table_in_the_model_doc_matches_the_declarations() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "models", "churn.md"));

        for (ChurnFeature feature : ChurnFeature.values()) {
            assertThat(doc).contains("| `" + feature.featureName() + "` | " + feature.definition() + " |");
        }
        assertThat(doc).contains("`" + PointInTimeFeatures.SCHEMA.name() + "` v" + PointInTimeFeatures.SCHEMA.version());
    }

    @Test
    void a_schema_refuses_a_vector_built_for_another_order_of_features() {
        List<String> reordered = new ArrayList<>(PointInTimeFeatures.SCHEMA.features());
        Collections.swap(reordered, 0, 1);
        FeatureSchema other = new FeatureSchema("churn-features", 1, reordered);

        assertThatThrownBy(() -> PointInTimeFeatures.SCHEMA.requireSame(other)).isInstanceOf(IllegalArgumentException.class);
    }
}
