package com.retailpulse.intelligence.recommend;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Each product's most similar products, best first, truncated to a fixed number: a full item × item
 * matrix of the Online Retail catalogue would be 15 M floats, most of them noise from one shared buyer.
 */
final class ItemNeighbours {
    private final int[][] neighbours;
    private final float[][] similarities;

    ItemNeighbours(int[][] neighbours, float[][] similarities) {
        this.neighbours = neighbours;
        this.similarities = similarities;
    }

    /** How similar two products are, from how many rows hold both and how many hold each. */
    @FunctionalInterface
    interface Similarity {
        double of(int both, int rowsWithA, int rowsWithB, int rows);
    }

    /**
     * Counts, for every pair of products, the rows (customers or baskets) holding both, and keeps each
     * product's {@code keep} most similar partners among pairs seen in at least {@code minBoth} rows.
     * Cost is the sum of squared row lengths, which for Online Retail's customers and baskets is tens of
     * millions of increments: seconds, single-threaded.
     */
    static ItemNeighbours fromRows(int[][] rows, int itemCount, Similarity similarity, int minBoth, int keep) {
        int[] rowsWith = new int[itemCount];
        for (int[] row : rows) {
            for (int item : row) {
                rowsWith[item]++;
            }
        }
        int[][] rowsOf = new int[itemCount][];
        for (int item = 0; item < itemCount; item++) {
            rowsOf[item] = new int[rowsWith[item]];
        }
        int[] fill = new int[itemCount];
        for (int r = 0; r < rows.length; r++) {
            for (int item : rows[r]) {
                rowsOf[item][fill[item]++] = r;
            }
        }

        int[][] neighbours = new int[itemCount][];
        float[][] similarities = new float[itemCount][];
        int[] both = new int[itemCount];
        int[] touched = new int[itemCount];
        for (int a = 0; a < itemCount; a++) {
            int touchedCount = 0;
            for (int r : rowsOf[a]) {
                for (int b : rows[r]) {
                    if (b != a && both[b]++ == 0) {
                        touched[touchedCount++] = b;
                    }
                }
            }
            TopList best = new TopList(keep);
            for (int t = 0; t < touchedCount; t++) {
                int b = touched[t];
                if (both[b] >= minBoth) {
                    best.offer(b, (float) similarity.of(both[b], rowsWith[a], rowsWith[b], rows.length));
                }
                both[b] = 0;
            }
            TopList.Ranked ranked = best.drain();
            neighbours[a] = ranked.ids();
            similarities[a] = ranked.scores();
        }
        return new ItemNeighbours(neighbours, similarities);
    }

    int[] of(int item) {
        return neighbours[item];
    }

    float[] similaritiesOf(int item) {
        return similarities[item];
    }

    void write(DataOutput out) throws IOException {
        out.writeInt(neighbours.length);
        for (int item = 0; item < neighbours.length; item++) {
            Codec.writeInts(out, neighbours[item]);
            Codec.writeFloats(out, similarities[item]);
        }
    }

    static ItemNeighbours read(DataInput in) throws IOException {
        int items = in.readInt();
        int[][] neighbours = new int[items][];
        float[][] similarities = new float[items][];
        for (int item = 0; item < items; item++) {
            neighbours[item] = Codec.readInts(in);
            similarities[item] = Codec.readFloats(in);
        }
        return new ItemNeighbours(neighbours, similarities);
    }
}
