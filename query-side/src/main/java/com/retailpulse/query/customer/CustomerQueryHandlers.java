package com.retailpulse.query.customer;

import com.retailpulse.contracts.customer.CountCustomersQuery;
import com.retailpulse.contracts.customer.CustomerCountView;
import com.retailpulse.contracts.customer.CustomerEventsView;
import com.retailpulse.contracts.customer.CustomerProfileView;
import com.retailpulse.contracts.customer.CustomerRefView;
import com.retailpulse.contracts.customer.FindCustomerByIdentifierQuery;
import com.retailpulse.contracts.customer.FindCustomerEventsQuery;
import com.retailpulse.contracts.customer.FindCustomerProfileAsOfQuery;
import com.retailpulse.contracts.customer.FindCustomerProfileQuery;
import com.retailpulse.projections.identity.IdentityDirectory;
import com.retailpulse.projections.profile.ProfileAttributes;
import com.retailpulse.projections.profile.ProfileAsOf;
import com.retailpulse.projections.profile.ProfileDocument;
import com.retailpulse.privacy.Masking;
import com.retailpulse.privacy.PiiCipher;
import com.retailpulse.projections.profile.ProfileIndex;
import com.retailpulse.query.customer.rfm.RfmThresholds;
import com.retailpulse.query.customer.rfm.RfmThresholdsRefresher;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Answers the customer queries from the read models and, for audits, from the event store itself. */
@Component
public class CustomerQueryHandlers {

    private final IdentityDirectory identities;
    private final ProfileIndex profiles;
    private final EventStore eventStore;
    private final Clock clock;
    private final RfmThresholdsRefresher rfmThresholds;
    private final PiiCipher cipher;
    static final String ERASED = "[erased]";

    private final ProfileAsOf profilesAsOf;

    public CustomerQueryHandlers(IdentityDirectory identities, ProfileIndex profiles, EventStore eventStore, Clock clock,
                                 RfmThresholdsRefresher rfmThresholds, PiiCipher cipher, ProfileAsOf profilesAsOf) {
        this.profilesAsOf = profilesAsOf;
        this.identities = identities;
        this.profiles = profiles;
        this.eventStore = eventStore;
        this.clock = clock;
        this.rfmThresholds = rfmThresholds;
        this.cipher = cipher;
    }

    @QueryHandler
    public Optional<CustomerRefView> handle(FindCustomerByIdentifierQuery query) {
        return identities.find(query.identifier()).map(id -> new CustomerRefView(id.value()));
    }

    @QueryHandler
    public CustomerCountView handle(CountCustomersQuery query) {
        return new CustomerCountView(profiles.count());
    }

    /** A record merged into another customer answers with that customer's profile. */
    @QueryHandler
    public Optional<CustomerProfileView> handle(FindCustomerProfileQuery query) {
        Optional<ProfileDocument> doc = profiles.find(query.customerId().value());
        if (doc.isPresent() && doc.get().mergedInto() != null) {
            doc = profiles.find(doc.get().mergedInto());
        }
        return doc.map(d -> toView(d, query.revealPersonalData(), clock.instant()));
    }

    /**
     * The profile as of a past moment, rebuilt from the events stored by then (RFM scores with today's
     * quintile thresholds). A record merged into another by then answers as that record, with
     * {@code mergedInto} telling where its history went.
     */
    @QueryHandler
    public Optional<CustomerProfileView> handle(FindCustomerProfileAsOfQuery query) {
        return profilesAsOf.asOf(query.customerId().value(), query.asOf())
                .map(d -> toView(d, query.revealPersonalData(), query.asOf()));
    }

