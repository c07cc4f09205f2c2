package com.retailpulse.intelligence.recommend;

import com.retailpulse.intelligence.data.Purchase;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Hand-built purchase histories: one line per product, one unit at 1.00, days counted from a fixed start. */
final class Purchases {
    private static final Instant START = Instant.parse("2011-01-01T10:00:00Z");
    private final List<Purchase> lines = new ArrayList<>();

    /** One basket: the customer bought each sku once in order {@code orderId} on {@code day}. */
    Purchases basket(String customerId, String orderId, int day, String... skus) {
        for (String sku : skus) {
            lines.add(new Purchase(customerId, orderId, START.plus(day, ChronoUnit.DAYS), sku, 1, 1.0));
        }
        return this;
    }

    Purchases returned(String customerId, String orderId, int day, String sku) {
        lines.add(new Purchase(customerId, orderId, START.plus(day, ChronoUnit.DAYS), sku, -1, 1.0));
        return this;
    }

    /**
     * Two groups of 50 customers with disjoint tastes: "a…" customers buy 6 of the products a0–a9 over two
     * baskets, "b…" customers 6 of b0–b9. Anything that learns from co-purchases must keep them apart.
     */
    static final int CUSTOMERS_PER_TASTE = 50;

    static Purchases twoTastes() {
        Random random = new Random(7);
        Purchases purchases = new Purchases();
        for (String group : List.of("a", "b")) {
            for (int c = 0; c < CUSTOMERS_PER_TASTE; c++) {
                List<String> products = new ArrayList<>();
                for (int p = 0; p < 10; p++) {
                    products.add(group + p);
                }
                Collections.shuffle(products, random);
                String customer = group + "-customer" + c;
                purchases.basket(customer, customer + "/1", 1, products.subList(0, 3).toArray(String[]::new));
                purchases.basket(customer, customer + "/2", 2, products.subList(3, 6).toArray(String[]::new));
            }
        }
        return purchases;
    }

    List<Purchase> list() {
        return List.copyOf(lines);
    }
}
