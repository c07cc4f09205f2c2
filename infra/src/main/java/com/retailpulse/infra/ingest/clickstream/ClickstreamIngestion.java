package com.retailpulse.infra.ingest.clickstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.retailpulse.contracts.customer.RecordInteractionCommand;
import com.retailpulse.infra.config.AxonConfig;
import com.retailpulse.infra.identity.IdentityResolution;
import org.axonframework.common.AxonNonTransientException;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Records clickstream messages, from any adapter, on the customers they belong to (through
 * {@link IdentityResolution}), with who sent them and through which source in the metadata.
 * Every valid message is recorded even when others beside it are rejected.
 */
@Service
public class ClickstreamIngestion {

    private final IdentityResolution identities;
    private final Clock clock;
    private final ClickstreamMapper mapper = new ClickstreamMapper();

    public ClickstreamIngestion(IdentityResolution identities, Clock clock) {
        this.identities = identities;
        this.clock = clock;
    }

    /** Who sent the messages and how: it ends up in the metadata of every event they cause. */
    public record Origin(String issuedBy, String source, String requestId) {
    }

    /**
     * What happened to a request's messages. {@code duplicates}: messageIds the customer had
     * recorded already; {@code identified}: identify messages, which record no interaction.
     */
    public record Outcome(int received, int recorded, int duplicates, int identified, List<Rejection> rejected) {
        public boolean allAccepted() {
            return rejected.isEmpty();
        }
    }

    /** {@code errors} name the fields as "batch[3].properties.price: …" in a batch. */
    public record Rejection(int index, String messageId, List<String> errors) {
    }

    /**
     * Validates and records the messages, in order; waits until each one's event is stored.
     * A fault that is not the message's (event store down) propagates: the sender retries, and
     * messages recorded before it are recognised by their messageId and not recorded twice.
     *
     * @param impliedType the type a single-message endpoint stands for, or null when each message names its own
     * @param pathPrefix  prefix of field paths in errors, e.g. "batch" (gives "batch[3].event: …"), or null
     */
    public Outcome record(List<JsonNode> messages, String impliedType, String pathPrefix, Origin origin) {
        MetaData metaData = metaData(origin);
        int recorded = 0;
        int duplicates = 0;
        int identified = 0;
        List<Rejection> rejected = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            ClickstreamMessage message;
            try {
                message = mapper.map(messages.get(i), impliedType);
            } catch (InvalidClickstreamMessageException e) {
                String prefix = pathPrefix == null ? "" : pathPrefix + "[" + i + "].";
                rejected.add(new Rejection(i, messageIdOf(messages.get(i)),
                        e.violations().stream().map(v -> prefix + v).toList()));
                continue;
            }
            try {
                switch (record(message, metaData)) {
                    case RECORDED -> recorded++;
                    case DUPLICATE -> duplicates++;
                    case IDENTIFIED -> identified++;
                }
            } catch (RuntimeException e) {
                if (!isTheMessagesFault(e)) {
                    throw e;
                }
                String prefix = pathPrefix == null ? "" : pathPrefix + "[" + i + "]";
                rejected.add(new Rejection(i, message.messageId(), List.of((prefix.isEmpty() ? "message" : prefix)
                        + ": rejected: " + e.getMessage())));
            }
        }
        return new Outcome(messages.size(), recorded, duplicates, identified, List.copyOf(rejected));
    }

    enum Result { RECORDED, DUPLICATE, IDENTIFIED }

    /** Records one mapped message (the Kafka consumer validates first, to dead-letter what is invalid). */
    Result record(ClickstreamMessage message, MetaData metaData) {
        if (message.isIdentify()) {
            identities.resolve(message.identifiers(), metaData);
            return Result.IDENTIFIED;
        }
        Boolean recorded = identities.dispatch(message.identifiers(),
                resolved -> new RecordInteractionCommand(resolved.customerId(), resolved.identifier(), message.interaction()),
                metaData);
        return Boolean.TRUE.equals(recorded) ? Result.RECORDED : Result.DUPLICATE;
    }

    /** Identity resolution refusing the identifiers, or the customer refusing the command: retrying changes nothing. */
    static boolean isTheMessagesFault(RuntimeException e) {
        return e instanceof IllegalArgumentException || AxonNonTransientException.isCauseOf(e);
    }

    ClickstreamMessage map(JsonNode message) {
        return mapper.map(message, null);
    }

    MetaData metaData(Origin origin) {
        MetaData metaData = MetaData.with(AxonConfig.ISSUED_BY, origin.issuedBy())
                .and(AxonConfig.SOURCE, origin.source())
                .and(AxonConfig.RECEIVED_AT, clock.instant().toString());
        return origin.requestId() == null ? metaData : metaData.and(AxonConfig.REQUEST_ID, origin.requestId());
    }

    private static String messageIdOf(JsonNode message) {
        JsonNode id = message == null ? null : message.get("messageId");
        return id != null && id.isValueNode() && !id.isNull() ? id.asText() : null;
    }
}
