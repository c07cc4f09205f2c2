package com.retailpulse.infra.dashboards;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.retailpulse.infra.support.Api;
import com.retailpulse.infra.support.IntegrationTest;
import com.retailpulse.projections.interaction.InteractionFacts;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rebuilding the interactions facts by replay (ADR 0024): the old index keeps answering until the new one is
 * complete, then the alias moves to the new one, which answers the same figures, and the old one is gone.
 * To watch the old index serve mid-rebuild, the test makes Elasticsearch refuse writes to the new index (an
 * index template with a write block, matching only its name) until it has looked, then lifts the block.
 */
@IntegrationTest
class InteractionsRebuildTest {

    private static final String PROCESSOR = "interaction-facts";

    @LocalServerPort
    int port;
    @Autowired
    CommandGateway commands;
    @Autowired
    ElasticsearchClient elasticsearch;
    @Autowired
    InteractionFacts facts;

    @Test
    void a_rebuild_replays_into_a_new_index_while_the_old_one_serves_then_switches_the_alias_and_drops_the_old_one()
            throws Exception {
        Api api = new Api(port);
        DashboardScenario s = new DashboardScenario(api, commands).play();
        Instant from = s.sentFrom.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2));
        Instant to = s.sentUntil.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
        String query = "/api/v1/dashboards/marketing?from=" + from + "&to=" + to + "&bucket=hour&by=variant&ltv=false&campaign="
                + s.campaign;
        JsonNode before = await().atMost(Duration.ofSeconds(30)).until(() -> api.get(query, Api.analyst()).json(),
                d -> d.at("/totals/converted").asLong() == 2 && d.at("/totals/couponsRedeemed").asLong() == 1
                        && d.at("/totals/clicked").asLong() == 1);
        String storePath = "/api/v1/dashboards/stores/" + s.store;
        JsonNode storeBefore = await().atMost(Duration.ofSeconds(30)).until(() -> api.get(storePath, Api.analyst()).json(),
                j -> j.at("/ordersHere/count").asLong() == 5);

        JsonNode idle = api.get("/api/v1/admin/replays/" + PROCESSOR, Api.admin()).json();
        String old = idle.at("/rebuild/readIndex").asText();
        assertThat(idle.at("/rebuild/rebuilding").asBoolean()).isFalse();
        assertThat(idle.at("/rebuild/writeIndex").asText()).isEqualTo(old);
        assertThat(old).startsWith(facts.index().readAlias() + "-v");
        String next = facts.index().readAlias() + "-v" + (Integer.parseInt(old.substring(old.lastIndexOf("-v") + 2)) + 1);

        String template = "hold-" + s.run;
        elasticsearch.indices().putIndexTemplate(t -> t.name(template).indexPatterns(next).priority(1000L)
                .template(tt -> tt.settings(st -> st.blocks(b -> b.write(true)))));
        try {
            assertThat(api.postJson("/api/v1/admin/replays/" + PROCESSOR, Api.analyst(), "").status()).isEqualTo(403);
            Api.Response started = api.postJson("/api/v1/admin/replays/" + PROCESSOR, Api.admin(), "");
            assertThat(started.status()).as(started.body()).isEqualTo(202);
            assertThat(started.json().at("/rebuild/rebuilding").asBoolean()).isTrue();
            assertThat(started.json().at("/rebuild/readIndex").asText()).isEqualTo(old);
            assertThat(started.json().at("/rebuild/writeIndex").asText()).isEqualTo(next);
            assertThat(started.json().at("/rebuild/untilPosition").asLong()).isPositive();
            assertThat(api.postJson("/api/v1/admin/replays/" + PROCESSOR, Api.admin(), "").status())
                    .as("one rebuild at a time").isEqualTo(409);

            // mid-rebuild: the new index holds nothing yet, queries still read the old one and see every figure
            for (int i = 0; i < 3; i++) {
                Thread.sleep(1_000);
                JsonNode status = api.get("/api/v1/admin/replays/" + PROCESSOR, Api.admin()).json();
                assertThat(status.at("/rebuild/rebuilding").asBoolean()).isTrue();
                assertThat(status.at("/rebuild/percent").asDouble()).isLessThan(100.0);
                assertThat(api.get(query, Api.analyst()).json().get("breakdown")).isEqualTo(before.get("breakdown"));
                assertThat(api.get(query, Api.analyst()).json().get("totals")).isEqualTo(before.get("totals"));
                assertThat(elasticsearch.indices().getAlias(a -> a.name(facts.index().readAlias())).result()).containsOnlyKeys(old);
                assertThat(elasticsearch.count(c -> c.index(next)).count()).isZero();
            }
        } finally {
            elasticsearch.indices().deleteIndexTemplate(d -> d.name(template));
            if (elasticsearch.indices().exists(e -> e.index(next)).value()) {
                elasticsearch.indices().putSettings(p -> p.index(next).settings(st -> st.blocks(b -> b.write(false))));
            }
        }

        // the replay goes on, completes, and the alias switches
        JsonNode done = await().atMost(Duration.ofSeconds(120)).until(() -> api.get("/api/v1/admin/replays/" + PROCESSOR, Api.admin()).json(),
                j -> !j.at("/rebuild/rebuilding").asBoolean());
        assertThat(done.at("/rebuild/readIndex").asText()).isEqualTo(next);
        assertThat(done.at("/rebuild/writeIndex").asText()).isEqualTo(next);
        assertThat(elasticsearch.indices().getAlias(a -> a.name(facts.index().readAlias())).result()).containsOnlyKeys(next);
        // the read alias moves first, then the old index is dropped: a moment apart
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(elasticsearch.indices().exists(e -> e.index(old)).value()).as("the old index is dropped").isFalse());
        JsonNode after = api.get(query, Api.analyst()).json();
        assertThat(after.get("totals")).isEqualTo(before.get("totals"));
        assertThat(after.get("breakdown")).isEqualTo(before.get("breakdown"));
        assertThat(after.get("series")).isEqualTo(before.get("series"));
        assertThat(api.get(storePath, Api.analyst()).json()).isEqualTo(storeBefore);
    }
}
