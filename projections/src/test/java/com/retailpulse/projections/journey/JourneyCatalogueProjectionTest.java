package com.retailpulse.projections.journey;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.JourneyEnrolledEvent;
import com.retailpulse.contracts.customer.JourneyEnrollmentEndedEvent;
import com.retailpulse.contracts.journey.EventSpec;
import com.retailpulse.contracts.journey.JourneyGraph;
import com.retailpulse.contracts.journey.JourneyKey;
import com.retailpulse.contracts.journey.JourneyNode;
import com.retailpulse.contracts.journey.JourneyPublishedEvent;
import com.retailpulse.contracts.journey.Reentry;
import com.retailpulse.contracts.journey.Trigger;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The catalogue's counters on an in-memory Mongo-wire server: entries and ends counted once per run however often they come. */
class JourneyCatalogueProjectionTest {

    private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
    private static final JourneyKey KEY = new JourneyKey("hello");

    private MongoServer server;
    private MongoClient client;
    private JourneyCatalogueProjection projection;
    private JourneyCatalogue catalogue;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create("mongodb://" + server.bind().getHostString() + ":" + server.getLocalAddress().getPort());
        catalogue = new JourneyCatalogue(client.getDatabase("test"), new ObjectMapper().findAndRegisterModules(), Clock.fixed(T0, ZoneOffset.UTC));
        projection = new JourneyCatalogueProjection(catalogue);
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void entries_and_ends_handled_twice_count_once() {
        projection.on(new JourneyPublishedEvent(KEY, 1, new JourneyGraph("Hello", new Trigger.OnEvent(EventSpec.of("login")), "done",
                List.of(new JourneyNode.Exit("done")), null, Reentry.never(), 0), T0));
        CustomerId ann = new CustomerId("ann");
        CustomerId bob = new CustomerId("bob");
        for (int twice = 0; twice < 2; twice++) {
            projection.on(new JourneyEnrolledEvent(ann, KEY, 1, "e-ann", "login", T0));
            projection.on(new JourneyEnrolledEvent(bob, KEY, 1, "e-bob", "login", T0));
            projection.on(new JourneyEnrollmentEndedEvent(ann, KEY, "e-ann", "completed", T0));
        }
        // a run that entered before the counters were guarded still has its end counted, once
        projection.on(new JourneyEnrollmentEndedEvent(bob, KEY, "e-old", "goal", T0));
        projection.on(new JourneyEnrollmentEndedEvent(bob, KEY, "e-old", "goal", T0));

        JourneyCatalogue.JourneyView view = catalogue.journey(KEY.value()).orElseThrow();
        assertThat(view.entered()).isEqualTo(2);
        assertThat(view.inFlight()).isEqualTo(0); // bob's run in flight, the old run's end taken off
        assertThat(view.outcomes()).isEqualTo(Map.of("completed", 1L, "goal", 1L));
    }
}
