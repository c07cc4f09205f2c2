package com.retailpulse.infra.channels;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailpulse.contracts.message.ChannelMessage;
import com.retailpulse.contracts.message.ReceiptKind;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Delivers one channel message at most once (docs/channels.md): claim it in the {@link DeliveryLedger},
 * rewrite its links to tracked links, hand it to the channel's provider with retries and exponential
 * backoff for faults that may pass, then record the answer: DELIVERED (ledger, then a DELIVERED receipt)
 * or dead-lettered (ledger, {@link DeadLetters} with the reason, then a FAILED receipt).
 *
 * <p>Remaining window: a crash after the provider accepted a message and before the ledger says so leaves
 * the claim SENDING; once older than the claim lease it is dead-lettered as interrupted, and a retry then
 * may send it a second time (the provider sees the same message id as its idempotency key).
 */
final class ChannelDelivery {

    enum Result {
        /** Handed to the provider now. */
        DELIVERED,
        /** Handed over before: nothing sent. */
        ALREADY_DELIVERED,
        /** Claimed by another delivery that has not answered yet: nothing sent. */
        IN_FLIGHT,
        /** Not delivered: dead-lettered now with the reason. */
        DEAD_LETTERED,
        /** Dead-lettered before: left for a retry. */
        ALREADY_DEAD
    }

    record Outcome(Result result, String providerMessageId, String reason, int attempts) {
    }

    /** A retry the dead letters cannot make: the message is unknown, unreadable, delivered or being delivered. */
    static final class RetryRefusedException extends RuntimeException {
        private final boolean notFound;

        RetryRefusedException(String message, boolean notFound) {
            super(message);
            this.notFound = notFound;
        }

