package com.retailpulse.intelligence.recommend;

/**
 * The {@code capacity} highest-scoring ids offered to it: a primitive min-heap, because it runs once per
 * candidate pair while building neighbour lists (millions of offers) and boxing would dominate.
 * Equal scores go to the lower id, so results do not depend on the order of offers.
 */
final class TopList {
    private final int[] ids;
    private final float[] scores;
    private int count;

    TopList(int capacity) {
        this.ids = new int[capacity];
        this.scores = new float[capacity];
    }

    /** The kept ids and their scores, best first. */
    record Ranked(int[] ids, float[] scores) {
    }

    void offer(int id, float score) {
        if (count < ids.length) {
            ids[count] = id;
            scores[count] = score;
            siftUp(count++);
        } else if (count > 0 && better(id, score, ids[0], scores[0])) {
            ids[0] = id;
            scores[0] = score;
            siftDown(0, count);
        }
    }

    /** Empties the list into its ranking; the list is then empty. */
    Ranked drain() {
        int[] outIds = new int[count];
        float[] outScores = new float[count];
        for (int i = count - 1; i >= 0; i--) {
            outIds[i] = ids[0];
            outScores[i] = scores[0];
            swap(0, i);
            siftDown(0, i);
        }
        count = 0;
        return new Ranked(outIds, outScores);
    }

    private static boolean better(int id, float score, int otherId, float otherScore) {
        return score > otherScore || (score == otherScore && id < otherId);
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (!better(ids[parent], scores[parent], ids[i], scores[i])) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i, int size) {
        while (true) {
            int worst = i;
            for (int child = 2 * i + 1; child <= 2 * i + 2 && child < size; child++) {
                if (better(ids[worst], scores[worst], ids[child], scores[child])) {
                    worst = child;
                }
            }
            if (worst == i) {
                return;
            }
            swap(i, worst);
            i = worst;
        }
    }

    private void swap(int a, int b) {
        int id = ids[a];
        ids[a] = ids[b];
        ids[b] = id;
        float score = scores[a];
        scores[a] = scores[b];
        scores[b] = score;
    }
}
