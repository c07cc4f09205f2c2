package com.retailpulse.infra.privacy;

import com.retailpulse.contracts.customer.CustomerEventsView;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.CustomerIdentifier;
import com.retailpulse.contracts.customer.CustomerProfileView;
import com.retailpulse.contracts.customer.ErasePersonalDataCommand;
import com.retailpulse.contracts.customer.FindCustomerEventsQuery;
import com.retailpulse.contracts.customer.FindCustomerProfileQuery;
import com.retailpulse.contracts.identity.IdentifierKey;
import com.retailpulse.contracts.identity.ReleaseIdentifierCommand;
import com.retailpulse.infra.identity.IdentityResolution;
import com.retailpulse.privacy.PiiCipher;
import com.retailpulse.projections.profile.ProfileDocument;
import com.retailpulse.projections.profile.ProfileIndex;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A customer's rights over their personal data (docs/privacy.md): access (everything the platform holds on
 * them, personal data opened) and erasure. Both apply to the unified customer: the survivor of a merge and
 * every record merged into it.
 *
 * <p>Erasure, record by record: the Customer aggregate records {@code PersonalDataErasedEvent} and gives up
 * its identifiers, which are released in the identifier registry (a returning phone number then makes a new
 * customer); the record's data key is deleted, so every sealed value of it, in every copy of every event,
 * is noise (crypto-shredding, ADR 0008); each {@link PersonalDataStore} erases what it holds. The profile
 * drops the personal data and identifiers when it reads the event. Every step can be repeated, so a request
 * that failed half-way is completed by asking again.
 */
@Component
public class PersonalDataRights {

    private static final Logger log = LoggerFactory.getLogger(PersonalDataRights.class);

    /** What an erasure did. */
    public record Erasure(String customerId, List<String> records, List<String> releasedIdentifiers, int keysDeleted,
                          Map<String, Long> stores, Instant erasedAt) {
    }

    /** Everything held on a customer, with personal data opened. */
    public record Export(String customerId, Instant exportedAt, List<String> records, CustomerProfileView profile,
                         List<CustomerEventsView.Entry> events, Map<String, List<Map<String, Object>>> stores) {
    }

    /** The customer is not known to the platform. */
    public static final class UnknownCustomerException extends RuntimeException {
        UnknownCustomerException(String message) {
            super(message);
        }
    }

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final ProfileIndex profiles;
    private final PiiCipher cipher;
    private final List<PersonalDataStore> stores;
    private final IdentityResolution identities;
    private final Clock clock;

    public PersonalDataRights(CommandGateway commands, QueryGateway queries, ProfileIndex profiles, PiiCipher cipher,
                              List<PersonalDataStore> stores, IdentityResolution identities, Clock clock) {
        this.identities = identities;
        this.commands = commands;
        this.queries = queries;
        this.profiles = profiles;
        this.cipher = cipher;
        this.stores = List.copyOf(stores);
        this.clock = clock;
    }

    public Erasure erase(CustomerId requested, String reason, MetaData issued) {
        new ErasePersonalDataCommand(requested, reason); // the reason is checked before anything is done
        Unified unified = unified(requested);
        List<String> released = new ArrayList<>();
        int keys = 0;
        Map<String, Long> erased = new LinkedHashMap<>();
        for (String record : unified.records()) {
            CustomerId id = new CustomerId(record);
            List<CustomerIdentifier> identifiers = commands.sendAndWait(GenericCommandMessage
                    .asCommandMessage(new ErasePersonalDataCommand(id, reason)).andMetaData(issued));
            for (CustomerIdentifier identifier : identifiers) {
                try {
                    commands.sendAndWait(GenericCommandMessage.asCommandMessage(
                            new ReleaseIdentifierCommand(IdentifierKey.of(identifier), id, reason)).andMetaData(issued));
                } catch (AggregateNotFoundException e) {
                    // linked without a registration (a direct link by an administrator): nothing to release
                }
                released.add(identifier.type().code() + ":" + identifier.value());
            }
            identities.released(identifiers);
            if (cipher.forget(id)) {
                keys++;
            }
            for (PersonalDataStore store : stores) {
                erased.merge(store.name(), store.erase(record), Long::sum);
            }
        }
        log.info("Personal data of customer {} erased ({} records, {} identifiers released, {} keys deleted, stores {})",
                unified.customerId(), unified.records().size(), released.size(), keys, erased);
        return new Erasure(unified.customerId(), unified.records(), released, keys, erased, clock.instant());
    }

    public Export export(CustomerId requested) {
        Unified unified = unified(requested);
        CustomerProfileView profile = queries.query(new FindCustomerProfileQuery(new CustomerId(unified.customerId()), true),
                ResponseTypes.optionalInstanceOf(CustomerProfileView.class)).join().orElse(null);
        CustomerEventsView events = queries.query(new FindCustomerEventsQuery(new CustomerId(unified.customerId())),
                ResponseTypes.instanceOf(CustomerEventsView.class)).join();
        Map<String, List<Map<String, Object>>> held = new LinkedHashMap<>();
        for (PersonalDataStore store : stores) {
            List<Map<String, Object>> documents = new ArrayList<>();
            for (String record : unified.records()) {
                documents.addAll(store.export(record));
            }
            held.put(store.name(), documents);
        }
        return new Export(unified.customerId(), clock.instant(), unified.records(), profile, events.events(), held);
    }

    private record Unified(String customerId, List<String> records) {
    }

    /** The unified customer the record belongs to, and the records it covers (its own first). */
    private Unified unified(CustomerId requested) {
        Optional<ProfileDocument> doc = profiles.find(requested.value());
        if (doc.isPresent() && doc.get().mergedInto() != null) {
            doc = profiles.find(doc.get().mergedInto());
        }
        if (doc.isEmpty()) {
            throw new UnknownCustomerException("no customer " + requested.value());
        }
        String id = doc.get().customerId();
        List<String> records = new ArrayList<>();
        records.add(id);
        doc.get().records().stream().filter(r -> !r.equals(id)).forEach(records::add);
        return new Unified(id, List.copyOf(records));
    }
}
