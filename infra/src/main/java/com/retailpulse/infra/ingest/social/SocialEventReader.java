package com.retailpulse.infra.ingest.social;

import com.fasterxml.jackson.databind.JsonNode;
import com.retailpulse.contracts.customer.CustomerIdentifier;
import com.retailpulse.contracts.customer.CustomerInteraction;
import com.retailpulse.contracts.customer.IdentifierType;
import com.retailpulse.contracts.customer.SocialAction;
import com.retailpulse.infra.ingest.social.InvalidSocialEventException.Problem;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads one social event ({@code interactionId, platform, openId, unionId, action, target,
 * occurredAt}) into the identifiers it names and the interaction to record. Anything else in the
 * event, a comment's text above all, is dropped: it is free text that may hold personal data.
 */
public final class SocialEventReader {

    static final int MAX_ID_LENGTH = 128;
    static final int MAX_TARGET_LENGTH = 256;
    /** Events from platform webhooks are small; this bounds a runaway comment or a wrong payload. */
    static final int MAX_EVENT_BYTES = 32 * 1024;
    static final Duration MAX_CLOCK_AHEAD = Duration.ofDays(1);
    private static final Pattern PLATFORM = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,31}");
    private static final Map<String, SocialAction> ALIASES = Map.of(
            "LIVE_ROOM_JOIN", SocialAction.LIVE_ROOM_JOINED,
            "LIVE_ROOM_INTERACTION", SocialAction.LIVE_ROOM_INTERACTED);

    private SocialEventReader() {
    }

    /** What to record, on whom. */
    public record SocialEvent(List<CustomerIdentifier> identifiers, CustomerInteraction.Social interaction) {
    }

    /**
     * @param size the event's size in bytes as received
     * @param now  the time it was received: events more than a day ahead of it are refused
     * @throws InvalidSocialEventException naming each field that breaks the contract
     */
    public static SocialEvent read(JsonNode event, int size, Instant now) {
        if (event == null || !event.isObject()) {
            throw new InvalidSocialEventException(null, List.of(new Problem("(event)", "an event must be a JSON object")));
        }
        List<Problem> problems = new ArrayList<>();
        String interactionId = text(event, "interactionId", MAX_ID_LENGTH, true, problems);
        if (size > MAX_EVENT_BYTES) {
            throw new InvalidSocialEventException(interactionId, List.of(new Problem("(event)",
                    "at most " + MAX_EVENT_BYTES + " bytes per event, got " + size)));
        }
        String platform = text(event, "platform", 32, true, problems);
        if (platform != null) {
            platform = platform.toLowerCase(Locale.ROOT);
            if (!PLATFORM.matcher(platform).matches()) {
                problems.add(new Problem("platform", "must be a short lower-case name such as wechat, douyin or weibo"));
                platform = null;
            }
        }
        String openId = text(event, "openId", MAX_ID_LENGTH, false, problems);
        String unionId = text(event, "unionId", MAX_ID_LENGTH, false, problems);
        if (openId == null && unionId == null && !event.hasNonNull("openId") && !event.hasNonNull("unionId")) {
            problems.add(new Problem("openId", "openId or unionId is required"));
        }
        SocialAction action = action(event, problems);
        String target = text(event, "target", MAX_TARGET_LENGTH, false, problems);
        Instant occurredAt = occurredAt(event, now, problems);
        if (!problems.isEmpty()) {
            throw new InvalidSocialEventException(interactionId, problems);
        }
        List<CustomerIdentifier> identifiers = new ArrayList<>();
        if (unionId != null) {
            identifiers.add(new CustomerIdentifier(IdentifierType.UNIONID, platform + ":" + unionId));
        }
        if (openId != null) {
            identifiers.add(new CustomerIdentifier(IdentifierType.OPENID, platform + ":" + openId));
        }
        return new SocialEvent(identifiers, new CustomerInteraction.Social(interactionId, occurredAt, platform, action, target));
    }

    private static SocialAction action(JsonNode event, List<Problem> problems) {
        String value = text(event, "action", 64, true, problems);
        if (value == null) {
            return null;
        }
        String normalized = value.toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        if (ALIASES.containsKey(normalized)) {
            return ALIASES.get(normalized);
        }
        try {
            return SocialAction.valueOf(normalized);
        } catch (IllegalArgumentException e) {
            problems.add(new Problem("action", "unknown action '" + value + "'; known actions: " + Arrays.stream(SocialAction.values())
                    .map(a -> a.name().toLowerCase(Locale.ROOT).replace('_', '-')).collect(Collectors.joining(", "))));
            return null;
        }
    }

    private static Instant occurredAt(JsonNode event, Instant now, List<Problem> problems) {
        String value = text(event, "occurredAt", 64, true, problems);
        if (value == null) {
            return null;
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            problems.add(new Problem("occurredAt", "must be an ISO-8601 time with an offset, e.g. 2026-11-20T10:15:00+08:00, got '" + value + "'"));
            return null;
        }
        if (at.isAfter(now.plus(MAX_CLOCK_AHEAD))) {
            problems.add(new Problem("occurredAt", "more than a day in the future: " + value));
            return null;
        }
        return at;
    }

    private static String text(JsonNode event, String field, int maxLength, boolean required, List<Problem> problems) {
        JsonNode node = event.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                problems.add(new Problem(field, "missing"));
            }
            return null;
        }
        if (!node.isTextual()) {
            problems.add(new Problem(field, "must be a string"));
            return null;
        }
        String value = node.asText().strip();
        if (value.isEmpty()) {
            problems.add(new Problem(field, "must not be blank"));
            return null;
        }
        if (value.length() > maxLength) {
            problems.add(new Problem(field, "at most " + maxLength + " characters, got " + value.length()));
            return null;
        }
        return value;
    }
}