        boolean notFound() {
            return notFound;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(ChannelDelivery.class);

    private final ChannelProviders providers;
    private final RecipientAddresses addresses;
    private final DeliveryLedger ledger;
    private final DeadLetters deadLetters;
    private final TrackedLinks links;
    private final Receipts receipts;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final RetryConfig retryConfig;
    private final Duration claimLease;

    ChannelDelivery(ChannelProviders providers, RecipientAddresses addresses, DeliveryLedger ledger, DeadLetters deadLetters,
                    TrackedLinks links, Receipts receipts, ObjectMapper mapper, Clock clock, ChannelSettings.Retry retry,
                    Duration claimLease) {
        this.providers = providers;
        this.addresses = addresses;
        this.ledger = ledger;
        this.deadLetters = deadLetters;
        this.links = links;
        this.receipts = receipts;
        this.mapper = mapper;
        this.clock = clock;
        this.claimLease = claimLease;
        this.retryConfig = retryConfig(retry);
    }

    /** Attempts with exponential backoff, again only after a {@link ProviderException} that may pass. */
    static RetryConfig retryConfig(ChannelSettings.Retry retry) {
        return RetryConfig.custom()
                .maxAttempts(retry.attempts())
                .intervalFunction(IntervalFunction.ofExponentialBackoff(retry.initialInterval(), retry.multiplier(), retry.maxInterval()))
                .retryOnException(e -> e instanceof ProviderException failure && failure.retryable())
                .failAfterMaxAttempts(false)
                .build();
    }

    /** Delivers a message read from its topic ({@code origin} names where, for the receipt's metadata). */
    Outcome deliver(ChannelMessage message, String origin) {
        Document stored = document(message);
        DeliveryLedger.Claim claim = ledger.claim(message.messageId().value(), message.channel().code(), message.customerId(), stored);
        if (!claim.won()) {
            return switch (claim.status()) {
                case DELIVERED -> {
                    // The receipt may be what a crash lost last time; the customer records it once.
                    deliveredReceipt(message, claim.providerMessageId(), Receipts.SYSTEM, origin);
                    yield new Outcome(Result.ALREADY_DELIVERED, claim.providerMessageId(), null, 0);
                }
                case DEAD -> new Outcome(Result.ALREADY_DEAD, null, null, 0);
                case SENDING -> new Outcome(Result.IN_FLIGHT, null, null, 0);
            };
        }
        return send(message, stored, false, Receipts.SYSTEM, origin);
    }

    /** Sends a dead-lettered message again, for {@code issuer}; still at most once delivered. */
    Outcome retry(String messageId, String issuer, String source) {
        DeadLetters.Letter letter = deadLetters.find(messageId).orElseThrow(() ->
                new RetryRefusedException("no dead letter for message " + messageId, true));
        if (letter.message() == null) {
            throw new RetryRefusedException("dead letter " + messageId + " is not a readable channel message and cannot be sent again: "
                    + letter.reason(), false);
        }
        ChannelMessage message;
        try {
            message = mapper.readValue(letter.message().toJson(), ChannelMessage.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new RetryRefusedException("dead letter " + messageId + " no longer reads as a channel message: " + e.getMessage(), false);
        }
        if (!ledger.reclaimDead(messageId)) {
            DeliveryLedger.Status status = ledger.status(messageId);
            if (status == DeliveryLedger.Status.DELIVERED) {
                deadLetters.remove(messageId);
                throw new RetryRefusedException("message " + messageId + " was delivered already", false);
            }
            if (status == DeliveryLedger.Status.SENDING) {
                throw new RetryRefusedException("message " + messageId + " is being delivered right now", false);
            }
            if (status == null && !ledger.claim(messageId, message.channel().code(), message.customerId(), letter.message()).won()) {
                throw new RetryRefusedException("message " + messageId + " was claimed by another delivery meanwhile", false);
            }
        }
        log.info("Retrying dead-lettered {} message {} for {}", message.channel().code(), messageId, issuer);
        return send(message, letter.message(), true, issuer, source);
    }

    private Outcome send(ChannelMessage message, Document stored, boolean isRetry, String issuer, String source) {
        String id = message.messageId().value();
        ChannelProvider provider = providers.of(message.channel()).orElse(null);
        if (provider == null) {
            return deadLetter(message, stored, "no provider configured for channel " + message.channel().code(), 0, isRetry, issuer, source);
        }
        ChannelMessage addressed;
        try {
            // the number or address, opened only now: the ledger and the dead letters keep the pseudonym
            addressed = addresses.addressed(message);
        } catch (ProviderException e) {
            return deadLetter(message, stored, e.getMessage(), 0, isRetry, issuer, source);
        }
        ChannelMessage tracked = new ChannelMessage(message.messageId(), message.customerId(), message.channel(), addressed.recipient(),
                message.title(), links.rewrite(message), message.offerId(), message.couponCode(), message.source(), message.acceptedAt());
        AtomicInteger attempts = new AtomicInteger();
        Retry retry = Retry.of(message.channel().code() + ":" + id, retryConfig);
        String providerId;
        try {
            providerId = retry.executeSupplier(() -> {
                attempts.incrementAndGet();
                return provider.deliver(tracked);
            });
        } catch (ProviderException e) {
            String reason = e.getMessage() + (e.retryable() ? " (gave up after " + attempts.get() + " attempts)" : "");
            return deadLetter(message, stored, reason, attempts.get(), isRetry, issuer, source);
        } catch (RuntimeException e) {
            String reason = provider + " failed: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
            log.error("{} message {}: {}", message.channel().code(), id, reason, e);
            return deadLetter(message, stored, reason, attempts.get(), isRetry, issuer, source);
        }
        ledger.delivered(id, providerId, attempts.get());
        if (isRetry) {
            deadLetters.remove(id);
        }
        deliveredReceipt(message, providerId, issuer, source);
        return new Outcome(Result.DELIVERED, providerId, null, attempts.get());
    }

    private Outcome deadLetter(ChannelMessage message, Document stored, String reason, int attempts, boolean isRetry,
                               String issuer, String source) {
        String id = message.messageId().value();
        log.warn("{} message {} dead-lettered after {} attempt(s): {}", message.channel().code(), id, attempts, reason);
        deadLetters.put(id, message.channel().code(), message.customerId(), stored, reason, attempts, isRetry);
        ledger.dead(id, reason, attempts);
        try {
            receipts.record(message.customerId(), message.messageId(), message.channel(), ReceiptKind.FAILED, reason, clock.instant(),
                    issuer, source);
        } catch (RuntimeException e) {
            log.error("{} message {}: the FAILED receipt was not recorded: {}", message.channel().code(), id, e.getMessage());
        }
        return new Outcome(Result.DEAD_LETTERED, null, reason, attempts);
    }

    private void deliveredReceipt(ChannelMessage message, String providerId, String issuer, String source) {
        String id = message.messageId().value();
        try {
            receipts.record(message.customerId(), message.messageId(), message.channel(), ReceiptKind.DELIVERED, providerId,
                    clock.instant(), issuer, source);
        } catch (Receipts.UnknownMessageException e) {
            // Delivered all the same: whatever put it on the topic bypassed the customer's guardrails.
            log.error("{} message {} was delivered but the customer refused its receipt: {}", message.channel().code(), id, e.getMessage());
            ledger.receiptProblem(id, e.getMessage());
        } catch (RuntimeException e) {
            log.warn("{} message {} delivered; its receipt is not recorded yet ({}), it is sent again when the message is read again",
                    message.channel().code(), id, e.getMessage());
            ledger.receiptProblem(id, e.getMessage());
        }
    }

    /** A record that is not a channel message for its topic: kept as text with the reason, never retried. */
    void unreadable(String origin, String channel, String raw, String reason) {
        log.warn("Channel record {} dead-lettered: {}", origin, reason);
        deadLetters.putUnreadable(origin, channel, raw, reason);
    }

    /**
     * Claims whose claimant stopped (a crash, a kill) before recording the provider's answer: after the
     * claim lease they are dead-lettered as interrupted, so they are neither lost nor sent again unasked.
     */
    int expireStaleClaims() {
        Instant before = clock.instant().minus(claimLease);
        int expired = 0;
        for (Document claim : ledger.staleClaims(before, 100)) {
            String reason = "interrupted: claimed at " + claim.getDate("claimedAt").toInstant() + " by " + claim.getString("claimedBy")
                    + ", which stopped before recording the provider's answer; the provider may have it already, check before retrying";
            if (!ledger.expire(claim, reason)) {
                continue;
            }
            expired++;
            String id = claim.getString("_id");
            Document stored = claim.get("message", Document.class);
            deadLetters.put(id, claim.getString("channel"), claim.getString("customerId"), stored, reason, 0, false);
            try {
                ChannelMessage message = mapper.readValue(stored.toJson(), ChannelMessage.class);
                receipts.record(message.customerId(), message.messageId(), message.channel(), ReceiptKind.FAILED, reason, clock.instant(),
                        Receipts.SYSTEM, "channels:claim-lease");
            } catch (JsonProcessingException | RuntimeException e) {
                log.error("Interrupted message {}: the FAILED receipt was not recorded: {}", id, e.getMessage());
            }
            log.warn("Message {} dead-lettered: {}", id, reason);
        }
        return expired;
    }

    private Document document(ChannelMessage message) {
        try {
            return Document.parse(mapper.writeValueAsString(message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write channel message " + message.messageId() + ": " + e.getMessage(), e);
        }
    }
}
