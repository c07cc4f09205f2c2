package com.retailpulse.command.customer;

import com.retailpulse.contracts.common.EncryptedValue;
import com.retailpulse.contracts.customer.ConsentChannel;
import com.retailpulse.contracts.customer.ConsentGivenEvent;
import com.retailpulse.contracts.customer.ConsentPurpose;
import com.retailpulse.contracts.customer.ConsentStatement;
import com.retailpulse.contracts.customer.ConsentWithdrawnEvent;
import com.retailpulse.contracts.customer.CustomerCreatedEvent;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.CustomerIdentifier;
import com.retailpulse.contracts.customer.Gender;
import com.retailpulse.contracts.customer.Household;
import com.retailpulse.contracts.customer.MemberProfileRecordedEvent;
import com.retailpulse.contracts.customer.MemberProfileRecording;
import com.retailpulse.contracts.customer.RecordMemberProfileCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

class CustomerMemberProfileRecordingTest {

    private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");
    private static final Instant MONDAY = Instant.parse("2026-11-23T09:00:00Z");
    private static final Instant SUNDAY = Instant.parse("2026-11-22T09:00:00Z");
    private static final CustomerIdentifier MEMBER = CustomerIdentifier.parse("member:M-1001");
    private static final CustomerId ID = CustomerId.firstSeenAs(MEMBER);
    private static final EncryptedValue NAME = sealed("name");
    private static final EncryptedValue PHONE = sealed("phone");
    private static final LocalDate BIRTHDAY = LocalDate.of(1990, 5, 1);
    private static final Household FAMILY = new Household(3, true);

    private AggregateTestFixture<Customer> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Customer.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static EncryptedValue sealed(String kind) {
        return new EncryptedValue(ID.value() + "/g1", "AES-256-GCM", kind, "bm9uY2UrY2lwaGVydGV4dA==");
    }

    private static RecordMemberProfileCommand profile(String level, String fingerprint, Instant at, ConsentStatement... consents) {
        return new RecordMemberProfileCommand(ID, MEMBER, "M-1001", level, BIRTHDAY, Gender.FEMALE, FAMILY,
                "Shanghai", NAME, PHONE, null, null, fingerprint, at, "crm", List.of(consents));
    }

    private static MemberProfileRecordedEvent recorded(String level, String fingerprint, Instant at) {
        return new MemberProfileRecordedEvent(ID, "M-1001", level, BIRTHDAY, Gender.FEMALE, FAMILY,
                "Shanghai", NAME, PHONE, null, null, fingerprint, at, "crm");
    }

    @Test
    void a_first_member_profile_creates_the_customer_and_records_the_profile_with_encrypted_personal_data() {
        fixture.givenNoPriorActivity()
                .when(profile("gold", "fp-1", MONDAY))
                .expectResultMessagePayload(new MemberProfileRecording(true, 0))
                .expectEvents(new CustomerCreatedEvent(ID, MEMBER, NOW), recorded("gold", "fp-1", MONDAY));
    }

    @Test
    void the_same_profile_again_records_nothing() {
        fixture.given(new CustomerCreatedEvent(ID, MEMBER, NOW), recorded("gold", "fp-1", MONDAY))
                .when(profile("gold", "fp-1", NOW))
                .expectResultMessagePayload(new MemberProfileRecording(false, 0))
                .expectNoEvents();
    }

    @Test
    void a_changed_profile_is_recorded_again() {
        fixture.given(new CustomerCreatedEvent(ID, MEMBER, NOW), recorded("gold", "fp-1", SUNDAY))
                .when(profile("platinum", "fp-2", MONDAY))
                .expectResultMessagePayload(new MemberProfileRecording(true, 0))
                .expectEvents(recorded("platinum", "fp-2", MONDAY));
    }

    @Test
    void a_profile_older_than_the_latest_recorded_one_is_ignored() {
        fixture.given(new CustomerCreatedEvent(ID, MEMBER, NOW), recorded("platinum", "fp-2", MONDAY))
                .when(profile("gold", "fp-1", SUNDAY))
                .expectResultMessagePayload(new MemberProfileRecording(false, 0))
                .expectNoEvents();
    }

    @Test
    void opt_ins_that_come_with_the_profile_are_recorded_as_consent_changes() {
        fixture.given(new CustomerCreatedEvent(ID, MEMBER, NOW), recorded("gold", "fp-1", SUNDAY),
                        new ConsentGivenEvent(ID, ConsentChannel.SMS, ConsentPurpose.MARKETING, SUNDAY, "crm"))
                .when(profile("gold", "fp-1", MONDAY,
                        new ConsentStatement(ConsentChannel.SMS, ConsentPurpose.MARKETING, true, MONDAY),
                        new ConsentStatement(ConsentChannel.EMAIL, ConsentPurpose.MARKETING, false, MONDAY),
                        new ConsentStatement(ConsentChannel.WECHAT, ConsentPurpose.MARKETING, true, MONDAY)))
                .expectResultMessagePayload(new MemberProfileRecording(false, 2))
                .expectEvents(new ConsentWithdrawnEvent(ID, ConsentChannel.EMAIL, ConsentPurpose.MARKETING, MONDAY, "crm"),
                        new ConsentGivenEvent(ID, ConsentChannel.WECHAT, ConsentPurpose.MARKETING, MONDAY, "crm"));
    }
}
