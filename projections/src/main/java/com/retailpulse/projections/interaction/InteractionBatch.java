package com.retailpulse.projections.interaction;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The facts one batch of events produces, collected in memory and written once. Facts go first and the
 * customers' documents (with the last event applied) after them: a customer document never claims an
 * event whose facts are not written, so skipping events it claims after a crash loses nothing.
 */
final class InteractionBatch {

    private final InteractionFacts facts;
    private final Map<String, CustomerFacts> customers = new LinkedHashMap<>();
    private final Set<String> changed = new LinkedHashSet<>();
    private final Map<String, Map<String, Object>> upserts = new LinkedHashMap<>();
    private final Map<String, Object> documents = new LinkedHashMap<>();

    InteractionBatch(InteractionFacts facts) {
        this.facts = facts;
    }

    void preload(Collection<String> customerIds) {
        customers.putAll(facts.customers(customerIds.stream().filter(id -> !customers.containsKey(id)).toList()));
    }

    /** Applies a customer's event {@code sequence} unless their document shows it applied already. */
    void customerEvent(String customerId, long sequence, Consumer<CustomerFacts> change) {
        CustomerFacts customer = customers.computeIfAbsent(customerId, id -> facts.customers(Set.of(id)).get(id));
        if (sequence <= customer.seq) {
            return; // written before a crash or a rebalance: redelivery changes nothing
        }
        change.accept(customer);
        customer.seq = sequence;
        changed.add(customerId);
    }

    /** Merges {@code fields} into document {@code id} (created if missing). */
    void upsert(String id, Map<String, Object> fields) {
        upserts.computeIfAbsent(id, k -> new LinkedHashMap<>()).putAll(fields);
    }

    /** Writes document {@code id} whole. */
    void put(String id, Map<String, Object> document) {
        documents.put(id, document);
    }

    void flush() {
        facts.write(upserts, documents);
        Map<String, Object> written = new LinkedHashMap<>();
        changed.forEach(id -> written.put(InteractionFacts.customerId(id), customers.get(id)));
        facts.write(Map.of(), written);
        upserts.clear();
        documents.clear();
        changed.clear();
        customers.clear();
    }
}
