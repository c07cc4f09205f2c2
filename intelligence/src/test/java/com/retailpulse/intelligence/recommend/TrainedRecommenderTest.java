package com.retailpulse.intelligence.recommend;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrainedRecommenderTest {
    private final Interactions interactions = Interactions.of(Purchases.twoTastes().list());

    @Test
    void every_kind_of_model_reads_back_from_bytes_with_its_window_and_metrics_and_scores_identically() throws IOException {
        List<TrainedRecommender> trained = List.of(
                trained("popularity", PopularityRecommender.train(interactions, Repeats.EXCLUDED)),
                trained("item-knn", ItemKnn.train(interactions, Repeats.ALLOWED)),
                trained("co-occurrence", CoOccurrence.train(interactions, Repeats.EXCLUDED)),
                trained("bpr", Bpr.train(interactions, Repeats.EXCLUDED, BprTest.SMALL)));

        for (TrainedRecommender original : trained) {
            TrainedRecommender copy = TrainedRecommender.fromBytes(original.toBytes());

            assertThat(copy.model()).isEqualTo(original.model());
            assertThat(copy.window()).isEqualTo(interactions.window());
            assertThat(copy.trainingTime()).isEqualTo(Duration.ofMillis(1234));
            assertThat(copy.metrics()).isEqualTo(Map.of("hr@10", 0.25, "ndcg@10", 0.125));
            assertThat(copy.recommender().getClass()).isEqualTo(original.recommender().getClass());
            for (String customer : List.of("a-customer0", "b-customer7", "nobody")) {
                assertThat(copy.recommender().recommend(customer, 10)).isEqualTo(original.recommender().recommend(customer, 10));
            }
            if (original.recommender() instanceof SimilarItems similar) {
                assertThat(((SimilarItems) copy.recommender()).similar("a3", 5)).isEqualTo(similar.similar("a3", 5));
            }
        }
    }

    @Test
    void a_model_file_round_trips_through_the_file_system(@TempDir Path dir) throws IOException {
        TrainedRecommender original = trained("co-occurrence", CoOccurrence.train(interactions, Repeats.EXCLUDED));
        Path file = dir.resolve("co-occurrence.rprc");

        original.write(file);
        TrainedRecommender copy = TrainedRecommender.read(file);

        assertThat(copy.toBytes()).isEqualTo(original.toBytes());
    }

    @Test
    void a_file_that_is_not_a_model_or_is_cut_short_is_refused() {
        byte[] bytes = trained("popularity", PopularityRecommender.train(interactions, Repeats.EXCLUDED)).toBytes();

        assertThatThrownBy(() -> TrainedRecommender.fromBytes("not a model".getBytes()))
                .isInstanceOf(IOException.class).hasMessageContaining("not a RetailPulse recommender file");
        assertThatThrownBy(() -> TrainedRecommender.fromBytes(Arrays.copyOf(bytes, bytes.length / 2)))
                .isInstanceOf(IOException.class);
    }

    private TrainedRecommender trained(String name, Recommender recommender) {
        return new TrainedRecommender(name, interactions.window(), Duration.ofMillis(1234),
                Map.of("hr@10", 0.25, "ndcg@10", 0.125), recommender);
    }
}
