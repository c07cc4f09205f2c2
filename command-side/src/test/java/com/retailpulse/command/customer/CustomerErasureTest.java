package com.retailpulse.command.customer;

import com.retailpulse.contracts.customer.ConsentChannel;
import com.retailpulse.contracts.customer.ConsentGivenEvent;
import com.retailpulse.contracts.customer.ConsentPurpose;
import com.retailpulse.contracts.customer.CustomerCreatedEvent;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.CustomerIdentifier;
import com.retailpulse.contracts.customer.CustomersMergedEvent;
import com.retailpulse.contracts.customer.DeliverMessageCommand;
import com.retailpulse.contracts.customer.ErasePersonalDataCommand;
import com.retailpulse.contracts.customer.IdentifierLinkedEvent;
import com.retailpulse.contracts.customer.MergedCustomer;
import com.retailpulse.contracts.customer.MessageSuppressedEvent;
import com.retailpulse.contracts.customer.OrderPlacedEvent;
import com.retailpulse.contracts.customer.PersonalDataErasedEvent;
import com.retailpulse.contracts.customer.RecordOrderCommand;
import com.retailpulse.contracts.message.Channel;
import com.retailpulse.contracts.message.MessageId;
import com.retailpulse.contracts.message.MessageOutcome;
import com.retailpulse.contracts.message.MessageRequest;
import com.retailpulse.contracts.message.MessageSource;
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
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The right to erasure on the Customer aggregate (docs/privacy.md). */
class CustomerErasureTest {

    private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");
    private static final CustomerIdentifier MEMBER = CustomerIdentifier.parse("member:M-9");
    private static final CustomerIdentifier PHONE = CustomerIdentifier.parse("phone:h:tok9");
    private static final CustomerIdentifier OTHER_PHONE = CustomerIdentifier.parse("phone:h:tok10");
    private static final CustomerId ID = CustomerId.firstSeenAs(MEMBER);
    private static final CustomerId ABSORBED = new CustomerId("absorbed-1");
    private static final CustomerCreatedEvent CREATED = new CustomerCreatedEvent(ID, MEMBER, NOW.minus(Duration.ofDays(30)));
    private static final IdentifierLinkedEvent HAS_PHONE = new IdentifierLinkedEvent(ID, PHONE, NOW.minus(Duration.ofDays(30)));
    private static final MessagingPolicy POLICY = new MessagingPolicy(3, 5, Map.of(), Map.of(),
            LocalTime.of(0, 0), LocalTime.of(0, 0), EnumSet.noneOf(Channel.class),
            ZoneId.of("Asia/Shanghai"), Map.of(), Duration.ofHours(24));

    private AggregateTestFixture<Customer> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Customer.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(POLICY);
    }

    private static ConsentGivenEvent consent(ConsentChannel channel) {
        return new ConsentGivenEvent(ID, channel, ConsentPurpose.MARKETING, NOW.minus(Duration.ofDays(20)), "crm");
    }

    private static MessageRequest request(String id, Channel channel) {
        return new MessageRequest(new MessageId(id), channel, null, "Hello", null, null,
                new MessageSource(MessageSource.CAMPAIGN, "c", 1, "r", "a", null), 0);
    }

    @Test
    void erasure_gives_up_every_identifier_and_says_why() {
        fixture.given(CREATED, HAS_PHONE)
                .when(new ErasePersonalDataCommand(ID, "data subject request DSR-1"))
                .expectResultMessagePayload(List.of(MEMBER, PHONE))
                .expectEvents(new PersonalDataErasedEvent(ID, List.of(MEMBER, PHONE), "data subject request DSR-1", NOW));
    }

    @Test
    void an_erased_customer_is_never_contacted_again_on_any_channel() {
        fixture.given(CREATED, HAS_PHONE, consent(ConsentChannel.SMS), consent(ConsentChannel.IN_APP),
                        new PersonalDataErasedEvent(ID, List.of(MEMBER, PHONE), "DSR-1", NOW.minusSeconds(60)))
                .when(new DeliverMessageCommand(ID, request("m-1", Channel.INBOX)))
                .expectResultMessagePayload(MessageOutcome.SUPPRESSED)
                .expectEvents(new MessageSuppressedEvent(ID, new MessageId("m-1"), Channel.INBOX, request("m-1", Channel.INBOX).source(),
                        SuppressionReason.ERASED, "the personal data of customer " + ID + " was erased at "
                        + NOW.minusSeconds(60) + ": not contacted again", NOW));
    }

    @Test
    void a_survivor_forgets_the_identifiers_of_its_merged_records_and_a_second_request_is_recorded_too() {
        CustomersMergedEvent merged = new CustomersMergedEvent(ID, ABSORBED, List.of(new MergedCustomer(ABSORBED, List.of(OTHER_PHONE))),
                "merge-1", "same person", NOW.minus(Duration.ofDays(2)));
        // before: the absorbed record's phone addresses the survivor's SMS
        fixture.given(CREATED, merged, consent(ConsentChannel.SMS))
                .when(new DeliverMessageCommand(ID, request("m-1", Channel.SMS)))
                .expectResultMessagePayload(MessageOutcome.ACCEPTED);
        // erased twice (the second request finds nothing left to give up, and is recorded for the auditor all the same)
        fixture.given(CREATED, merged, new PersonalDataErasedEvent(ID, List.of(MEMBER), "DSR-1", NOW.minusSeconds(60)))
                .when(new ErasePersonalDataCommand(ID, "DSR-1 again"))
                .expectResultMessagePayload(List.of())
                .expectEvents(new PersonalDataErasedEvent(ID, List.of(), "DSR-1 again", NOW));
    }

    @Test
    void the_history_stays_and_the_aggregate_still_takes_orders_after_an_erasure() {
        fixture.given(CREATED, HAS_PHONE, new PersonalDataErasedEvent(ID, List.of(MEMBER, PHONE), "DSR-1", NOW.minusSeconds(60)))
                .when(new RecordOrderCommand(ID, MEMBER, "o-1", NOW, "CNY", List.of(), "pos", "s-1"))
                .expectResultMessagePayload(true)
                .expectEvents(new OrderPlacedEvent(ID, "o-1", NOW, "CNY", List.of(), java.math.BigDecimal.ZERO, "pos", "s-1"));
    }

    @Test
    void the_reason_is_required() {
        assertThatThrownBy(() -> new ErasePersonalDataCommand(ID, " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("reason:");
    }
}
