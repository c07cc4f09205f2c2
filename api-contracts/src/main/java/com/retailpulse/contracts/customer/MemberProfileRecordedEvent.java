package com.retailpulse.contracts.customer;

import com.retailpulse.contracts.common.EncryptedValue;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The CRM's member profile of the customer, as of {@code recordedAt}. Name, phone, e-mail and
 * address are encrypted with the customer's data key: once the key is deleted they are gone, while
 * the rest of the history stays. {@code fingerprint} is a keyed hash of the submitted values under
 * that key, never clear data.
 */
@Revision("1")
public record MemberProfileRecordedEvent(
        CustomerId customerId,
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
        String source) implements CustomerEvent {
}
