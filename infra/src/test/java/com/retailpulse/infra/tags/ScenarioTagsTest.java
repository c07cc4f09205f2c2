package com.retailpulse.infra.tags;

import com.fasterxml.jackson.databind.JsonNode;
import com.retailpulse.contracts.customer.CustomerIdentifier;
import com.retailpulse.contracts.customer.CustomerInteraction;
import com.retailpulse.contracts.customer.ProductRef;
import com.retailpulse.contracts.customer.RecordInteractionCommand;
import com.retailpulse.infra.config.AxonConfig;
import com.retailpulse.infra.identity.IdentityResolution;
import com.retailpulse.infra.support.Api;
import com.retailpulse.infra.support.IntegrationTest;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class ScenarioTagsTest {

    @LocalServerPort
    int port;
    Api api;
    @Autowired
    IdentityResolution identities;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    private String viewer(String category, Instant at) {
        CustomerIdentifier device = CustomerIdentifier.parse("device:" + UUID.randomUUID());
        identities.dispatch(List.of(device), r -> new RecordInteractionCommand(r.customerId(), r.identifier(),
                        new CustomerInteraction.ProductView(UUID.randomUUID().toString(), at, "app",
                                new ProductRef("SKU-" + category, null, category, null, null))),
                MetaData.with(AxonConfig.ISSUED_BY, "test").and(AxonConfig.SOURCE, "test"));
        return identities.resolve(List.of(device), MetaData.emptyInstance()).customerId().value();
    }

    private JsonNode tagsOf(String customerId, java.util.function.Predicate<JsonNode> ready) {
        return await().atMost(Duration.ofSeconds(20)).until(
                () -> api.get("/api/v1/customers/" + customerId + "/profile", Api.analyst()),
                r -> r.status() == 200 && ready.test(r.json().get("tags"))).json().get("tags");
    }

    private JsonNode backfillDone(JsonNode change) {
        String id = change.at("/backfill/id").asText();
        return await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/v1/tags/backfills/" + id, Api.marketer()).json(),
                b -> "COMPLETED".equals(b.get("status").asText()));
    }

    @Test
    void a_scenario_tag_declared_as_data_is_back_filled_into_existing_profiles_and_applied_live() {
        String fans = "fans-" + UUID.randomUUID().toString().substring(0, 6);
        String key = "summer_cooling_" + fans.substring(5);
        String recent = viewer(fans, Instant.now().minus(Duration.ofDays(3)));
        String longAgo = viewer(fans, Instant.now().minus(Duration.ofDays(40)));
        tagsOf(recent, t -> t.path("activity.view.total").asLong() == 1);
        tagsOf(longAgo, t -> t.path("activity.view.total").asLong() == 1);

        String definition = """
                {"name": "Summer cooling", "description": "viewed fans in the last 14 days",
                 "condition": {"activity": "view", "category": "%s", "withinDays": 14, "atLeast": 1}}""".formatted(fans);
        Api.Response defined = api.putJson("/api/v1/tags/definitions/" + key, Api.marketer(), definition);
        assertThat(defined.status()).as(defined.body()).isEqualTo(200);
        assertThat(defined.json().get("version").asInt()).isEqualTo(1);
        JsonNode backfill = backfillDone(defined.json());
        assertThat(backfill.get("processed").asLong()).isEqualTo(backfill.get("total").asLong()).isPositive();

        assertThat(tagsOf(recent, t -> t.has("scenario." + key)).get("scenario." + key).asBoolean()).isTrue();
        assertThat(tagsOf(longAgo, t -> t.has("scenario." + key)).get("scenario." + key).asBoolean()).isFalse();
        // applied live to a customer who arrives after the definition
        String newcomer = viewer(fans, Instant.now());
        assertThat(tagsOf(newcomer, t -> t.has("scenario." + key)).get("scenario." + key).asBoolean()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/v1/tags/definitions/" + key, Api.analyst())
                .json().get("customers").asLong() == 2);

        // the same definition again is no new version; a wider window is version 2 and reaches the other customer
        assertThat(api.putJson("/api/v1/tags/definitions/" + key, Api.marketer(), definition).json().get("version").asInt())
                .isEqualTo(1);
        Api.Response widened = api.putJson("/api/v1/tags/definitions/" + key, Api.marketer(),
                definition.replace("\"withinDays\": 14", "\"withinDays\": 60"));
        assertThat(widened.json().get("version").asInt()).isEqualTo(2);
        backfillDone(widened.json());
        assertThat(tagsOf(longAgo, t -> t.path("scenario." + key).asBoolean()).get("scenario." + key).asBoolean()).isTrue();
        JsonNode versions = api.get("/api/v1/tags/definitions/" + key, Api.analyst()).json().get("versions");
        assertThat(versions).hasSize(2);
        assertThat(versions.get(1).get("definedBy").asText()).isEqualTo("mark");

        // retired: evaluated no more
        Api.Response retired = api.delete("/api/v1/tags/definitions/" + key + "?reason=season+over", Api.marketer());
        assertThat(retired.status()).as(retired.body()).isEqualTo(200);
        backfillDone(retired.json());
        assertThat(tagsOf(recent, t -> !t.has("scenario." + key)).has("scenario." + key)).isFalse();
    }

    @Test
    void a_definition_with_mistakes_is_refused_naming_each_one_and_only_marketers_may_define() {
        Api.Response bad = api.putJson("/api/v1/tags/definitions/big_spenders", Api.marketer(), """
                {"name": "Big spenders", "condition": {"all": [
                   {"field": "value.yearlySpendz", "op": "gt", "value": 1000},
                   {"activity": "teleport", "withinDays": 9999, "atLeast": 0},
                   {"field": "value.tier", "op": "gt", "value": "high"}]}}""");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors")).extracting(JsonNode::asText).anySatisfy(e -> assertThat(e)
                        .startsWith("condition.all[0].field: unknown dimension 'value.yearlySpendz'"))
                .anySatisfy(e -> assertThat(e).startsWith("condition.all[1].activity: unknown activity 'teleport'"))
                .anySatisfy(e -> assertThat(e).startsWith("condition.all[1].withinDays"))
                .anySatisfy(e -> assertThat(e).startsWith("condition.all[1].atLeast"))
                .anySatisfy(e -> assertThat(e).startsWith("condition.all[2].value"));
        assertThat(api.putJson("/api/v1/tags/definitions/Bad-Key", Api.marketer(),
                "{\"name\":\"x\",\"condition\":{\"field\":\"value.tier\",\"op\":\"eq\",\"value\":\"churned\"}}").status()).isEqualTo(400);
        assertThat(api.putJson("/api/v1/tags/definitions/churned_ones", Api.analyst(),
                "{\"name\":\"x\",\"condition\":{\"field\":\"value.tier\",\"op\":\"eq\",\"value\":\"churned\"}}").status()).isEqualTo(403);
        assertThat(api.putJson("/api/v1/tags/definitions/broken", Api.marketer(), "{\"name\":\"x\",\"condition\":{\"foo\":1}}")
                .status()).isEqualTo(400);
    }
}
