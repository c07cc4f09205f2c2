package com.retailpulse.infra.ingest.crm;

import com.retailpulse.contracts.customer.ConsentPurpose;
import com.retailpulse.contracts.customer.ConsentStatement;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.CustomerIdentifier;
import com.retailpulse.contracts.customer.IdentifierType;
import com.retailpulse.contracts.customer.MemberProfileRecording;
import com.retailpulse.contracts.customer.RecordMemberProfileCommand;
import com.retailpulse.infra.config.AxonConfig;
import com.retailpulse.infra.identity.IdentityResolution;
import com.retailpulse.privacy.IdentifierPseudonymizer;
import com.retailpulse.privacy.PiiCipher;
import com.retailpulse.privacy.PiiKind;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Records a valid member record on the customer its identifiers resolve to: member code, and
 * phone and e-mail as pseudonymous tokens; the personal data encrypted with that customer's key;
 * the CRM's opt-ins as marketing consent per channel.
 */
@Service
public class MemberRecorder {

    private final IdentityResolution identities;
    private final PiiCipher cipher;
    private final IdentifierPseudonymizer pseudonyms;
    private final Clock clock;

    public MemberRecorder(IdentityResolution identities, PiiCipher cipher, IdentifierPseudonymizer pseudonyms, Clock clock) {
        this.identities = identities;
        this.cipher = cipher;
        this.pseudonyms = pseudonyms;
        this.clock = clock;
    }

    /** Who sent a record and through which source: it ends up in the metadata of every event it causes. */
    public record Origin(String issuedBy, String source, String requestId) {
    }

    public record Outcome(String customerId, String memberCode, boolean profileRecorded, int consentsRecorded) {
        boolean changedAnything() {
            return profileRecorded || consentsRecorded > 0;
        }
    }

    Outcome record(ParsedMember member, Origin origin) {
        Instant receivedAt = clock.instant();
        Instant recordedAt = member.updatedAt() != null ? member.updatedAt() : receivedAt;
        List<CustomerIdentifier> identifiers = new ArrayList<>();
        identifiers.add(new CustomerIdentifier(IdentifierType.MEMBER, member.memberCode()));
        if (member.phone() != null) {
            identifiers.add(pseudonyms.phone(member.phone()));
        }
        if (member.email() != null) {
            identifiers.add(pseudonyms.email(member.email()));
        }
        List<ConsentStatement> consents = member.optIns().entrySet().stream()
                .map(optIn -> new ConsentStatement(optIn.getKey(), ConsentPurpose.MARKETING, optIn.getValue(), recordedAt))
                .toList();
        AtomicReference<CustomerId> customer = new AtomicReference<>();
        MemberProfileRecording recording = identities.dispatch(identifiers, resolved -> {
            CustomerId id = resolved.customerId();
            customer.set(id);
            return new RecordMemberProfileCommand(id, resolved.identifier(), member.memberCode(), member.level(),
                    member.birthday(), member.gender(), member.household(), member.region(),
                    cipher.encrypt(id, PiiKind.NAME, member.name()),
                    cipher.encrypt(id, PiiKind.PHONE, member.phone()),
                    cipher.encrypt(id, PiiKind.EMAIL, member.email()),
                    cipher.encrypt(id, PiiKind.ADDRESS, member.address()),
                    cipher.fingerprint(id, member.fingerprintValues()),
                    recordedAt, member.source(), consents);
        }, metaData(origin, receivedAt));
        return new Outcome(customer.get().value(), member.memberCode(), recording.profileRecorded(), recording.consentsRecorded());
    }

    static MetaData metaData(Origin origin, Instant receivedAt) {
        MetaData metaData = MetaData.with(AxonConfig.ISSUED_BY, origin.issuedBy())
                .and(AxonConfig.SOURCE, origin.source())
                .and(AxonConfig.RECEIVED_AT, receivedAt.toString());
        return origin.requestId() == null ? metaData : metaData.and(AxonConfig.REQUEST_ID, origin.requestId());
    }
}
