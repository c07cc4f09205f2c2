package com.retailpulse.command.customer;

import com.retailpulse.contracts.customer.ConsentChannel;
import com.retailpulse.contracts.customer.ConsentGivenEvent;
import com.retailpulse.contracts.customer.ConsentPurpose;
import com.retailpulse.contracts.customer.ConsentWithdrawnEvent;
import com.retailpulse.contracts.customer.CustomerCreatedEvent;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.CustomerIdentifier;
import com.retailpulse.contracts.customer.CustomerMergedIntoEvent;
import com.retailpulse.contracts.customer.DeliverMessageCommand;
import com.retailpulse.contracts.customer.IdentifierLinkedEvent;
import com.retailpulse.contracts.customer.MemberProfileRecordedEvent;
import com.retailpulse.contracts.customer.MessageAcceptedEvent;
import com.retailpulse.contracts.customer.MessageClickedEvent;
import com.retailpulse.contracts.customer.MessageDeferredEvent;
import com.retailpulse.contracts.customer.MessageDeliveredEvent;
import com.retailpulse.contracts.customer.MessageSuppressedEvent;
import com.retailpulse.contracts.customer.RecordMessageReceiptCommand;
import com.retailpulse.contracts.message.Channel;
import com.retailpulse.contracts.message.MessageId;
import com.retailpulse.contracts.message.MessageOutcome;
import com.retailpulse.contracts.message.MessageRequest;
import com.retailpulse.contracts.message.MessageSource;
import com.retailpulse.contracts.message.ReceiptKind;
import com.retailpulse.contracts.message.SuppressionReason;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Map;

class CustomerMessagingTest {

    /** 16:00 in Shanghai: outside the quiet hours. */
    private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");
    private static final CustomerIdentifier MEMBER = CustomerIdentifier.parse("member:M-7");
    private static final CustomerIdentifier PHONE = CustomerIdentifier.parse("phone:13800000007");
    private static final CustomerId ID = CustomerId.firstSeenAs(MEMBER);
    private static final CustomerCreatedEvent CREATED = new CustomerCreatedEvent(ID, MEMBER, NOW.minus(Duration.ofDays(30)));
    private static final IdentifierLinkedEvent HAS_PHONE = new IdentifierLinkedEvent(ID, PHONE, NOW.minus(Duration.ofDays(30)));
    private static final ConsentGivenEvent SMS_OK = consent(ConsentChannel.SMS);
    private static final MessagingPolicy POLICY = new MessagingPolicy(3, 5, Map.of(Channel.SMS, 1), Map.of(Channel.INBOX, 2),
            LocalTime.of(21, 0), LocalTime.of(9, 0), EnumSet.of(Channel.SMS, Channel.APP_PUSH, Channel.EMAIL),
            ZoneId.of("Asia/Shanghai"), Map.of("Xinjiang", ZoneId.of("Asia/Urumqi")), Duration.ofHours(24));

