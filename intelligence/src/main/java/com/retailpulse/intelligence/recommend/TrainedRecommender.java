package com.retailpulse.intelligence.recommend;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A model as the platform's registry keeps it: what it is, what it was trained on, how long training took,
 * how it measured, and the model itself, in one self-contained file that reads back scoring identically
 * (the file holds the exported floats, never an engine's checkpoint, so serving needs no DJL).
 *
 * @param model        "popularity", "item-knn", "co-occurrence" or "bpr"
 * @param window       the training data
 * @param trainingTime wall time to train
 * @param metrics      e.g. "hr@10", "ndcg@10" on the evaluation split; sorted by name
 * @param recommender  the servable model
 */
public record TrainedRecommender(String model, DataWindow window, Duration trainingTime, Map<String, Double> metrics,
                                 Recommender recommender) {
    /** File magic and format version: a reader refuses what it does not know instead of misreading it. */
    private static final int MAGIC = 0x52505243; // "RPRC"
    private static final int FORMAT = 1;

    public TrainedRecommender {
        metrics = Map.copyOf(metrics);
    }

    public TrainedRecommender withMetrics(Map<String, Double> measured) {
        return new TrainedRecommender(model, window, trainingTime, measured, recommender);
    }

    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static TrainedRecommender fromBytes(byte[] bytes) throws IOException {
        return read(new ByteArrayInputStream(bytes));
    }

    public void write(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            write(out);
        }
    }

    public static TrainedRecommender read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        }
    }

    public void write(OutputStream stream) throws IOException {
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(stream, 1 << 16));
        out.writeInt(MAGIC);
        out.writeInt(FORMAT);
        out.writeUTF(model);
        out.writeLong(window.from().toEpochMilli());
        out.writeLong(window.to().toEpochMilli());
        out.writeInt(window.purchases());
        out.writeInt(window.baskets());
        out.writeInt(window.customers());
        out.writeInt(window.items());
        out.writeLong(trainingTime.toMillis());
        Map<String, Double> sorted = new TreeMap<>(metrics);
        out.writeInt(sorted.size());
        for (Map.Entry<String, Double> metric : sorted.entrySet()) {
            out.writeUTF(metric.getKey());
            out.writeDouble(metric.getValue());
        }
        ModelCodec.write(out, recommender);
        out.flush();
    }

    public static TrainedRecommender read(InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(stream, 1 << 16));
        if (in.readInt() != MAGIC) {
            throw new IOException("not a RetailPulse recommender file");
        }
        int format = in.readInt();
        if (format != FORMAT) {
            throw new IOException("recommender file format " + format + " is not supported (expected " + FORMAT + ")");
        }
        String model = in.readUTF();
        DataWindow window = new DataWindow(Instant.ofEpochMilli(in.readLong()), Instant.ofEpochMilli(in.readLong()),
                in.readInt(), in.readInt(), in.readInt(), in.readInt());
        Duration trainingTime = Duration.ofMillis(in.readLong());
        Map<String, Double> metrics = new TreeMap<>();
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
            metrics.put(in.readUTF(), in.readDouble());
        }
        return new TrainedRecommender(model, window, trainingTime, metrics, ModelCodec.read(in));
    }
}
