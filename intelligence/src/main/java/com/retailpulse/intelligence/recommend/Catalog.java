package com.retailpulse.intelligence.recommend;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * What every model needs at serving time besides its own parameters: the products (dense indices), how
 * many baskets held each (the tie-break and the fallback for unknown customers), and which products each
 * known customer bought (for the repeat policy and for neighbourhood scoring).
 */
public final class Catalog {
    private final String[] items;
    private final float[] popularity;
    private final String[] customers;
    private final int[][] bought;
    private final Map<String, Integer> itemIndex;
    private final Map<String, Integer> customerIndex;

    Catalog(String[] items, float[] popularity, String[] customers, int[][] bought) {
        if (items.length != popularity.length || customers.length != bought.length) {
            throw new IllegalArgumentException("catalogue arrays disagree in length");
        }
        this.items = items;
        this.popularity = popularity;
        this.customers = customers;
        this.bought = bought;
        this.itemIndex = indexOf(items);
        this.customerIndex = indexOf(customers);
    }

    private static Map<String, Integer> indexOf(String[] ids) {
        Map<String, Integer> index = new HashMap<>(ids.length * 2);
        for (int i = 0; i < ids.length; i++) {
            index.put(ids[i], i);
        }
        return index;
    }

    public int itemCount() {
        return items.length;
    }

    public int customerCount() {
        return customers.length;
    }

    String item(int index) {
        return items[index];
    }

    /** The product's index, or -1 when it was never bought in the training data. */
    int itemIndex(String sku) {
        return itemIndex.getOrDefault(sku, -1);
    }

    /** The customer's index, or -1 for a customer without purchases in the training data. */
    int customerIndex(String customerId) {
        return customerIndex.getOrDefault(customerId, -1);
    }

    float[] popularity() {
        return popularity;
    }

    /** Distinct products the customer bought, ascending. */
    int[] bought(int customer) {
        return bought[customer];
    }

    /** Products a customer must not be offered under the policy: none, or everything they bought. */
    int[] excluded(int customer, Repeats repeats) {
        return repeats == Repeats.EXCLUDED ? bought[customer] : new int[0];
    }

    /**
     * The {@code k} best products by score, skipping {@code excluded} (ascending). Equal scores, including
     * the zero of every product a neighbourhood model knows nothing about, are ordered by popularity so
     * that a sparse model still fills its list with sensible products instead of arbitrary ones.
     */
    List<ScoredItem> top(float[] scores, int k, int[] excluded) {
        if (k <= 0) {
            return List.of();
        }
        PriorityQueue<Integer> worstFirst = new PriorityQueue<>(k + 1, (a, b) -> compare(scores, a, b));
        int skip = 0;
        for (int item = 0; item < scores.length; item++) {
            while (skip < excluded.length && excluded[skip] < item) {
                skip++;
            }
            if (skip < excluded.length && excluded[skip] == item) {
                continue;
            }
            if (worstFirst.size() < k) {
                worstFirst.add(item);
            } else if (compare(scores, item, worstFirst.peek()) > 0) {
                worstFirst.poll();
                worstFirst.add(item);
            }
        }
        ScoredItem[] best = new ScoredItem[worstFirst.size()];
        for (int i = best.length - 1; i >= 0; i--) {
            int item = worstFirst.poll();
            best[i] = new ScoredItem(items[item], scores[item]);
        }
        return List.of(best);
    }

    /** Positive when {@code a} ranks above {@code b}: score, then popularity, then the lower index. */
    private int compare(float[] scores, int a, int b) {
        int byScore = Float.compare(scores[a], scores[b]);
        if (byScore != 0) {
            return byScore;
        }
        int byPopularity = Float.compare(popularity[a], popularity[b]);
        return byPopularity != 0 ? byPopularity : Integer.compare(b, a);
    }

    /** Top-k of one product's neighbour list, which is already sorted best first. */
    List<ScoredItem> firstOf(int[] neighbours, float[] similarities, int k) {
        List<ScoredItem> result = new ArrayList<>(Math.min(k, neighbours.length));
        for (int i = 0; i < neighbours.length && i < k; i++) {
            result.add(new ScoredItem(items[neighbours[i]], similarities[i]));
        }
        return result;
    }

    void write(DataOutput out) throws IOException {
        Codec.writeStrings(out, items);
        Codec.writeFloats(out, popularity);
        Codec.writeStrings(out, customers);
        out.writeInt(bought.length);
        for (int[] items : bought) {
            Codec.writeInts(out, items);
        }
    }

    static Catalog read(DataInput in) throws IOException {
        String[] items = Codec.readStrings(in);
        float[] popularity = Codec.readFloats(in);
        String[] customers = Codec.readStrings(in);
        int[][] bought = new int[in.readInt()][];
        for (int c = 0; c < bought.length; c++) {
            bought[c] = Codec.readInts(in);
        }
        return new Catalog(items, popularity, customers, bought);
    }
}