    private AggregateTestFixture<Customer> fixture;
    private final MovableClock clock = new MovableClock(NOW);

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Customer.class);
        fixture.registerInjectableResource(clock);
        fixture.registerInjectableResource(POLICY);
    }

    private static ConsentGivenEvent consent(ConsentChannel channel) {
        return new ConsentGivenEvent(ID, channel, ConsentPurpose.MARKETING, NOW.minus(Duration.ofDays(20)), "crm");
    }

    private static MessageRequest request(String id, Channel channel, int priority) {
        return new MessageRequest(new MessageId(id), channel, null, "Hello {{customer.id}}", null, null,
                new MessageSource(MessageSource.JOURNEY, "welcome", 1, "e-1", "n-1", null), priority);
    }

    private static DeliverMessageCommand send(String id, Channel channel) {
        return new DeliverMessageCommand(ID, request(id, channel, 10));
    }

    private static MessageAcceptedEvent accepted(String id, Channel channel, int priority, CustomerIdentifier to, Instant at) {
        return new MessageAcceptedEvent(ID, request(id, channel, priority), to, at);
    }

    private static MessageSuppressedEvent suppressed(String id, Channel channel, SuppressionReason reason, String detail) {
        return new MessageSuppressedEvent(ID, new MessageId(id), channel, request(id, channel, 10).source(), reason, detail, NOW);
    }

    @Test
    void a_consenting_customer_with_a_phone_is_sent_an_sms_addressed_to_that_phone() {
        fixture.given(CREATED, HAS_PHONE, SMS_OK)
                .when(send("m-1", Channel.SMS))
                .expectResultMessagePayload(MessageOutcome.ACCEPTED)
                .expectEvents(accepted("m-1", Channel.SMS, 10, PHONE, NOW));
    }

    @Test
    void asking_again_for_a_message_already_sent_sends_nothing() {
        fixture.given(CREATED, HAS_PHONE, SMS_OK, accepted("m-1", Channel.SMS, 10, PHONE, NOW.minusSeconds(5)))
                .when(send("m-1", Channel.SMS))
                .expectResultMessagePayload(MessageOutcome.DUPLICATE)
                .expectNoEvents();
    }

    @Test
    void without_consent_on_the_channel_the_message_is_suppressed_with_the_reason() {
        fixture.given(CREATED, HAS_PHONE, consent(ConsentChannel.EMAIL))
                .when(send("m-1", Channel.SMS))
                .expectResultMessagePayload(MessageOutcome.SUPPRESSED)
                .expectEvents(suppressed("m-1", Channel.SMS, SuppressionReason.NO_CONSENT, "no marketing consent on sms"));
    }

    @Test
    void a_withdrawn_consent_stops_messages() {
        fixture.given(CREATED, HAS_PHONE, SMS_OK, new ConsentWithdrawnEvent(ID, ConsentChannel.SMS, ConsentPurpose.MARKETING,
                        NOW.minus(Duration.ofDays(1)), "app-settings"))
                .when(send("m-1", Channel.SMS))
                .expectEvents(suppressed("m-1", Channel.SMS, SuppressionReason.NO_CONSENT, "no marketing consent on sms"));
    }

    @Test
    void a_customer_without_a_phone_gets_no_sms() {
        fixture.given(CREATED, SMS_OK)
                .when(send("m-1", Channel.SMS))
                .expectEvents(suppressed("m-1", Channel.SMS, SuppressionReason.NO_ADDRESS, "no phone identifier for sms"));
    }

    @Test
    void the_inbox_is_addressed_to_the_customer_and_needs_in_app_consent() {
        fixture.given(CREATED, consent(ConsentChannel.IN_APP))
                .when(send("m-1", Channel.INBOX))
                .expectEvents(accepted("m-1", Channel.INBOX, 10, null, NOW));
    }

    @Test
    void the_webhook_needs_marketing_consent_on_some_channel() {
        fixture.given(CREATED)
                .when(send("m-1", Channel.WEBHOOK))
                .expectEvents(suppressed("m-1", Channel.WEBHOOK, SuppressionReason.NO_CONSENT, "no marketing consent on any channel"));
    }

    @Test
    void an_sms_at_23_00_in_shanghai_is_deferred_to_09_00_and_then_sent() {
        Instant late = Instant.parse("2026-11-24T15:00:00Z");
        Instant nineNextMorning = Instant.parse("2026-11-25T01:00:00Z");
        clock.set(late);
        fixture.given(CREATED, HAS_PHONE, SMS_OK)
                .when(send("m-1", Channel.SMS))
                .expectResultMessagePayload(MessageOutcome.DEFERRED)
                .expectEvents(new MessageDeferredEvent(ID, request("m-1", Channel.SMS, 10), nineNextMorning, late));

        clock.set(late.plus(Duration.ofHours(2)));
        fixture.given(CREATED, HAS_PHONE, SMS_OK, new MessageDeferredEvent(ID, request("m-1", Channel.SMS, 10), nineNextMorning, late))
                .when(send("m-1", Channel.SMS))
                .expectResultMessagePayload(MessageOutcome.DEFERRED)
                .expectNoEvents();

        clock.set(nineNextMorning);
        fixture.given(CREATED, HAS_PHONE, SMS_OK, new MessageDeferredEvent(ID, request("m-1", Channel.SMS, 10), nineNextMorning, late))
                .when(send("m-1", Channel.SMS))
                .expectResultMessagePayload(MessageOutcome.ACCEPTED)
                .expectEvents(accepted("m-1", Channel.SMS, 10, PHONE, nineNextMorning));
    }

    @Test
    void quiet_hours_follow_the_zone_of_the_customers_region() {
        // 23:00 in Shanghai is 21:00 in Urumqi: quiet there too, until 09:00 Urumqi = 03:00Z.
        Instant late = Instant.parse("2026-11-24T15:00:00Z");
        clock.set(late);
        MemberProfileRecordedEvent xinjiang = new MemberProfileRecordedEvent(ID, "M-7", "gold", null, null, null, "Xinjiang",
                null, null, null, null, "f1", NOW.minus(Duration.ofDays(10)), "crm");
        fixture.given(CREATED, HAS_PHONE, SMS_OK, xinjiang)
                .when(send("m-1", Channel.SMS))
                .expectEvents(new MessageDeferredEvent(ID, request("m-1", Channel.SMS, 10), Instant.parse("2026-11-25T03:00:00Z"), late));

        // 20:30 in Shanghai is 18:30 in Urumqi: not quiet for a customer there.
        Instant evening = Instant.parse("2026-11-24T12:30:00Z");
        clock.set(evening);
        fixture.given(CREATED, HAS_PHONE, SMS_OK, xinjiang)
                .when(send("m-1", Channel.SMS))
                .expectEvents(accepted("m-1", Channel.SMS, 10, PHONE, evening));
    }

    @Test
    void the_inbox_does_not_wait_for_quiet_hours_to_end() {
        Instant late = Instant.parse("2026-11-24T15:00:00Z");
        clock.set(late);
        fixture.given(CREATED, consent(ConsentChannel.IN_APP))
                .when(send("m-1", Channel.INBOX))
                .expectEvents(accepted("m-1", Channel.INBOX, 10, null, late));
    }

    @Test
    void the_fourth_message_in_24_hours_is_suppressed_by_the_global_cap_and_a_day_later_it_is_not() {
        Object[] history = {CREATED, HAS_PHONE, deviceLinked(), SMS_OK, consent(ConsentChannel.IN_APP), consent(ConsentChannel.APP_PUSH),
                accepted("a", Channel.APP_PUSH, 10, DEVICE, NOW.minus(Duration.ofHours(20))),
                accepted("b", Channel.SMS, 10, PHONE, NOW.minus(Duration.ofHours(10))),
                accepted("c", Channel.INBOX, 10, null, NOW.minus(Duration.ofHours(1)))};
        fixture.given(history)
                .when(send("d", Channel.INBOX))
                .expectResultMessagePayload(MessageOutcome.SUPPRESSED)
                .expectEvents(suppressed("d", Channel.INBOX, SuppressionReason.GLOBAL_DAILY_CAP, "3 messages in 24 hours"));

        Instant later = NOW.plus(Duration.ofHours(5));
        clock.set(later);
        fixture.given(history)
                .when(send("d", Channel.INBOX))
                .expectEvents(accepted("d", Channel.INBOX, 10, null, later));
    }

    @Test
    void the_sixth_message_in_a_week_is_suppressed_by_the_weekly_cap() {
        fixture.given(CREATED, consent(ConsentChannel.APP_PUSH), deviceLinked(),
                        accepted("a", Channel.APP_PUSH, 10, DEVICE, NOW.minus(Duration.ofDays(6))),
                        accepted("b", Channel.APP_PUSH, 10, DEVICE, NOW.minus(Duration.ofDays(5))),
                        accepted("c", Channel.APP_PUSH, 10, DEVICE, NOW.minus(Duration.ofDays(4))),
                        accepted("d", Channel.APP_PUSH, 10, DEVICE, NOW.minus(Duration.ofDays(3))),
                        accepted("e", Channel.APP_PUSH, 10, DEVICE, NOW.minus(Duration.ofDays(2))),
                        accepted("old", Channel.APP_PUSH, 10, DEVICE, NOW.minus(Duration.ofDays(8))))
                .when(send("f", Channel.APP_PUSH))
                .expectEvents(suppressed("f", Channel.APP_PUSH, SuppressionReason.GLOBAL_WEEKLY_CAP, "5 messages in 7 days"));
    }

    private static final CustomerIdentifier DEVICE = CustomerIdentifier.parse("device:ios-7");

    private static IdentifierLinkedEvent deviceLinked() {
        return new IdentifierLinkedEvent(ID, DEVICE, NOW.minus(Duration.ofDays(30)));
    }

    @Test
    void a_second_sms_in_a_day_is_suppressed_by_the_channel_cap_while_other_channels_still_go() {
        Object[] history = {CREATED, HAS_PHONE, SMS_OK, consent(ConsentChannel.IN_APP),
                accepted("a", Channel.SMS, 10, PHONE, NOW.minus(Duration.ofHours(3)))};
        fixture.given(history)
                .when(send("b", Channel.SMS))
                .expectEvents(suppressed("b", Channel.SMS, SuppressionReason.CHANNEL_DAILY_CAP, "1 sms messages in 24 hours"));
        fixture.given(history)
                .when(send("b", Channel.INBOX))
                .expectEvents(accepted("b", Channel.INBOX, 10, null, NOW));
    }

    @Test
    void a_channel_weekly_cap_counts_that_channel_only() {
        fixture.given(CREATED, consent(ConsentChannel.IN_APP),
                        accepted("a", Channel.INBOX, 10, null, NOW.minus(Duration.ofDays(3))),
                        accepted("b", Channel.INBOX, 10, null, NOW.minus(Duration.ofDays(2))))
                .when(send("c", Channel.INBOX))
                .expectEvents(suppressed("c", Channel.INBOX, SuppressionReason.CHANNEL_WEEKLY_CAP, "2 inbox messages in 7 days"));
    }

    @Test
    void a_message_of_higher_priority_that_day_outranks_a_lower_one_but_not_an_equal_one() {
        Instant twoHoursAgo = NOW.minus(Duration.ofHours(2));
        Object[] history = {CREATED, consent(ConsentChannel.IN_APP), accepted("recall", Channel.INBOX, 80, null, twoHoursAgo)};
        fixture.given(history)
                .when(new DeliverMessageCommand(ID, request("promo", Channel.INBOX, 20)))
                .expectResultMessagePayload(MessageOutcome.SUPPRESSED)
                .expectEvents(new MessageSuppressedEvent(ID, new MessageId("promo"), Channel.INBOX, request("promo", Channel.INBOX, 20).source(),
                        SuppressionReason.OUTRANKED, "journey welcome (priority 80) sent recall at " + twoHoursAgo, NOW));
        fixture.given(history)
                .when(new DeliverMessageCommand(ID, request("peer", Channel.INBOX, 80)))
                .expectEvents(accepted("peer", Channel.INBOX, 80, null, NOW));
    }

    @Test
    void a_record_merged_into_another_customer_sends_nothing() {
        fixture.given(CREATED, HAS_PHONE, SMS_OK, new CustomerMergedIntoEvent(ID, new CustomerId("survivor"), null, "mg-1", "same phone", NOW))
                .when(send("m-1", Channel.SMS))
                .expectEvents(suppressed("m-1", Channel.SMS, SuppressionReason.MERGED, "customer " + ID + " was merged into survivor"));
    }

    @Test
    void a_receipt_is_recorded_once_and_a_click_once_per_link() {
        MessageAcceptedEvent sent = accepted("m-1", Channel.SMS, 10, PHONE, NOW.minusSeconds(60));
        MessageDeliveredEvent delivered = new MessageDeliveredEvent(ID, new MessageId("m-1"), Channel.SMS, null, NOW);
        fixture.given(CREATED, HAS_PHONE, SMS_OK, sent)
                .when(new RecordMessageReceiptCommand(ID, new MessageId("m-1"), Channel.SMS, ReceiptKind.DELIVERED, null, NOW))
                .expectResultMessagePayload(true)
                .expectEvents(delivered);
        fixture.given(CREATED, HAS_PHONE, SMS_OK, sent, delivered)
                .when(new RecordMessageReceiptCommand(ID, new MessageId("m-1"), Channel.SMS, ReceiptKind.DELIVERED, null, NOW))
                .expectResultMessagePayload(false)
                .expectNoEvents();
        MessageClickedEvent clickedA = new MessageClickedEvent(ID, new MessageId("m-1"), Channel.SMS, "https://shop.example/a", NOW);
        fixture.given(CREATED, HAS_PHONE, SMS_OK, sent, delivered, clickedA)
                .when(new RecordMessageReceiptCommand(ID, new MessageId("m-1"), Channel.SMS, ReceiptKind.CLICKED, "https://shop.example/b", NOW))
                .expectEvents(new MessageClickedEvent(ID, new MessageId("m-1"), Channel.SMS, "https://shop.example/b", NOW));
    }

    @Test
    void a_receipt_for_a_message_never_sent_is_refused() {
        fixture.given(CREATED, HAS_PHONE, SMS_OK, suppressed("m-1", Channel.SMS, SuppressionReason.CHANNEL_DAILY_CAP, "x"))
                .when(new RecordMessageReceiptCommand(ID, new MessageId("m-1"), Channel.SMS, ReceiptKind.OPENED, null, NOW))
                .expectException(MessageNeverSentException.class)
                .expectExceptionMessage("customer " + ID + " was never sent message m-1");
    }

    /** A clock a test moves between steps. */
    static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
