package com.retailpulse.intelligence.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Joins exports of one shop whose periods overlap into one history, counting each invoice once. Online
 * Retail II's first sheet ends on 2010-12-09 and the 2010–2011 file starts on 2010-12-01: both hold those
 * nine days, line for line.
 *
 * <p>The rule works on invoices, not on single lines, because identical lines are legitimate within one
 * invoice (the 2010–2011 file alone has 5,268 exact duplicate rows, kept as the shop recorded them): an
 * invoice number found in several exports is taken once, from the first export that has it, provided every
 * export has the same lines for it (customer, time, product, quantity and unit price, repeats counted).
 * Different lines under one invoice number mean one copy was edited, and nothing says which: that is
 * refused rather than guessed.
 */
public final class OverlappingExports {
    private OverlappingExports() {
    }

    /** The lines of all exports, in export order, each invoice from the first export that has it. */
    public static List<Purchase> merge(List<List<Purchase>> exports) {
        Map<String, Map<Purchase, Long>> taken = new HashMap<>();
        List<Purchase> merged = new ArrayList<>();
        for (List<Purchase> export : exports) {
            Map<String, Map<Purchase, Long>> invoices = export.stream().collect(Collectors.groupingBy(Purchase::orderId,
                    LinkedHashMap::new, Collectors.groupingBy(Function.identity(), Collectors.counting())));
            Map<String, Boolean> fresh = new HashMap<>();
            invoices.forEach((invoice, lines) -> {
                Map<Purchase, Long> earlier = taken.putIfAbsent(invoice, lines);
                if (earlier != null && !earlier.equals(lines)) {
                    throw new IllegalArgumentException("invoice " + invoice + " has different lines in two exports: " + earlier.keySet()
                            + " and " + lines.keySet());
                }
                fresh.put(invoice, earlier == null);
            });
            // Kept in the export's own order, so that a single export passes through unchanged.
            export.stream().filter(p -> fresh.get(p.orderId())).forEach(merged::add);
        }
        return merged;
    }
}
