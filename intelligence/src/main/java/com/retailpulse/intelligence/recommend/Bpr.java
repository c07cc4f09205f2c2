package com.retailpulse.intelligence.recommend;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.tracker.Tracker;

import java.util.Arrays;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Trains BPR matrix factorisation (Rendle et al. 2009) with DJL on the PyTorch engine: every distinct
 * (customer, product bought) pair is a positive, each epoch pairs it with a product the customer never
 * bought, sampled uniformly, and Adam pushes the bought product's score above the other's. The result
 * is exported to float arrays ({@link BprRecommender}) and the engine's memory is released.
 */
public final class Bpr {

    /**
     * @param dimension      embedding size
     * @param epochs         passes over all positive pairs
     * @param learningRate   Adam's step size
     * @param regularisation λ on the squared norms of the rows a triple touches
     * @param batchSize      triples per step: large, because each step costs a fixed JNI overhead
     * @param seed           initial embeddings, shuffling and negative sampling all derive from it
     */
    public record Settings(int dimension, int epochs, float learningRate, float regularisation, int batchSize, long seed) {
        /** Tuned on Online Retail's leave-last-basket-out split (docs/models/recommendations.md). */
        public static final Settings DEFAULT = new Settings(128, 10, 0.01f, 0.01f, 8192, 42L);
    }

    private static final String ENGINE = "PyTorch";

    private Bpr() {
    }

    public static BprRecommender train(Interactions interactions, Repeats repeats) {
        return train(interactions, repeats, Settings.DEFAULT);
    }

    public static BprRecommender train(Interactions interactions, Repeats repeats, Settings settings) {
        Catalog catalog = interactions.catalog();
        Positives positives = Positives.of(catalog);
        SplittableRandom random = new SplittableRandom(settings.seed());
        BprBlock block = new BprBlock(catalog.customerCount(), catalog.itemCount(), settings.dimension(),
                gaussian(new Random(settings.seed()), 0.1f));
        try (Model model = Model.newInstance("bpr", Device.cpu(), ENGINE)) {
            model.setBlock(block);
            DefaultTrainingConfig config = new DefaultTrainingConfig(new BprLoss(settings.regularisation()))
                    .optOptimizer(Adam.builder().optLearningRateTracker(Tracker.fixed(settings.learningRate())).build())
                    .optDevices(new Device[] {Device.cpu()});
            try (Trainer trainer = model.newTrainer(config)) {
                Shape batch = new Shape(settings.batchSize());
                trainer.initialize(batch, batch, batch);
                for (int epoch = 0; epoch < settings.epochs(); epoch++) {
                    positives.shuffle(random);
                    for (int start = 0; start < positives.size(); start += settings.batchSize()) {
                        int end = Math.min(start + settings.batchSize(), positives.size());
                        step(trainer, positives.triples(catalog, start, end, random));
                    }
                }
            }
            return new BprRecommender(catalog, block.userFactors(), block.itemFactors(), settings.dimension(), repeats);
        }
    }

    private static void step(Trainer trainer, long[][] triples) {
        try (NDManager batch = trainer.getManager().newSubManager()) {
            NDList inputs = new NDList(batch.create(triples[0]), batch.create(triples[1]), batch.create(triples[2]));
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDList predictions = trainer.forward(inputs);
                collector.backward(trainer.getLoss().evaluate(new NDList(), predictions));
            }
            trainer.step();
        }
    }

    /** N(0, σ²) drawn in Java from the seed, so the starting point does not depend on the engine's RNG. */
    private static Initializer gaussian(Random random, float sigma) {
        return (manager, shape, dataType) -> {
            float[] values = new float[Math.toIntExact(shape.size())];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) (random.nextGaussian() * sigma);
            }
            return manager.create(values, shape).toType(dataType, false);
        };
    }

    /** The (customer, product) pairs to learn from, in an order reshuffled every epoch. */
    private static final class Positives {
        private final int[] customers;
        private final int[] items;

        private Positives(int[] customers, int[] items) {
            this.customers = customers;
            this.items = items;
        }

        static Positives of(Catalog catalog) {
            int total = 0;
            for (int c = 0; c < catalog.customerCount(); c++) {
                total += catalog.bought(c).length;
            }
            int[] customers = new int[total];
            int[] items = new int[total];
            int p = 0;
            for (int c = 0; c < catalog.customerCount(); c++) {
                for (int item : catalog.bought(c)) {
                    customers[p] = c;
                    items[p++] = item;
                }
            }
            return new Positives(customers, items);
        }

        int size() {
            return customers.length;
        }

        void shuffle(SplittableRandom random) {
            for (int i = customers.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int c = customers[i];
                customers[i] = customers[j];
                customers[j] = c;
                int item = items[i];
                items[i] = items[j];
                items[j] = item;
            }
        }

        /**
         * Users, bought products and sampled products for positives [start, end). A sample the customer
         * did buy is drawn again, a bounded number of times so that a customer who bought nearly the
         * whole catalogue cannot stall training (they keep the last draw).
         */
        long[][] triples(Catalog catalog, int start, int end, SplittableRandom random) {
            long[][] triples = new long[3][end - start];
            for (int p = start; p < end; p++) {
                int[] bought = catalog.bought(customers[p]);
                int other = random.nextInt(catalog.itemCount());
                for (int tries = 0; tries < 100 && Arrays.binarySearch(bought, other) >= 0; tries++) {
                    other = random.nextInt(catalog.itemCount());
                }
                triples[0][p - start] = customers[p];
                triples[1][p - start] = items[p];
                triples[2][p - start] = other;
            }
            return triples;
        }
    }
}
