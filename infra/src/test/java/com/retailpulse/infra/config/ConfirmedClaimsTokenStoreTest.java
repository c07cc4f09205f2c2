package com.retailpulse.infra.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.retailpulse.infra.localstack.LocalMongo;
import com.retailpulse.infra.localstack.Ports;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Claims confirmed moments ago are not extended again; anything else still reaches MongoDB. */
class ConfirmedClaimsTokenStoreTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** A clock the test moves. */
    static final class MovingClock extends Clock {
        private Instant now = Instant.parse("2026-11-25T10:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @TempDir
    Path dataDir;
    private LocalMongo mongo;
    private MongoClient client;
    private MongoCollection<Document> tokens;
    private final MovingClock clock = new MovingClock();
    private ConfirmedClaimsTokenStore store;

    @BeforeEach
    void start() {
        mongo = new LocalMongo(dataDir, "127.0.0.1", Ports.free());
        mongo.start();
        client = MongoClients.create(mongo.address());
        MongoTemplate template = DefaultMongoTemplate.builder().mongoDatabase(client, "tokens-test").build();
        tokens = template.trackingTokensCollection();
        store = new ConfirmedClaimsTokenStore(MongoTokenStore.builder().mongoTemplate(template)
                .serializer(JacksonSerializer.defaultSerializer()).nodeId("node-a").claimTimeout(TIMEOUT).build(),
                Duration.ofSeconds(2), TIMEOUT, clock);
        store.initializeTokenSegments("profiles", 1);
        store.fetchToken("profiles", 0); // claims segment 0 for node-a
    }

    @AfterEach
    void stop() {
        client.close();
        mongo.close();
    }

    @Test
    void aClaimConfirmedMomentsAgoIsNotWrittenAgainAndAnOlderOneIs() {
        store.storeToken(new GlobalSequenceTrackingToken(41), "profiles", 0);
        markTimestamp();

        clock.advance(Duration.ofMillis(1_500));
        store.extendClaim("profiles", 0);
        assertThat(timestamp()).as("extended 1.5 s after the token was stored: no write").isEqualTo(1L);

        clock.advance(Duration.ofMillis(1_000));
        store.extendClaim("profiles", 0);
        assertThat(timestamp()).as("2.5 s after: written").isGreaterThan(1L);

        // and the extension confirmed it in turn
        markTimestamp();
        clock.advance(Duration.ofMillis(500));
        store.extendClaim("profiles", 0);
        assertThat(timestamp()).isEqualTo(1L);
        assertThat(store.fetchToken("profiles", 0)).isEqualTo(new GlobalSequenceTrackingToken(41));
    }

    @Test
    void aClaimTakenByAnotherNodeIsFoundOutAtTheNextStoreAndNotTrustedAfter() {
        store.storeToken(new GlobalSequenceTrackingToken(7), "profiles", 0);
        // node-b holds the segment now (as it could once node-a's claim had timed out)
        tokens.updateOne(Filters.eq("processorName", "profiles"),
                Updates.combine(Updates.set("owner", "node-b"), Updates.set("timestamp", System.currentTimeMillis())));

        clock.advance(Duration.ofMillis(500));
        store.extendClaim("profiles", 0); // within the window: trusted without a round trip
        assertThatThrownBy(() -> store.storeToken(new GlobalSequenceTrackingToken(8), "profiles", 0))
                .isInstanceOf(UnableToClaimTokenException.class);
        // the failed store forgot the confirmation: the next extension asks MongoDB, and is refused
        assertThatThrownBy(() -> store.extendClaim("profiles", 0)).isInstanceOf(UnableToClaimTokenException.class);
        assertThat(tokens.find(Filters.eq("processorName", "profiles")).first()).containsEntry("owner", "node-b");
    }

    @Test
    void aReleasedClaimIsNotTrusted() {
        store.storeToken(new GlobalSequenceTrackingToken(3), "profiles", 0);
        store.releaseClaim("profiles", 0);

        assertThatThrownBy(() -> store.extendClaim("profiles", 0)).isInstanceOf(UnableToClaimTokenException.class);
    }

    @Test
    void refusesAWindowThatCouldOutlastTheClaim() {
        assertThatThrownBy(() -> new ConfirmedClaimsTokenStore(store, Duration.ofSeconds(6), TIMEOUT, clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most half the claim timeout");
    }

    /** Sets the stored claim's timestamp to 1, so that a later write shows. */
    private void markTimestamp() {
        tokens.updateOne(Filters.eq("processorName", "profiles"), Updates.set("timestamp", 1L));
    }

    private long timestamp() {
        return tokens.find(Filters.eq("processorName", "profiles")).first().getLong("timestamp");
    }
}
