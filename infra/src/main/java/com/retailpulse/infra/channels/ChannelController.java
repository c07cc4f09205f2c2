package com.retailpulse.infra.channels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailpulse.contracts.message.Channel;
import com.retailpulse.contracts.message.MessageId;
import com.retailpulse.contracts.message.ReceiptKind;
import com.retailpulse.infra.web.InvalidRequestException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Channel receipts and dead letters (docs/channels.md): providers report receipts (INGEST); auditors and
 * admins read the dead letters; an admin sends one again once its provider is back.
 */
@RestController
@RequestMapping("/api/v1/channels")
class ChannelController {

    /** A provider's callback, as received: every field checked here, each problem named. */
    record ReceiptRequest(String messageId, String customerId, String channel, String kind, String detail, String occurredAt) {
    }

    record ReceiptView(String messageId, String customerId, String channel, String kind, String detail, Instant occurredAt,
                       boolean recorded) {
    }

    record DeadLetterView(String messageId, String channel, String customerId, String reason, int attempts, int retries, Instant at,
                          JsonNode message, String raw) {
    }

    record DeadLettersView(List<DeadLetterView> deadLetters) {
    }

    record RetryView(String messageId, String status, String providerMessageId, int attempts) {
    }

    private static final int MAX_DETAIL = 2000;
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final Receipts receipts;
    private final DeadLetters deadLetters;
    private final ChannelDelivery delivery;
    private final ObjectMapper mapper;
    private final Clock clock;

    ChannelController(Receipts receipts, DeadLetters deadLetters, ChannelDelivery delivery, ObjectMapper mapper, Clock clock) {
        this.receipts = receipts;
        this.deadLetters = deadLetters;
        this.delivery = delivery;
        this.mapper = mapper;
        this.clock = clock;
    }

    @PostMapping("/receipts")
    ReceiptView receipt(@RequestBody(required = false) ReceiptRequest request, Principal principal) {
        if (request == null) {
            throw new InvalidRequestException("Invalid receipt", List.of("body: a JSON receipt is required"));
        }
        List<String> errors = new ArrayList<>();
        MessageId messageId = null;
        try {
            messageId = MessageId.of(request.messageId());
        } catch (RuntimeException e) {
            errors.add("messageId: required, 1 to 200 characters");
        }
        if (request.customerId() == null || request.customerId().isBlank()) {
            errors.add("customerId: required");
        }
        Channel channel = Channel.fromCode(request.channel()).orElse(null);
        if (channel == null) {
            errors.add("channel: " + (request.channel() == null ? "required" : "unknown '" + request.channel() + "'") + "; known: " + Channel.codes());
        }
        ReceiptKind kind = null;
        try {
            kind = ReceiptKind.ofCode(request.kind());
        } catch (IllegalArgumentException e) {
            errors.add("kind: " + (request.kind() == null ? "required; known: delivered, opened, clicked, failed" : e.getMessage()));
        }
        if (request.detail() != null && request.detail().length() > MAX_DETAIL) {
            errors.add("detail: at most " + MAX_DETAIL + " characters, got " + request.detail().length());
        }
        Instant now = clock.instant();
        Instant occurredAt = now;
        if (request.occurredAt() != null) {
            try {
                occurredAt = Instant.parse(request.occurredAt().strip());
                if (occurredAt.isAfter(now.plus(CLOCK_SKEW))) {
                    errors.add("occurredAt: in the future (" + occurredAt + ", now " + now + ")");
                }
            } catch (DateTimeParseException e) {
                errors.add("occurredAt: an ISO-8601 instant such as 2026-11-20T10:15:00Z, got '" + request.occurredAt() + "'");
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("Invalid receipt", errors);
        }
        boolean recorded = receipts.record(request.customerId().strip(), messageId, channel, kind, request.detail(), occurredAt,
                principal.getName(), "http:/api/v1/channels/receipts");
        return new ReceiptView(messageId.value(), request.customerId().strip(), channel.code(), kind.code(), request.detail(), occurredAt,
                recorded);
    }

    @GetMapping("/dead-letters")
    DeadLettersView deadLetters(@RequestParam(required = false) String channel, @RequestParam(defaultValue = "100") int limit) {
        if (channel != null && Channel.fromCode(channel).isEmpty()) {
            throw new InvalidRequestException("Invalid dead-letter query", List.of("channel: unknown '" + channel + "'; known: " + Channel.codes()));
        }
        String code = channel == null ? null : Channel.fromCode(channel).get().code();
        List<DeadLetterView> views = deadLetters.list(code, Limits.check(limit)).stream().map(this::view).toList();
        return new DeadLettersView(views);
    }

    @PostMapping("/dead-letters/{messageId}/retries")
    ResponseEntity<Object> retry(@PathVariable String messageId, Principal principal) {
        ChannelDelivery.Outcome outcome = delivery.retry(messageId, principal.getName(),
                "http:/api/v1/channels/dead-letters/" + messageId + "/retries");
        if (outcome.result() == ChannelDelivery.Result.DELIVERED) {
            return ResponseEntity.ok(new RetryView(messageId, "delivered", outcome.providerMessageId(), outcome.attempts()));
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, outcome.reason());
        problem.setTitle("Still not delivered");
        problem.setProperty("messageId", messageId);
        problem.setProperty("attempts", outcome.attempts());
        return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(problem);
    }

    private DeadLetterView view(DeadLetters.Letter letter) {
        JsonNode message;
        try {
            message = letter.message() == null ? null : mapper.readTree(letter.message().toJson());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("dead letter " + letter.id() + " holds unreadable JSON", e);
        }
        return new DeadLetterView(letter.id(), letter.channel(), letter.customerId(), letter.reason(), letter.attempts(), letter.retries(),
                letter.at(), message, letter.raw());
    }
}
