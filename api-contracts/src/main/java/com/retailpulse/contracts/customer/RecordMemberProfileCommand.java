package com.retailpulse.contracts.customer;

import com.retailpulse.contracts.common.EncryptedValue;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Records the CRM's member profile of the customer known by {@code identifier} (creating the
 * customer on first sight), and the member's opt-ins as consent statements. The profile is a full
 * replacement: a null field is unknown to the CRM. Personal data arrives encrypted with the
 * customer's key; {@code fingerprint} is a keyed hash of every submitted value (see
 * docs/privacy.md), so the customer can tell "nothing changed" without clear data. Answers a
 * {@link MemberProfileRecording}.
 */
public record RecordMemberProfileCommand(
        @TargetAggregateIdentifier CustomerId customerId,
        CustomerIdentifier identifier,
        String memberCode,
        String level,
        LocalDate birthday,
        Gender gender,
        Household household,
        String region,
        EncryptedValue name,
        EncryptedValue phone,
        EncryptedValue email,
        EncryptedValue address,
        String fingerprint,
        Instant recordedAt,
        String source,
        List<ConsentStatement> consents) {

    public RecordMemberProfileCommand {
        Objects.requireNonNull(memberCode, "memberCode");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(source, "source");
        consents = consents == null ? List.of() : List.copyOf(consents);
    }
}
