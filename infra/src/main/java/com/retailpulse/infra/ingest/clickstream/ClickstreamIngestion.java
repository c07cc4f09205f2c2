package com.retailpulse.infra.ingest.clickstream;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.retailpulse.contracts.customer.RecordInteractionCommand;
import com.retailpulse.contracts.customer.RecordOrderCancellationCommand;
import com.retailpulse.contracts.customer.RecordOrderCommand;
import com.retailpulse.infra.config.AxonConfig;
import com.retailpulse.infra.identity.IdentityResolution;
import com.retailpulse.privacy.IdentifierPseudonymizer;
import com.retailpulse.contracts.customer.CustomerIdentifier;
import jakarta.annotation.PreDestroy;
import org.axonframework.common.AxonNonTransientException;
import org.axonframework.common.AxonThreadFactory;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Service;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Records clickstream messages, from any adapter, on the customers they belong to (through
 * {@link IdentityResolution}), with who sent them and through which source in the metadata.
 * Every valid message is recorded even when others beside it are rejected.
 */
@Service
public class ClickstreamIngestion {

    /** Segment's limits: 32 KB per message, 500 KB per batch request. */
    public static final int MAX_MESSAGE_BYTES = 32 * 1024;
    public static final int MAX_BATCH_BYTES = 500 * 1024;

    private final IdentityResolution identities;
    private final Clock clock;
    private final ClickstreamMapper mapper;
    private final ExecutorService workers;
    private final IdentifierPseudonymizer pseudonyms;

    /** Platform of OpenIDs / UnionIDs from the app SDKs, as the social source names them (openid:wechat:…). */
    static final String OPEN_ID_PLATFORM = "wechat";

    /**
     * Identifiers as every source names them: phone and e-mail as keyed pseudonyms (never in clear in
     * an event, docs/privacy.md), OpenID/UnionID with their platform like the social source.
     */
    List<CustomerIdentifier> protect(List<CustomerIdentifier> identifiers) {
        return identifiers.stream().map(id -> switch (id.type()) {
            case PHONE -> pseudonyms.phone(id.value());
            case EMAIL -> pseudonyms.email(id.value());
            case OPENID, UNIONID -> id.value().contains(":") ? id : new CustomerIdentifier(id.type(), OPEN_ID_PLATFORM + ":" + id.value());
            default -> id;
        }).toList();
    }

    public ClickstreamIngestion(IdentityResolution identities, Clock clock, ClickstreamSettings settings,
                                IdentifierPseudonymizer pseudonyms) {
        this.identities = identities;
        this.pseudonyms = pseudonyms;
        this.clock = clock;
        this.mapper = new ClickstreamMapper(settings.userIdentifierType());
        this.workers = Executors.newFixedThreadPool(settings.concurrency(), new AxonThreadFactory("clickstream-http"));
    }

    /**
     * Who sent the messages, how and when: it ends up in the metadata of every event they cause.
     * {@code receivedAt} is also the time of a message that has none, and the reference of the
     * clock-skew correction.
     */
    public record Origin(String issuedBy, String source, String requestId, Instant receivedAt) {
    }

    /** The origin of messages received now. */
    public Origin receivedNow(String issuedBy, String source, String requestId) {
        return new Origin(issuedBy, source, requestId, clock.instant());
    }

    /**
     * What happened to a request's messages. {@code duplicates}: messageIds the customer had
     * recorded already; {@code identified}: identify messages recorded (their "Identify" event is
     * not counted in {@code recorded}).
     */
    public record Outcome(int received, int recorded, int duplicates, int identified, List<Rejection> rejected) {
        public boolean allAccepted() {
            return rejected.isEmpty();
        }

        /** A message over the size limit was among the rejected ones. */
        public boolean anyTooLarge() {
            return rejected.stream().anyMatch(Rejection::tooLarge);
        }
    }

    /**
     * {@code errors} name the fields as "batch[3].properties.price: …" in a batch.
     * {@code tooLarge}: over {@link #MAX_MESSAGE_BYTES}, which the HTTP answer reports as 413.
     */
    public record Rejection(int index, String messageId, List<String> errors, @JsonIgnore boolean tooLarge) {
    }

    /**
     * The messages of a {"batch":[…]} envelope as Segment reads them: the batch's {@code context}
     * is merged into each message's (the message's own fields win), and the batch's
     * {@code sentAt} applies to messages that have none.
     */
    public static List<JsonNode> messagesOf(JsonNode envelope) {
        JsonNode batchContext = envelope.path("context");
        JsonNode batchSentAt = envelope.path("sentAt");
        List<JsonNode> messages = new ArrayList<>(envelope.path("batch").size());
        for (JsonNode message : envelope.path("batch")) {
            if (!message.isObject()) {
                messages.add(message);
                continue;
            }
            ObjectNode copy = null;
            if (batchContext.isObject() && !batchContext.isEmpty()) {
                JsonNode own = message.path("context");
                if (own.isObject() || own.isMissingNode() || own.isNull()) {
                    copy = message.deepCopy();
                    ObjectNode context = batchContext.deepCopy();
                    if (own.isObject()) {
                        context.setAll((ObjectNode) own.deepCopy());
                    }
                    copy.set("context", context);
                }
            }
            if (batchSentAt.isTextual() && !message.hasNonNull("sentAt")) {
                copy = copy == null ? message.deepCopy() : copy;
                copy.set("sentAt", batchSentAt);
            }
            messages.add(copy == null ? message : copy);
        }
        return messages;
    }

