package com.retailpulse.projections.interaction;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The {@code customer} document of the interactions index: what the projection must remember about one
 * customer record to write its facts (the segments it is in now, the store it last bought in, its recent
 * messages for attributing orders, the last of its events applied), and what store insights aggregate over
 * (stores, order channels, categories bought, channels it engaged with messages on).
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonIgnoreProperties(ignoreUnknown = true)
final class CustomerFacts {

    /** Orders on this channel are placed in a store; every other channel counts as buying online (or in an app). */
    static final String IN_STORE_CHANNEL = "pos";
    /** Recent messages kept for attribution; older ones cannot win against a newer delivery anyway. */
    static final int RECENT_MESSAGES = 20;
    /** Distinct categories kept for store insights. */
    static final int MAX_CATEGORIES = 50;

    /** A message the customer was sent, with what an order attributed to it inherits. */
    record RecentMessage(String messageId, String channel, String kind, String key, Integer version, String step, String arm,
                         List<String> segments, Instant acceptedAt, Instant deliveredAt) {
        RecentMessage delivered(Instant at) {
            return new RecentMessage(messageId, channel, kind, key, version, step, arm, segments, acceptedAt,
                    deliveredAt == null ? at : deliveredAt);
        }
    }

    String type = InteractionFacts.CUSTOMER;
    String customerId;
    /** The aggregate sequence number of the last event of this customer applied: redelivered events are skipped. */
    long seq = -1;
    List<String> segments = new ArrayList<>();
    /** The store of the most recent order that named one. */
    String homeStore;
    List<String> stores = new ArrayList<>();
    List<String> orderChannels = new ArrayList<>();
    List<String> categories = new ArrayList<>();
    List<String> engagedChannels = new ArrayList<>();
    long orders;
    long storeOrders;
    long onlineOrders;
    List<RecentMessage> messages = new ArrayList<>();

    CustomerFacts() {
    }

    static CustomerFacts empty(String customerId) {
        CustomerFacts facts = new CustomerFacts();
        facts.customerId = customerId;
        return facts;
    }

    void entered(String segment) {
        segments = add(segments, segment, Integer.MAX_VALUE);
    }

    void left(String segment) {
        segments = new ArrayList<>(segments);
        segments.remove(segment);
    }

    void sent(RecentMessage message) {
        messages = new ArrayList<>(messages);
        messages.removeIf(m -> m.messageId().equals(message.messageId()));
        messages.add(message);
        messages.sort(Comparator.comparing(RecentMessage::acceptedAt));
        while (messages.size() > RECENT_MESSAGES) {
            messages.remove(0);
        }
    }

    void delivered(String messageId, Instant at) {
        messages = new ArrayList<>(messages.stream().map(m -> m.messageId().equals(messageId) ? m.delivered(at) : m).toList());
    }

    void engaged(String channel) {
        engagedChannels = add(engagedChannels, channel, Integer.MAX_VALUE);
    }

    void ordered(String storeId, String channel, List<String> orderCategories) {
        orders++;
        if (storeId != null && !storeId.isBlank()) {
            homeStore = storeId;
            stores = add(stores, storeId, Integer.MAX_VALUE);
        }
        if (channel != null && !channel.isBlank()) {
            orderChannels = add(orderChannels, channel, Integer.MAX_VALUE);
            if (IN_STORE_CHANNEL.equals(channel)) {
                storeOrders++;
            } else {
                onlineOrders++;
            }
        }
        for (String category : orderCategories) {
            categories = add(categories, category, MAX_CATEGORIES);
        }
    }

    /**
     * The message an order placed at {@code placedAt} converts for: the one delivered last at or before it,
     * and after {@code placedAt - window}.
     */
    Optional<RecentMessage> attribution(Instant placedAt, java.time.Duration window) {
        Instant earliest = placedAt.minus(window);
        return messages.stream()
                .filter(m -> m.deliveredAt() != null && !m.deliveredAt().isAfter(placedAt) && m.deliveredAt().isAfter(earliest))
                .max(Comparator.comparing(RecentMessage::deliveredAt).thenComparing(RecentMessage::messageId));
    }

    private static List<String> add(List<String> values, String value, int max) {
        if (value == null || value.isBlank() || values.contains(value) || values.size() >= max) {
            return values;
        }
        TreeSet<String> sorted = new TreeSet<>(values);
        sorted.add(value);
        return new ArrayList<>(sorted);
    }
}
