package com.retailpulse.command.customer;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.retailpulse.contracts.message.Channel;
import com.retailpulse.contracts.message.MessageOutcome;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;

/**
 * A customer's memory of messages: what was decided for each message id (so a retried request is
 * never sent twice), the messages sent in the last week (for caps and priority), and the receipts
 * recorded (so a provider's repeated receipt counts once). Part of the Customer aggregate's state.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE)
final class MessageLedger {

    /** Message ids remembered, newest last: far more than a week of messages under any cap. */
    static final int REMEMBERED_MESSAGES = 2_000;
    static final Duration WEEK = Duration.ofDays(7);

    private LinkedHashMap<String, Decision> decisions = new LinkedHashMap<>();
    private List<Sent> sent = new ArrayList<>();
    private Set<String> receipts = new HashSet<>();

    record Decision(MessageOutcome outcome, Instant deferredUntil) {
    }

    record Sent(String messageId, Channel channel, int priority, String source, Instant at) {
    }

    Decision decision(String messageId) {
        return decisions.get(messageId);
    }

    boolean wasSent(String messageId) {
        Decision d = decisions.get(messageId);
        return d != null && d.outcome() == MessageOutcome.ACCEPTED;
    }

    void decided(String messageId, MessageOutcome outcome, Instant deferredUntil) {
        decisions.remove(messageId);
        decisions.put(messageId, new Decision(outcome, deferredUntil));
        if (decisions.size() > REMEMBERED_MESSAGES) {
            Iterator<String> oldest = decisions.keySet().iterator();
            String id = oldest.next();
            oldest.remove();
            receipts.removeIf(key -> key.startsWith(id + "|"));
        }
    }

    void sent(Sent message) {
        sent.removeIf(s -> s.at().isBefore(message.at().minus(WEEK)));
        sent.add(message);
    }

    /** Messages counted against caps (every channel but the webhook) since {@code from}; {@code channel} null for all. */
    long count(Channel channel, Instant from) {
        return sent.stream()
                .filter(s -> s.channel() != Channel.WEBHOOK && !s.at().isBefore(from))
                .filter(s -> channel == null || s.channel() == channel)
                .count();
    }

    /** The message of highest priority above {@code priority} sent since {@code from}, if any. */
    Sent outranking(int priority, Instant from) {
        Sent best = null;
        for (Sent s : sent) {
            if (!s.at().isBefore(from) && s.priority() > priority && (best == null || s.priority() > best.priority())) {
                best = s;
            }
        }
        return best;
    }

    boolean isNewReceipt(String key) {
        return !receipts.contains(key);
    }

    void recordReceipt(String key) {
        receipts.add(key);
    }
}