    /** The histories of every record the customer's profile covers, in time order. */
    @QueryHandler
    public CustomerEventsView handle(FindCustomerEventsQuery query) {
        String id = query.customerId().value();
        List<String> records = profiles.find(id).filter(d -> d.mergedInto() == null && !d.records().isEmpty())
                .map(ProfileDocument::records).orElse(List.of(id));
        List<CustomerEventsView.Entry> entries = records.stream()
                .flatMap(record -> eventStore.readEvents(record).asStream().map(m -> toEntry(m, record)))
                .sorted(Comparator.comparing(CustomerEventsView.Entry::timestamp))
                .toList();
        return new CustomerEventsView(id, entries);
    }

    private static CustomerEventsView.Entry toEntry(DomainEventMessage<?> message, String record) {
        Map<String, Object> metadata = new LinkedHashMap<>(message.getMetaData());
        return new CustomerEventsView.Entry(message.getSequenceNumber(), message.getIdentifier(),
                message.getPayloadType().getSimpleName(), revisionOf(message.getPayloadType()),
                message.getTimestamp(), message.getPayload(), metadata, record);
    }

    /** Decrypted with the customer's key, masked unless revealed; a deleted key (erasure) leaves "[erased]". */
    private Map<String, String> personal(ProfileDocument doc, boolean reveal) {
        Map<String, String> personal = new TreeMap<>();
        doc.attributes().personal().forEach((kind, stated) -> {
            String clear = cipher.decrypt(ProfileAttributes.unseal(stated.value())).orElse(null);
            personal.put(kind, clear == null ? ERASED : reveal ? clear : mask(kind, clear));
        });
        return personal;
    }

    private static String mask(String kind, String clear) {
        return switch (kind) {
            case "name" -> Masking.name(clear);
            case "phone" -> Masking.phone(clear);
            case "email" -> Masking.email(clear);
            default -> Masking.address(clear);
        };
    }

    private static String revisionOf(Class<?> payloadType) {
        var revision = payloadType.getAnnotation(org.axonframework.serialization.Revision.class);
        return revision == null ? null : revision.value();
    }

    private CustomerProfileView.Rfm rfm(Long recencyDays, ProfileDocument.Orders o) {
        RfmThresholds.RfmScore score = rfmThresholds.current().score(o.lastOrderAt(), o.count(), o.netRevenue());
        return score == null
                ? new CustomerProfileView.Rfm(recencyDays, o.count(), o.netRevenue(), null, null, null, null)
                : new CustomerProfileView.Rfm(recencyDays, o.count(), o.netRevenue(), score.r(), score.f(), score.m(),
                score.group().label());
    }

    private CustomerProfileView toView(ProfileDocument doc, boolean reveal, Instant now) {
        ProfileDocument.Orders o = doc.orders();
        Long recencyDays = o.lastOrderAt() == null ? null
                : Math.max(0, Duration.between(o.lastOrderAt(), now).toDays());
        Map<String, String> attributes = new TreeMap<>();
        doc.attributes().values().forEach((k, v) -> attributes.put(k, v.value()));
        Map<String, CustomerProfileView.Consent> consents = new TreeMap<>();
        doc.attributes().consents().forEach((k, c) -> consents.put(k, new CustomerProfileView.Consent(c.granted(), c.at(), c.source())));
        return new CustomerProfileView(doc.customerId(), doc.identifiers(), doc.firstSeenAt(),
                new CustomerProfileView.Orders(o.count(), o.cancelled(), o.revenue(), o.refunded(), o.currency(),
                        o.averageOrderValue(), o.firstOrderAt(), o.lastOrderAt()),
                rfm(recencyDays, o),
                doc.updatedAt(),
                doc.records(),
                doc.merges().stream().map(m -> new CustomerProfileView.Merge(m.mergeId(), m.absorbed(), m.records(),
                        m.reason(), m.mergedAt(), m.unmergedAt(), m.unmergeReason())).toList(),
                doc.tags(),
                attributes,
                consents,
                personal(doc, reveal),
                new TreeMap<>(doc.memberships().entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                        e -> new CustomerProfileView.SegmentMembership(e.getValue().version(), e.getValue().since())))));
    }
}
