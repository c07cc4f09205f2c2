package com.retailpulse.projections.journey;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.JourneyEnrolledEvent;
import com.retailpulse.contracts.customer.JourneyEnrollmentEndedEvent;
import com.retailpulse.contracts.customer.MessageAcceptedEvent;
import com.retailpulse.contracts.customer.MessageClickedEvent;
import com.retailpulse.contracts.customer.MessageDeliveredEvent;
import com.retailpulse.contracts.customer.OrderLine;
import com.retailpulse.contracts.customer.OrderPlacedEvent;
import com.retailpulse.contracts.journey.JourneyKey;
import com.retailpulse.contracts.journey.JourneyStepsRunEvent;
import com.retailpulse.contracts.message.Channel;
import com.retailpulse.contracts.message.MessageId;
import com.retailpulse.contracts.message.MessageRequest;
import com.retailpulse.contracts.message.MessageSource;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Journey results on an in-memory Mongo-wire server: what each run reached, and every event counted once however often it comes. */
class JourneyResultsProjectionTest {

    private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
    private static final JourneyKey AB = new JourneyKey("ab");
    private static final CustomerId ANN = new CustomerId("ann");
    private static final CustomerId BOB = new CustomerId("bob");

    private MongoServer server;
    private MongoClient client;
    private JourneyResults results;
    private JourneyResultsProjection projection;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create("mongodb://" + server.bind().getHostString() + ":" + server.getLocalAddress().getPort());
        results = new JourneyResults(client.getDatabase("test"), Duration.ofDays(7));
        projection = new JourneyResultsProjection(results);
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    /** Every event of a run, each handled twice (a redelivery after a crash). */
    private void runOf(CustomerId customer, String enrollment, String arm, boolean orders) {
        for (int twice = 0; twice < 2; twice++) {
            projection.on(new JourneyEnrolledEvent(customer, AB, 1, enrollment, "login", T0));
            projection.on(new JourneyStepsRunEvent(customer, AB, 1, enrollment, List.of("split", "send-" + arm, "wait"), Map.of("split", arm),
                    "wait", 1, T0));
            MessageId message = new MessageId("journey:" + enrollment + ":send-" + arm);
            projection.on(new MessageAcceptedEvent(customer, new MessageRequest(message, Channel.INBOX, null, "Hi", null, null,
                    new MessageSource(MessageSource.JOURNEY, AB.value(), 1, enrollment, "send-" + arm, arm), 0), null, T0));
            projection.on(new MessageDeliveredEvent(customer, message, Channel.INBOX, null, T0));
            if (orders) {
                projection.on(new MessageClickedEvent(customer, message, Channel.INBOX, null, T0.plusSeconds(30)));
                projection.on(new OrderPlacedEvent(customer, "o-" + enrollment, T0.plusSeconds(60), "CNY",
                        List.of(new OrderLine("sku-1", "Tea", 1, BigDecimal.valueOf(25))), BigDecimal.valueOf(25), "app", null));
                projection.on(new JourneyEnrollmentEndedEvent(customer, AB, enrollment, "goal", T0.plusSeconds(60)));
            }
        }
    }

    @Test
    void each_run_counts_once_with_its_steps_branch_messages_and_orders_however_often_its_events_come() {
        runOf(ANN, "e-ann", "b", true);
        runOf(BOB, "e-bob", "control", false);

        Map<String, JourneyResults.Run> runs = new java.util.TreeMap<>();
        results.runs(AB.value()).forEach(r -> runs.put(r.customerId(), r));
        assertThat(runs).hasSize(2);
        JourneyResults.Run ann = runs.get("ann");
        assertThat(ann.steps()).containsExactlyInAnyOrder("split", "send-b", "wait");
        assertThat(ann.arms()).isEqualTo(Map.of("split", "b"));
        assertThat(ann.accepted()).isTrue();
        assertThat(ann.delivered()).isTrue();
        assertThat(ann.clicked()).isTrue();
        assertThat(ann.ended()).isTrue();
        assertThat(ann.outcome()).isEqualTo("goal");
        assertThat(ann.orders()).isEqualTo(1);
        assertThat(ann.revenue()).containsEntry("CNY", new BigDecimal("25.0"));
        JourneyResults.Run bob = runs.get("bob");
        assertThat(bob.waitingAt()).isEqualTo("wait");
        assertThat(bob.ended()).isFalse();
        assertThat(bob.clicked()).isFalse();
        assertThat(bob.orders()).isZero();
    }

    @Test
    void a_later_move_handled_before_an_earlier_one_is_not_undone_by_it() {
        JourneyStepsRunEvent first = new JourneyStepsRunEvent(ANN, AB, 1, "e-1", List.of("split", "wait"), Map.of("split", "b"), "wait", 1, T0);
        JourneyStepsRunEvent second = new JourneyStepsRunEvent(ANN, AB, 1, "e-1", List.of("again"), Map.of(), "again", 2, T0.plusSeconds(5));
        projection.on(second);
        projection.on(first);
        JourneyResults.Run run = results.runs(AB.value()).get(0);
        assertThat(run.waitingAt()).isEqualTo("again");
        assertThat(run.steps()).containsExactlyInAnyOrder("split", "wait", "again");
    }

    @Test
    void an_order_outside_the_window_after_entering_the_branch_or_before_it_does_not_count() {
        projection.on(new JourneyStepsRunEvent(ANN, AB, 1, "e-1", List.of("split"), Map.of("split", "b"), "wait", 1, T0));
        projection.on(new OrderPlacedEvent(ANN, "o-before", T0.minusSeconds(1), "CNY", List.of(), BigDecimal.TEN, "app", null));
        projection.on(new OrderPlacedEvent(ANN, "o-late", T0.plus(Duration.ofDays(8)), "CNY", List.of(), BigDecimal.TEN, "app", null));
        assertThat(results.runs(AB.value()).get(0).orders()).isZero();
    }

    @Test
    void customer_events_and_the_runs_own_events_of_one_customer_are_one_sequence() {
        Object byEvent = JourneyResultsProjection.PER_CUSTOMER.getSequenceIdentifierFor(GenericEventMessage.asEventMessage(
                new JourneyStepsRunEvent(ANN, AB, 1, "e-1", List.of(), Map.of(), null, 0, T0)));
        Object byOrder = JourneyResultsProjection.PER_CUSTOMER.getSequenceIdentifierFor(new GenericDomainEventMessage<>("Customer", "ann", 3,
                new OrderPlacedEvent(ANN, "o-1", T0, "CNY", List.of(), BigDecimal.TEN, "app", null)));
        assertThat(byEvent).isEqualTo("ann").isEqualTo(byOrder);
    }
}
