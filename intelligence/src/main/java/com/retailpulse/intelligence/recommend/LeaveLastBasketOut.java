package com.retailpulse.intelligence.recommend;

import com.retailpulse.intelligence.data.Purchase;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The evaluation split: every customer with at least two baskets loses their last one (by time; equal
 * times by order id) to the test side, and every model trains on everything else, i.e. all customers'
 * earlier baskets plus the whole history of one-basket customers. Returns are left out of both sides.
 *
 * @param training purchases to train on
 * @param heldOut  per test customer, the distinct products of their last basket
 */
public record LeaveLastBasketOut(List<Purchase> training, Map<String, Set<String>> heldOut) {

    public static LeaveLastBasketOut of(List<Purchase> purchases) {
        record Basket(String orderId, Instant at) {
        }
        Map<String, Map<String, Instant>> basketsByCustomer = new HashMap<>();
        for (Purchase purchase : purchases) {
            if (!purchase.isReturn()) {
                basketsByCustomer.computeIfAbsent(purchase.customerId(), c -> new HashMap<>())
                        .merge(purchase.orderId(), purchase.at(), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        Map<String, String> lastOrder = new HashMap<>();
        basketsByCustomer.forEach((customer, baskets) -> {
            if (baskets.size() >= 2) {
                Basket last = baskets.entrySet().stream().map(e -> new Basket(e.getKey(), e.getValue()))
                        .max(Comparator.comparing(Basket::at).thenComparing(Basket::orderId)).orElseThrow();
                lastOrder.put(customer, last.orderId());
            }
        });

        List<Purchase> training = new ArrayList<>();
        Map<String, Set<String>> heldOut = new HashMap<>();
        for (Purchase purchase : purchases) {
            if (purchase.isReturn()) {
                continue;
            }
            if (purchase.orderId().equals(lastOrder.get(purchase.customerId()))) {
                heldOut.computeIfAbsent(purchase.customerId(), c -> new LinkedHashSet<>()).add(purchase.sku());
            } else {
                training.add(purchase);
            }
        }
        // Sorted, so every run walks the test customers in the same order.
        return new LeaveLastBasketOut(List.copyOf(training), Collections.unmodifiableMap(new TreeMap<>(heldOut)));
    }
}
