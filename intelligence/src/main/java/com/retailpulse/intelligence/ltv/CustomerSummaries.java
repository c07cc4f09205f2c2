package com.retailpulse.intelligence.ltv;

import com.retailpulse.intelligence.data.Purchase;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The population a model is fitted on: one summary per customer with a purchase in the window, all in the
 * window's unit. Keeping the window with the summaries is what stops a weekly fit being fed daily data.
 */
public record CustomerSummaries(DataWindow window, List<CustomerSummary> customers) {

    public CustomerSummaries {
        Objects.requireNonNull(window, "window");
        customers = List.copyOf(customers);
    }

    /** Summaries of every customer who bought before the cutoff, ordered by customer id. */
    public static CustomerSummaries asOf(Collection<Purchase> purchases, DataWindow window) {
        Map<String, List<Purchase>> byCustomer = purchases.stream()
                .collect(Collectors.groupingBy(Purchase::customerId, TreeMap::new, Collectors.toList()));
        List<CustomerSummary> summaries = byCustomer.entrySet().stream()
                .flatMap(entry -> CustomerSummary.asOf(entry.getKey(), entry.getValue(), window).stream())
                .toList();
        return new CustomerSummaries(window, summaries);
    }

    public List<CustomerSummary> repeatBuyers() {
        return customers.stream().filter(c -> c.frequency() > 0).toList();
    }

    public int size() {
        return customers.size();
    }
}
