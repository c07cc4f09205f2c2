package com.retailpulse.infra.attribution;

import com.retailpulse.contracts.customer.CampaignHoldoutAssignedEvent;
import com.retailpulse.contracts.customer.CustomerMergedIntoEvent;
import com.retailpulse.contracts.customer.CustomerUnmergedEvent;
import com.retailpulse.contracts.customer.MessageAcceptedEvent;
import com.retailpulse.contracts.customer.MessageClickedEvent;
import com.retailpulse.contracts.customer.MessageDeferredEvent;
import com.retailpulse.contracts.customer.MessageDeliveredEvent;
import com.retailpulse.contracts.customer.MessageOpenedEvent;
import com.retailpulse.contracts.customer.MessageSuppressedEvent;
import com.retailpulse.contracts.customer.OrderPlacedEvent;
import com.retailpulse.contracts.message.MessageSource;
import com.retailpulse.intelligence.attribution.Conversion;
import com.retailpulse.intelligence.attribution.CustomerHistory;
import com.retailpulse.intelligence.attribution.Touch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What an attribution needs from the stored events, collected in one pass over the event store: every
 * message with its source and the times of its receipts, every order, the campaigns' treatment and holdout
 * assignments, and the merges (so that a record merged into another counts as that customer, as it stood
 * at the end of the replayed stream).
 */
final class StoredHistory {

    /** The payload types read; every other event is skipped without being deserialised. */
    static final Set<Class<?>> READ = Set.of(MessageAcceptedEvent.class, MessageDeliveredEvent.class, MessageOpenedEvent.class,
            MessageClickedEvent.class, MessageSuppressedEvent.class, MessageDeferredEvent.class, OrderPlacedEvent.class,
            CampaignHoldoutAssignedEvent.class, CustomerMergedIntoEvent.class, CustomerUnmergedEvent.class);

    private static final class Message {
        final String customer;
        final String channel;
        final MessageSource source;
        final Instant accepted;
        Instant delivered;
        Instant opened;
        Instant clicked;

        Message(String customer, String channel, MessageSource source, Instant accepted) {
            this.customer = customer;
            this.channel = channel;
            this.source = source;
            this.accepted = accepted;
        }
    }

    /** A customer put in a campaign's treatment (a message decided for them) or holdout, first at {@code at}. */
    record Assignment(String campaign, String customer, boolean holdout, Instant at) {
    }

    private final Map<String, Message> messages = new HashMap<>();
    private final Map<String, List<Conversion>> orders = new HashMap<>();
    private final Set<String> orderIds = new HashSet<>();
    private final List<Map.Entry<Instant, String>> orderCurrencies = new ArrayList<>();
    private final Map<String, Assignment> assignments = new HashMap<>();
    private final Map<String, String> mergedInto = new HashMap<>();

    void add(Object event) {
        if (event instanceof MessageAcceptedEvent e) {
            messages.putIfAbsent(e.request().messageId().value(), new Message(e.customerId().value(),
                    e.request().channel().code(), e.request().source(), e.acceptedAt()));
            treated(e.request().source(), e.customerId().value(), e.acceptedAt());
        } else if (event instanceof MessageDeliveredEvent e) {
            receipt(e.messageId().value(), 1, e.occurredAt());
        } else if (event instanceof MessageOpenedEvent e) {
            receipt(e.messageId().value(), 2, e.occurredAt());
        } else if (event instanceof MessageClickedEvent e) {
            receipt(e.messageId().value(), 3, e.occurredAt());
        } else if (event instanceof MessageSuppressedEvent e) {
            treated(e.source(), e.customerId().value(), e.suppressedAt());
        } else if (event instanceof MessageDeferredEvent e) {
            treated(e.request().source(), e.customerId().value(), e.deferredAt());
        } else if (event instanceof OrderPlacedEvent e) {
            if (orderIds.add(e.customerId().value() + "/" + e.orderId())) {
                orders.computeIfAbsent(e.customerId().value(), c -> new ArrayList<>())
                        .add(new Conversion(e.orderId(), e.placedAt(), e.total().doubleValue()));
                orderCurrencies.add(Map.entry(e.placedAt(), String.valueOf(e.currency())));
            }
        } else if (event instanceof CampaignHoldoutAssignedEvent e) {
            assignments.putIfAbsent(e.campaignId().value() + "/" + e.customerId().value(),
                    new Assignment(e.campaignId().value(), e.customerId().value(), true, e.assignedAt()));
        } else if (event instanceof CustomerMergedIntoEvent e) {
            mergedInto.put(e.customerId().value(), e.survivor().value());
        } else if (event instanceof CustomerUnmergedEvent e) {
            mergedInto.remove(e.restored().value());
        }
    }

