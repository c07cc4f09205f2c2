package com.retailpulse.intelligence.recommend;

import com.retailpulse.intelligence.data.Purchase;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The training view of purchases that all models share: returns dropped (a return is not a preference,
 * and netting it against the sale would need the original line), products and customers numbered, each
 * basket and each customer reduced to the distinct products in it. Quantities are ignored on purpose: one
 * wholesale customer's 1,000 units of a cheap item would otherwise outweigh a hundred customers' choices.
 */
public final class Interactions {
    private final Catalog catalog;
    private final int[][] baskets;
    private final DataWindow window;

    private Interactions(Catalog catalog, int[][] baskets, DataWindow window) {
        this.catalog = catalog;
        this.baskets = baskets;
        this.window = window;
    }

    public static Interactions of(List<Purchase> purchases) {
        Map<String, Integer> items = new HashMap<>();
        List<String> itemIds = new ArrayList<>();
        Map<String, Integer> customers = new HashMap<>();
        List<String> customerIds = new ArrayList<>();
        Map<String, TreeSet<Integer>> basketItems = new LinkedHashMap<>();
        Map<String, Integer> basketOwner = new HashMap<>();
        Instant from = null;
        Instant to = null;
        int used = 0;
        for (Purchase purchase : purchases) {
            if (purchase.isReturn()) {
                continue;
            }
            used++;
            from = from == null || purchase.at().isBefore(from) ? purchase.at() : from;
            to = to == null || purchase.at().isAfter(to) ? purchase.at() : to;
            int item = items.computeIfAbsent(purchase.sku(), sku -> {
                itemIds.add(sku);
                return itemIds.size() - 1;
            });
            int customer = customers.computeIfAbsent(purchase.customerId(), id -> {
                customerIds.add(id);
                return customerIds.size() - 1;
            });
            // An order id names one customer's basket; keying by both keeps two sources' ids apart.
            String basket = purchase.customerId() + '\u0000' + purchase.orderId();
            basketItems.computeIfAbsent(basket, b -> new TreeSet<>()).add(item);
            basketOwner.put(basket, customer);
        }
        if (used == 0) {
            throw new IllegalArgumentException("no purchases to train on (returns are not purchases)");
        }

        int[][] baskets = new int[basketItems.size()][];
        float[] popularity = new float[itemIds.size()];
        List<TreeSet<Integer>> boughtSets = new ArrayList<>();
        for (int c = 0; c < customerIds.size(); c++) {
            boughtSets.add(new TreeSet<>());
        }
        int b = 0;
        for (Map.Entry<String, TreeSet<Integer>> entry : basketItems.entrySet()) {
            baskets[b] = entry.getValue().stream().mapToInt(Integer::intValue).toArray();
            for (int item : baskets[b]) {
                popularity[item]++;
            }
            boughtSets.get(basketOwner.get(entry.getKey())).addAll(entry.getValue());
            b++;
        }
        int[][] bought = boughtSets.stream().map(s -> s.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
        Catalog catalog = new Catalog(itemIds.toArray(String[]::new), popularity, customerIds.toArray(String[]::new), bought);
        DataWindow window = new DataWindow(from, to, used, baskets.length, customerIds.size(), itemIds.size());
        return new Interactions(catalog, baskets, window);
    }

    public Catalog catalog() {
        return catalog;
    }

    public DataWindow window() {
        return window;
    }

    /** Each basket's distinct products, ascending. */
    int[][] baskets() {
        return baskets;
    }

    /** Each customer's distinct products, ascending: the customer × item matrix as rows. */
    int[][] customerItems() {
        int[][] rows = new int[catalog.customerCount()][];
        for (int c = 0; c < rows.length; c++) {
            rows[c] = catalog.bought(c);
        }
        return rows;
    }
}
