package com.retailpulse.infra.config;

import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.CustomerIdentifier;
import com.retailpulse.infra.support.Api;
import com.retailpulse.infra.support.IntegrationTest;
import com.retailpulse.infra.support.Orders;
import com.retailpulse.projections.identity.CustomerIdentityProjection;
import com.retailpulse.projections.profile.CustomerProfileProjection;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.mongo.eventhandling.deadletter.MongoSequencedDeadLetterQueue;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class AxonWiringTest {

    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    TokenStore tokenStore;
    @Autowired
    SagaStore<?> sagaStore;
    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventStore eventStore;
    @Autowired
    org.springframework.beans.factory.config.ConfigurableListableBeanFactory beans;
    @LocalServerPort
    int port;

    @Test
    void projections_run_as_pooled_streaming_processors_with_tokens_and_dead_letters_in_mongo() {
        var identities = processing.eventProcessor(CustomerIdentityProjection.PROCESSING_GROUP, PooledStreamingEventProcessor.class);
        assertThat(identities).isPresent();
        assertThat(identities.get().maxCapacity()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(20)).until(() -> identities.get().processingStatus().size() == 2);
        // profiles: one tracking segment (woken at each commit), so a merge moves a record's facts between profiles in global event order
        var profiles = processing.eventProcessor(CustomerProfileProjection.PROCESSING_GROUP, TrackingEventProcessor.class);
        assertThat(profiles).isPresent();
        assertThat(profiles.get().maxCapacity()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).until(() -> profiles.get().processingStatus().size() == 1);
        assertThat(tokenStore).isInstanceOf(ConfirmedClaimsTokenStore.class);
        // sagas in MongoDB behind a cache of their associations (ADR 0020)
        assertThat(sagaStore).isInstanceOf(org.axonframework.modelling.saga.repository.CachingSagaStore.class);
        assertThat(processing.deadLetterQueue(CustomerProfileProjection.PROCESSING_GROUP))
                .get().isInstanceOf(MongoSequencedDeadLetterQueue.class);
        assertThat(eventSerializer).isInstanceOf(JacksonSerializer.class);
        // the event store reads past gaps from the primary key (EventStoreConfig), not with Axon's table scan
        assertThat(beans.getBeanNamesForType(org.axonframework.eventsourcing.eventstore.EventStorageEngine.class))
                .singleElement().satisfies(name -> assertThat(beans.getBeanDefinition(name).getFactoryBeanName()).isEqualTo("eventStoreConfig"));
    }

    @Test
    void a_busy_customer_is_snapshotted_and_still_recognises_orders_it_recorded_before_the_snapshot() {
        Api api = new Api(port);
        String member = Orders.newMember();
        for (int n = 0; n < 105; n++) {
            String placed = Instant.parse("2026-01-01T10:00:00Z").plusSeconds(86_400L * n).toString();
            assertThat(api.postJson("/api/v1/ingest/orders", Api.ingest(), Orders.json("SN-" + n, member, placed, 1, "1.00"))
                    .status()).isEqualTo(202);
        }
        String customerId = CustomerId.firstSeenAs(CustomerIdentifier.parse("member:" + member)).value();
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM snapshotevententry WHERE aggregateidentifier = ?", Long.class, customerId) > 0);
        String snapshot = new String(jdbc.queryForObject(
                "SELECT payload FROM snapshotevententry WHERE aggregateidentifier = ?", byte[].class, customerId));
        assertThat(snapshot).as("readable JSON").contains("\"SN-3\"");

        // Recorded before the snapshot: still a duplicate when the aggregate is loaded from it.
        Api.Response again = api.postJson("/api/v1/ingest/orders", Api.ingest(),
                Orders.json("SN-3", member, "2026-01-04T10:00:00Z", 1, "1.00"));
        assertThat(again.json().get("recorded").asBoolean()).isFalse();
        assertThat(eventStore.readEvents(customerId).asStream().count()).as("snapshot + events after it").isLessThan(106);
    }
}