    /** The size of a message as JSON, as Segment measures its 32 KB limit. */
    static int sizeOf(JsonNode message) {
        return message.toString().getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * Validates and records the messages; waits until each one's event is stored. One visitor's
     * messages (same anonymousId, else userId) are recorded in the order sent, different visitors'
     * in parallel. A fault that is not a message's (event store down) propagates once the others
     * are done: the sender retries, and what was recorded is recognised by its messageId.
     *
     * @param impliedType the type a single-message endpoint stands for, or null when each message names its own
     * @param pathPrefix  prefix of field paths in errors, e.g. "batch" (gives "batch[3].event: …"), or null
     */
    public Outcome record(List<JsonNode> messages, String impliedType, String pathPrefix, Origin origin) {
        MetaData metaData = metaData(origin);
        Result[] results = new Result[messages.size()];
        Rejection[] rejections = new Rejection[messages.size()];
        Map<String, List<Integer>> byVisitor = new LinkedHashMap<>();
        ClickstreamMessage[] mapped = new ClickstreamMessage[messages.size()];
        for (int i = 0; i < messages.size(); i++) {
            int size = sizeOf(messages.get(i));
            if (size > MAX_MESSAGE_BYTES) {
                rejections[i] = new Rejection(i, messageIdOf(messages.get(i)), List.of((pathPrefix == null ? "message"
                        : pathPrefix + "[" + i + "]") + ": " + size + " bytes; at most " + MAX_MESSAGE_BYTES
                        + " (32 KB) per message"), true);
                continue;
            }
            try {
                mapped[i] = mapper.map(messages.get(i), impliedType, origin.receivedAt());
                byVisitor.computeIfAbsent(visitor(messages.get(i)), k -> new ArrayList<>()).add(i);
            } catch (InvalidClickstreamMessageException e) {
                String prefix = pathPrefix == null ? "" : pathPrefix + "[" + i + "].";
                rejections[i] = new Rejection(i, messageIdOf(messages.get(i)),
                        e.violations().stream().map(v -> prefix + v).toList(), false);
            }
        }
        Executor executor = byVisitor.size() == 1 ? Runnable::run : workers;
        List<CompletableFuture<Void>> work = byVisitor.values().stream()
                .map(indexes -> CompletableFuture.runAsync(
                        () -> recordInOrder(indexes, mapped, metaData, pathPrefix, results, rejections), executor))
                .toList();
        try {
            CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        List<Result> done = Arrays.stream(results).filter(Objects::nonNull).toList();
        return new Outcome(messages.size(), count(done, Result.RECORDED), count(done, Result.DUPLICATE),
                count(done, Result.IDENTIFIED), Arrays.stream(rejections).filter(Objects::nonNull).toList());
    }

    private void recordInOrder(List<Integer> indexes, ClickstreamMessage[] mapped, MetaData metaData, String pathPrefix,
                               Result[] results, Rejection[] rejections) {
        for (int i : indexes) {
            try {
                results[i] = record(mapped[i], metaData);
            } catch (RuntimeException e) {
                if (!isTheMessagesFault(e)) {
                    throw e;
                }
                rejections[i] = new Rejection(i, mapped[i].messageId(),
                        List.of((pathPrefix == null ? "message" : pathPrefix + "[" + i + "]") + ": rejected: " + e.getMessage()), false);
            }
        }
    }

    /** The key one visitor's messages share: the device or browser, else the member. */
    private static String visitor(JsonNode message) {
        JsonNode anonymousId = message.path("anonymousId");
        return anonymousId.isValueNode() && !anonymousId.asText().isBlank()
                ? "a:" + anonymousId.asText().strip()
                : "u:" + message.path("userId").asText("").strip();
    }

    private static int count(List<Result> results, Result wanted) {
        return (int) results.stream().filter(wanted::equals).count();
    }

    @PreDestroy
    void shutdown() {
        workers.shutdown();
    }

    enum Result { RECORDED, DUPLICATE, IDENTIFIED }

    /** Records one mapped message (the Kafka consumer validates first, to dead-letter what is invalid). */
    Result record(ClickstreamMessage message, MetaData metaData) {
        ClickstreamMessage.Order order = message.order();
        Boolean recorded = identities.dispatch(protect(message.identifiers()), resolved -> {
            if (order == null) {
                return new RecordInteractionCommand(resolved.customerId(), resolved.identifier(), message.interaction());
            }
            return order.cancelled()
                    ? new RecordOrderCancellationCommand(resolved.customerId(), resolved.identifier(), order.orderId(),
                    order.at(), order.currency(), order.lines(), order.channel(), null)
                    : new RecordOrderCommand(resolved.customerId(), resolved.identifier(), order.orderId(), order.at(),
                    order.currency(), order.lines(), order.channel(), null);
        }, metaData);
        if (!Boolean.TRUE.equals(recorded)) {
            return Result.DUPLICATE;
        }
        return message.isIdentify() ? Result.IDENTIFIED : Result.RECORDED;
    }

    /** Identity resolution refusing the identifiers, or the customer refusing the command: retrying changes nothing. */
    static boolean isTheMessagesFault(RuntimeException e) {
        return e instanceof IllegalArgumentException || AxonNonTransientException.isCauseOf(e);
    }

    ClickstreamMessage map(JsonNode message, Instant receivedAt) {
        return mapper.map(message, null, receivedAt);
    }

    MetaData metaData(Origin origin) {
        MetaData metaData = MetaData.with(AxonConfig.ISSUED_BY, origin.issuedBy())
                .and(AxonConfig.SOURCE, origin.source())
                .and(AxonConfig.RECEIVED_AT, origin.receivedAt().toString());
        return origin.requestId() == null ? metaData : metaData.and(AxonConfig.REQUEST_ID, origin.requestId());
    }

    static String messageIdOf(JsonNode message) {
        JsonNode id = message == null ? null : message.get("messageId");
        return id != null && id.isValueNode() && !id.isNull() ? id.asText() : null;
    }
}
