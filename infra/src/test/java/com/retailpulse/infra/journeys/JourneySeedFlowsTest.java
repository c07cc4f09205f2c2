package com.retailpulse.infra.journeys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailpulse.contracts.customer.ConsentChannel;
import com.retailpulse.contracts.customer.ConsentPurpose;
import com.retailpulse.contracts.customer.ConsentStatement;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.CustomerIdentifier;
import com.retailpulse.contracts.customer.CustomerInteraction;
import com.retailpulse.contracts.customer.JourneyEnrolledEvent;
import com.retailpulse.contracts.customer.JourneyEnrollmentEndedEvent;
import com.retailpulse.contracts.customer.LinkIdentifierCommand;
import com.retailpulse.contracts.customer.MessageAcceptedEvent;
import com.retailpulse.contracts.customer.OrderLine;
import com.retailpulse.contracts.customer.ProductRef;
import com.retailpulse.contracts.customer.ProductViewedEvent;
import com.retailpulse.contracts.customer.RecordConsentCommand;
import com.retailpulse.contracts.customer.RecordInteractionCommand;
import com.retailpulse.contracts.customer.RecordOrderCommand;
import com.retailpulse.contracts.customer.RecordSegmentMembershipCommand;
import com.retailpulse.contracts.message.ChannelMessage;
import com.retailpulse.infra.support.Api;
import com.retailpulse.infra.support.IntegrationTest;
import com.retailpulse.infra.support.Offers;
import com.retailpulse.infra.support.TestStack;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The four seed journeys of docs/journeys.md end to end on the real stack, with deadlines 600 times
 * sooner (the test context's retailpulse.journeys.time-scale): a 30-minute wait takes 3 seconds.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JourneySeedFlowsTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    @LocalServerPort
    int port;
    @Autowired
    CommandGateway commands;
    @Autowired
    EventStore events;
    @Autowired
    org.axonframework.config.EventProcessingConfiguration processing;

    private Api api;
    private final String run = Long.toString(System.nanoTime(), 36);
    private final Map<String, ChannelMessage> onKafka = new ConcurrentHashMap<>();
    private KafkaConsumer<String, String> consumer;
    private String voucher;
    private String wakeUp;

    @BeforeAll
    void seeds() throws InterruptedException {
        api = new Api(port);
        // These processors start at the head of the stream once they have claimed it: events before that are
        // (rightly) never acted on, so the test waits for them to be tracking.
        for (String group : List.of("journey-triggers", "JourneyRunProcessor", "MessageDeferralProcessor", "channel-dispatch")) {
            await().atMost(Duration.ofSeconds(60)).until(() -> processing
                    .eventProcessor(group, org.axonframework.eventhandling.StreamingEventProcessor.class)
                    .map(p -> !p.processingStatus().isEmpty()).orElse(false));
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        voucher = Offers.active(api, """
                {"name":"5 off, no minimum","currency":"CNY","stock":1000,"perCustomerLimit":5,
                 "reward":{"kind":"voucher","amount":5},"validFrom":"%s","validUntil":"%s"}
                """.formatted(now.minus(1, ChronoUnit.DAYS), now.plus(30, ChronoUnit.DAYS)));
        wakeUp = Offers.active(api, """
                {"name":"Wake-up pack","currency":"CNY","stock":1000,"perCustomerLimit":1,
                 "reward":{"kind":"threshold","tiers":[{"threshold":50,"discount":10}]},"validFrom":"%s","validUntil":"%s"}
                """.formatted(now.minus(1, ChronoUnit.DAYS), now.plus(30, ChronoUnit.DAYS)));
        Api.Response preset = api.postJson("/api/v1/segments/presets/about_to_churn", Api.marketer(), "");
        assertThat(preset.status()).as(preset.body()).isIn(200, 201);
        Api.Response seeded = api.postJson("/api/v1/journeys/seeds", Api.marketer(),
                "{\"voucherOfferId\":\"" + voucher + "\",\"wakeUpOfferId\":\"" + wakeUp + "\"}");
        assertThat(seeded.status()).as(seeded.body()).isEqualTo(200);
        assertThat(seeded.json().findValues("key")).extracting(JsonNode::asText)
                .contains("login-recommendation", "cart-recovery", "churn-wake-up", "stroller-car-seat");
        consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", TestStack.get().kafka().address(),
                ConsumerConfig.GROUP_ID_CONFIG, "journey-seed-check-" + run,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of("retailpulse.messages.app-push", "retailpulse.messages.sms"));
        // Other tests of the shared context leave the seed journeys paused, so that their customers' logins and
        // carts enroll nobody; this one takes customers, and pauses them again when done.
        seedJourneys("resume", "paused");
        // the trigger matcher caches the journeys taking customers for a second
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/v1/journeys", Api.analyst()).json().findValues("key").size() >= 4);
        // In the shared context the journey runs may still be working through what earlier tests stored (the
        // Online Retail import: half a million orders, each looked at for runs waiting on an order): one login
        // goes all the way through first, so the tests below time the journeys, not that backlog.
        CustomerId probe = member("probe");
        interaction(probe, new CustomerInteraction.Login("login-probe-" + run, Instant.now(), "app"));
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).until(() -> accepted(probe), l -> !l.isEmpty());
    }

    @org.junit.jupiter.api.AfterAll
    void pauseSeeds() {
        seedJourneys("pause", "active");
        consumer.close();
    }

    /** Pauses or resumes the seed journeys that are in {@code state}. */
    private void seedJourneys(String action, String state) {
        for (String key : List.of("login-recommendation", "cart-recovery", "churn-wake-up", "stroller-car-seat")) {
            if (api.get("/api/v1/journeys/" + key, Api.analyst()).json().at("/journey/state").asText().equals(state)) {
                Api.Response changed = api.postJson("/api/v1/journeys/" + key + "/" + action, Api.marketer(), "");
                assertThat(changed.status()).as(changed.body()).isEqualTo(200);
            }
        }
    }

    /** A member who agreed to app pushes and SMS, with a device and a phone. */
    private CustomerId member(String name) throws InterruptedException {
        CustomerIdentifier member = CustomerIdentifier.parse("member:J-" + name + "-" + run);
        CustomerId id = CustomerId.firstSeenAs(member);
        Instant earlier = Instant.now().minus(1, ChronoUnit.DAYS);
        for (ConsentChannel channel : List.of(ConsentChannel.APP_PUSH, ConsentChannel.SMS)) {
            commands.sendAndWait(new RecordConsentCommand(id, member, new ConsentStatement(channel, ConsentPurpose.MARKETING, true, earlier), "test"));
        }
        commands.sendAndWait(new LinkIdentifierCommand(id, CustomerIdentifier.parse("device:dev-" + name + "-" + run)));
        commands.sendAndWait(new LinkIdentifierCommand(id, CustomerIdentifier.parse("phone:139" + Math.abs((name + run).hashCode() % 100_000_000))));
        Thread.sleep(1200); // the trigger matcher's cache of journeys may be a second old
        return id;
    }

    private void interaction(CustomerId id, CustomerInteraction interaction) {
        commands.sendAndWait(new RecordInteractionCommand(id, null, interaction));
    }

    private List<Object> history(CustomerId id) {
        return events.readEvents(id.value()).asStream().map(m -> (Object) m.getPayload()).toList();
    }

    private List<MessageAcceptedEvent> accepted(CustomerId id) {
        return history(id).stream().filter(MessageAcceptedEvent.class::isInstance).map(MessageAcceptedEvent.class::cast).toList();
    }

    private List<JourneyEnrollmentEndedEvent> ended(CustomerId id) {
        return history(id).stream().filter(JourneyEnrollmentEndedEvent.class::isInstance).map(JourneyEnrollmentEndedEvent.class::cast).toList();
    }

    private ChannelMessage onKafka(String messageId) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                ChannelMessage m = JSON.readValue(r.value(), ChannelMessage.class);
                onKafka.put(m.messageId().value(), m);
            }
            return onKafka.get(messageId);
        }, m -> m != null);
    }

    @Test
    void login_sends_picks_and_without_an_order_the_voucher_code_follows_thirty_minutes_later() throws Exception {
        CustomerId ann = member("ann");
        interaction(ann, new CustomerInteraction.Login("login-" + run, Instant.now(), "app"));

        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> accepted(ann), l -> !l.isEmpty());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("no message accepted; history: " + history(ann), e);
        }
        MessageAcceptedEvent picks = accepted(ann).get(0);
        assertThat(picks.request().source().key()).isEqualTo("login-recommendation");
        assertThat(picks.request().source().step()).isEqualTo("picks");
        assertThat(picks.recipient().value()).isEqualTo("dev-ann-" + run);
        ChannelMessage pushed = onKafka(picks.request().messageId().value());
        assertThat(pushed.title()).isEqualTo("Picked for you");
        assertThat(pushed.body()).endsWith("see them in the app.");

        // 30 minutes (3 s here) without an order: the voucher, and a message with its code
        List<MessageAcceptedEvent> both = await().atMost(Duration.ofSeconds(30)).until(() -> accepted(ann), l -> l.size() == 2);
        MessageAcceptedEvent tell = both.get(1);
        assertThat(tell.request().source().step()).isEqualTo("tell");
        String code = tell.request().couponCode();
        assertThat(code).startsWith(voucher + "-");
        ChannelMessage told = onKafka(tell.request().messageId().value());
        assertThat(told.title()).isEqualTo("5 off, no minimum");
        assertThat(told.body()).startsWith("Your code " + code + " takes 5 CNY off any order until ");
        await().atMost(Duration.ofSeconds(10)).until(() -> ended(ann), l -> l.size() == 1);
        assertThat(ended(ann).get(0).outcome()).isEqualTo("completed");
    }

    @Test
    void an_order_within_thirty_minutes_of_login_means_no_voucher() throws Exception {
        CustomerId bob = member("bob");
        interaction(bob, new CustomerInteraction.Login("login-b-" + run, Instant.now(), "app"));
        await().atMost(Duration.ofSeconds(20)).until(() -> accepted(bob), l -> l.size() == 1);
        commands.sendAndWait(new RecordOrderCommand(bob, null, "order-b-" + run, Instant.now(), "CNY",
                List.of(new OrderLine("sku-tea", "Tea", 1, new BigDecimal("30"))), "app", null));
        await().atMost(Duration.ofSeconds(20)).until(() -> ended(bob), l -> l.size() == 1);
        Thread.sleep(5000); // longer than the scaled 30 minutes
        assertThat(accepted(bob)).hasSize(1);
        assertThat(history(bob)).noneMatch(e -> e.getClass().getSimpleName().equals("CouponIssuedEvent"));
    }

    @Test
    void an_abandoned_cart_gets_a_voucher_thirty_minutes_later() throws Exception {
        CustomerId cat = member("cat");
        interaction(cat, new CustomerInteraction.CartItemAdd("cart-" + run, Instant.now(), "app",
                new ProductRef("sku-pram", "City pram", "stroller", "Trek", new BigDecimal("899")), 1));
        MessageAcceptedEvent remind = await().atMost(Duration.ofSeconds(30)).until(() -> accepted(cat), l -> !l.isEmpty()).get(0);
        assertThat(remind.request().source().key()).isEqualTo("cart-recovery");
        ChannelMessage pushed = onKafka(remind.request().messageId().value());
        assertThat(pushed.body()).isEqualTo("Your cart is waiting: code " + remind.request().couponCode() + " takes 5 CNY off.");
    }

    @Test
    void entering_about_to_churn_issues_the_wake_up_pack_and_sends_a_recall_sms() throws Exception {
        CustomerId dan = member("dan");
        commands.sendAndWait(new RecordSegmentMembershipCommand(dan, "about_to_churn", 1, true, Instant.now()));
        MessageAcceptedEvent recall = await().atMost(Duration.ofSeconds(20)).until(() -> accepted(dan), l -> !l.isEmpty()).get(0);
        assertThat(recall.request().source().key()).isEqualTo("churn-wake-up");
        assertThat(recall.recipient().type().code()).isEqualTo("phone");
        ChannelMessage sms = onKafka(recall.request().messageId().value());
        assertThat(sms.body()).startsWith("We miss you! 10 off 50+ with code " + recall.request().couponCode() + ". Picked for you: ");
        assertThat(recall.request().couponCode()).startsWith(wakeUp + "-");
    }

    @Test
    void viewing_a_stroller_for_thirty_seconds_pushes_a_child_car_seat_and_shorter_or_other_views_do_not() throws Exception {
        CustomerId eve = member("eve");
        Instant longView = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        // a glance at a stroller (5 s), a view whose length the source did not say, a long look at tea: none enrolls
        clickstreamView("view-pram-short-" + run, "J-eve-" + run, "sku-pram", "stroller", longView.minusSeconds(50), "5");
        interaction(eve, new CustomerInteraction.ProductView("view-pram-unknown-" + run, longView.minusSeconds(40), "app",
                new ProductRef("sku-pram", "City pram", "stroller", null, null)));
        clickstreamView("view-tea-" + run, "J-eve-" + run, "sku-tea", "grocery", longView.minusSeconds(30), "120");
        // 45 seconds on a stroller: the car seat
        clickstreamView("view-pram-long-" + run, "J-eve-" + run, "sku-pram", "stroller", longView, "45");
        MessageAcceptedEvent push = await().atMost(Duration.ofSeconds(20)).until(() -> accepted(eve), l -> !l.isEmpty()).get(0);
        assertThat(push.request().source().key()).isEqualTo("stroller-car-seat");
        assertThat(onKafka(push.request().messageId().value()).body()).contains("child car seat");
        Thread.sleep(2000);
        List<JourneyEnrolledEvent> enrolled = history(eve).stream().filter(JourneyEnrolledEvent.class::isInstance)
                .map(JourneyEnrolledEvent.class::cast).toList();
        assertThat(enrolled).extracting(e -> e.journey().value()).containsExactly("stroller-car-seat");
        // by the long view, not by an earlier one the re-entry policy would have let stand
        assertThat(enrolled.get(0).enrolledAt()).isEqualTo(longView);
        assertThat(history(eve).stream().filter(ProductViewedEvent.class::isInstance).map(ProductViewedEvent.class::cast)
                .map(ProductViewedEvent::dwell).toList())
                .containsExactlyInAnyOrder(Duration.ofSeconds(5), null, Duration.ofSeconds(120), Duration.ofSeconds(45));
    }

    /** A Segment-spec "Product Viewed" through the clickstream API, with its dwell time. */
    private void clickstreamView(String messageId, String member, String sku, String category, Instant at, String dwellSeconds) {
        Api.Response response = api.postJson("/api/v1/ingest/clickstream/track", Api.ingest(), """
                {"type":"track","event":"Product Viewed","messageId":"%s","userId":"%s","timestamp":"%s",
                 "properties":{"sku":"%s","name":"Test product","category":"%s","dwell_seconds":%s},"context":{"app":{"name":"shop"}}}
                """.formatted(messageId, member, at, sku, category, dwellSeconds));
        assertThat(response.status()).as(response.body()).isIn(200, 202);
    }
}
