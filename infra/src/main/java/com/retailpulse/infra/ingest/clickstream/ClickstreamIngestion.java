package com.retailpulse.infra.ingest.clickstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.retailpulse.contracts.customer.RecordInteractionCommand;
import com.retailpulse.infra.config.AxonConfig;
import com.retailpulse.infra.identity.IdentityResolution;
import jakarta.annotation.PreDestroy;
import org.axonframework.common.AxonNonTransientException;
import org.axonframework.common.AxonThreadFactory;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Service;

import java.time.Clock;
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

    private final IdentityResolution identities;
    private final Clock clock;
    private final ClickstreamMapper mapper = new ClickstreamMapper();
    private final ExecutorService workers;

    public ClickstreamIngestion(IdentityResolution identities, Clock clock, ClickstreamSettings settings) {
        this.identities = identities;
        this.clock = clock;
        this.workers = Executors.newFixedThreadPool(settings.concurrency(), new AxonThreadFactory("clickstream-http"));
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
            try {
                mapped[i] = mapper.map(messages.get(i), impliedType);
                byVisitor.computeIfAbsent(visitor(messages.get(i)), k -> new ArrayList<>()).add(i);
            } catch (InvalidClickstreamMessageException e) {
                String prefix = pathPrefix == null ? "" : pathPrefix + "[" + i + "].";
                rejections[i] = new Rejection(i, messageIdOf(messages.get(i)),
                        e.violations().stream().map(v -> prefix + v).toList());
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
                        List.of((pathPrefix == null ? "message" : pathPrefix + "[" + i + "]") + ": rejected: " + e.getMessage()));
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
