package com.retailpulse.infra.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailpulse.projections.profile.ProfileDocument;
import com.retailpulse.projections.profile.ProfileIndex;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A customer's audit trail as CSV (docs/audit.md): every stored event of each of its records, with its metadata and leaf hash. */
@Component
class AuditTrails {

    static final String[] HEADER = {"record", "sequence", "eventId", "storedAt", "event", "revision", "issuedBy", "source",
            "receivedAt", "requestId", "correlationId", "traceId", "leafSha256", "payload"};

    private final EventStore events;
    private final ProfileIndex profiles;
    private final AuditChain chain;
    private final ObjectMapper json;

    AuditTrails(EventStore events, ProfileIndex profiles, AuditChain chain, ObjectMapper json) {
        this.events = events;
        this.profiles = profiles;
        this.chain = chain;
        this.json = json;
    }

    Optional<String> csv(String customerId) {
        List<String> records = profiles.find(customerId).filter(d -> d.mergedInto() == null && !d.records().isEmpty())
                .map(ProfileDocument::records).orElse(List.of(customerId));
        List<DomainEventMessage<?>> all = new ArrayList<>();
        records.forEach(record -> events.readEvents(record).asStream().forEach(all::add));
        if (all.isEmpty()) {
            return Optional.empty();
        }
        all.sort(Comparator.<DomainEventMessage<?>, java.time.Instant>comparing(DomainEventMessage::getTimestamp)
                .thenComparing(DomainEventMessage::getAggregateIdentifier).thenComparingLong(DomainEventMessage::getSequenceNumber));
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(HEADER).get())) {
            for (DomainEventMessage<?> m : all) {
                var revision = m.getPayloadType().getAnnotation(org.axonframework.serialization.Revision.class);
                printer.printRecord(m.getAggregateIdentifier(), m.getSequenceNumber(), m.getIdentifier(), m.getTimestamp(),
                        m.getPayloadType().getSimpleName(), revision == null ? "" : revision.value(), meta(m, "issuedBy"),
                        meta(m, "source"), meta(m, "receivedAt"), meta(m, "requestId"), meta(m, "correlationId"), meta(m, "traceId"),
                        chain.leafHex(m), json.writeValueAsString(m.getPayload()));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an event of " + customerId + " as JSON", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.of(out.toString());
    }

    private static String meta(DomainEventMessage<?> m, String key) {
        Object v = m.getMetaData().get(key);
        return v == null ? "" : v.toString();
    }
}