    private void receipt(String messageId, int level, Instant at) {
        Message m = messages.get(messageId);
        if (m == null) {
            return;
        }
        if (level == 1) {
            m.delivered = earlier(m.delivered, at);
        } else if (level == 2) {
            m.opened = earlier(m.opened, at);
        } else {
            m.clicked = earlier(m.clicked, at);
        }
    }

    private static Instant earlier(Instant current, Instant at) {
        return current == null || at.isBefore(current) ? at : current;
    }

    private void treated(MessageSource source, String customer, Instant at) {
        if (source != null && MessageSource.CAMPAIGN.equals(source.kind())) {
            assignments.putIfAbsent(source.key() + "/" + customer, new Assignment(source.key(), customer, false, at));
        }
    }

    /** The customer a record belongs to at the end of the stream. */
    String customer(String record) {
        String current = record;
        for (int hops = 0; hops < 64; hops++) {
            String next = mergedInto.get(current);
            if (next == null || next.equals(current)) {
                return current;
            }
            current = next;
        }
        return current;
    }

    /**
     * Each customer's touches and orders. A message is a touch from its first receipt at or beyond
     * {@code touch} (accepted, delivered, opened, clicked: an open counts as delivered, a click as both),
     * credited to its {@code groupBy}.
     */
    List<CustomerHistory> histories(String touch, String groupBy) {
        int level = AttributionDefinition.TOUCHES.indexOf(touch);
        Map<String, List<Touch>> touches = new TreeMap<>();
        messages.forEach((id, m) -> {
            Instant at = touchedAt(m, level);
            if (at != null) {
                touches.computeIfAbsent(customer(m.customer), c -> new ArrayList<>()).add(new Touch(id, group(m, groupBy), at));
            }
        });
        Map<String, List<Conversion>> conversions = new TreeMap<>();
        orders.forEach((record, list) -> conversions.computeIfAbsent(customer(record), c -> new ArrayList<>()).addAll(list));
        Set<String> customers = new java.util.TreeSet<>(touches.keySet());
        customers.addAll(conversions.keySet());
        List<CustomerHistory> out = new ArrayList<>(customers.size());
        for (String c : customers) {
            out.add(new CustomerHistory(c, touches.getOrDefault(c, List.of()), conversions.getOrDefault(c, List.of())));
        }
        return out;
    }

    /** The orders of a customer (merged records included), for the holdout comparison. */
    Map<String, List<Conversion>> ordersByCustomer() {
        Map<String, List<Conversion>> byCustomer = new HashMap<>();
        orders.forEach((record, list) -> byCustomer.computeIfAbsent(customer(record), c -> new ArrayList<>()).addAll(list));
        return byCustomer;
    }

    /** Campaign assignments, each customer once per campaign (their first), resolved to the surviving customer. */
    List<Assignment> assignments() {
        Map<String, Assignment> byCustomer = new TreeMap<>();
        assignments.values().forEach(a -> byCustomer.merge(a.campaign() + "/" + customer(a.customer()),
                new Assignment(a.campaign(), customer(a.customer()), a.holdout(), a.at()),
                (x, y) -> x.at().isAfter(y.at()) ? y : x));
        return List.copyOf(byCustomer.values());
    }

    private static Instant touchedAt(Message m, int level) {
        Instant at = null;
        Instant[] stages = {m.accepted, m.delivered, m.opened, m.clicked};
        for (int i = level; i < stages.length; i++) {
            if (stages[i] != null && (at == null || stages[i].isBefore(at))) {
                at = stages[i];
            }
        }
        return at;
    }

    private static String group(Message m, String groupBy) {
        MessageSource s = m.source;
        return switch (groupBy) {
            case "source" -> s == null ? "unknown" : s.kind() + ":" + s.key();
            case "step" -> s == null ? "unknown" : s.kind() + ":" + s.key() + "/" + (s.step() == null ? "-" : s.step());
            default -> m.channel;
        };
    }

    /**
     * The currencies of the orders placed from {@code from} (inclusive) to {@code to} (exclusive): revenue is
     * summed as recorded, so a reader can format it in its currency when there is one, and knows when there is not.
     */
    List<String> currencies(Instant from, Instant to) {
        return orderCurrencies.stream().filter(o -> !o.getKey().isBefore(from) && o.getKey().isBefore(to))
                .map(Map.Entry::getValue).distinct().sorted().toList();
    }

    int messages() {
        return messages.size();
    }
}
