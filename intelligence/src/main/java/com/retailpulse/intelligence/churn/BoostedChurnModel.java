package com.retailpulse.intelligence.churn;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gradient-boosted trees (xgboost4j, binary:logistic) over the churn features, optionally followed by a
 * {@link PlattScaling} map fitted on other rows. Serialises to the feature schema, the number of rounds
 * early stopping kept, the calibration map and the booster in XGBoost's own UBJSON format, so a loaded
 * model checks its input schema and predicts exactly as the trained one.
 */
public final class BoostedChurnModel implements ChurnClassifier {
    private static final String MAGIC = "retailpulse-churn-boosted";
    private static final int FORMAT = 2;

    private final FeatureSchema schema;
    private final Booster booster;
    /** Trees used when scoring: the best validation round and those before it, not the ones after. */
    private final int rounds;
    /** Log loss on the validation rows at the kept round; NaN once loaded (it describes training, not the model). */
    private final double validationLogLoss;
    /** Applied to the trees' probability; the identity until {@link #withCalibration} sets one. */
    private final PlattScaling calibration;

    private BoostedChurnModel(FeatureSchema schema, Booster booster, int rounds, double validationLogLoss,
                              PlattScaling calibration) {
        this.schema = schema;
        this.booster = booster;
        this.rounds = rounds;
        this.validationLogLoss = validationLogLoss;
        this.calibration = calibration;
    }

    /** Trains on {@code train}, stopping when log loss on {@code validation} has not improved for a while. */
    public static BoostedChurnModel train(ChurnRows train, ChurnRows validation, BoostingParameters parameters) {
        FeatureSchema schema = train.features().get(0).schema();
        DMatrix trainMatrix = matrix(train);
        DMatrix validationMatrix = matrix(validation);
        try {
            // The last entry is the one early stopping watches: keep it the validation set.
            Map<String, DMatrix> watches = new LinkedHashMap<>();
            watches.put("train", trainMatrix);
            watches.put("validation", validationMatrix);
            float[][] history = new float[watches.size()][parameters.maxRounds()];
            Booster booster = XGBoost.train(trainMatrix, parameters.toXgboost(), parameters.maxRounds(), watches, history,
                    null, null, parameters.earlyStoppingRounds());
            String best = booster.getAttr("best_iteration");
            int rounds = best == null ? booster.getNumBoostedRound() : Integer.parseInt(best) + 1;
            return new BoostedChurnModel(schema, booster, rounds, history[watches.size() - 1][rounds - 1], PlattScaling.IDENTITY);
        } catch (XGBoostError e) {
            throw new IllegalStateException("xgboost training failed", e);
        } finally {
            trainMatrix.dispose();
            validationMatrix.dispose();
        }
    }

    @Override
    public FeatureSchema schema() {
        return schema;
    }

    public int rounds() {
        return rounds;
    }

    public double validationLogLoss() {
        return validationLogLoss;
    }

    public PlattScaling calibration() {
        return calibration;
    }

    /** The same trees, their probabilities mapped by {@code map} (which replaces any earlier one). */
    public BoostedChurnModel withCalibration(PlattScaling map) {
        return new BoostedChurnModel(schema, booster, rounds, validationLogLoss, map);
    }

    /** The same trees without calibration: what the booster alone says. */
    public BoostedChurnModel uncalibrated() {
        return withCalibration(PlattScaling.IDENTITY);
    }

    @Override
    public double churnProbability(FeatureVector vector) {
        schema.requireSame(vector.schema());
        return predict(floats(List.of(vector)), 1)[0];
    }

    @Override
    public double[] churnProbabilities(ChurnRows rows) {
        rows.stream().forEach(v -> schema.requireSame(v.schema()));
        return predict(floats(rows.features()), rows.size());
    }

    public byte[] toBytes() {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(MAGIC);
            out.writeInt(FORMAT);
            out.writeUTF(schema.name());
            out.writeInt(schema.version());
            out.writeInt(schema.size());
            for (String feature : schema.features()) {
                out.writeUTF(feature);
            }
            out.writeInt(rounds);
            out.writeDouble(calibration.slope());
            out.writeDouble(calibration.intercept());
            byte[] model = booster.toByteArray("ubj");
            out.writeInt(model.length);
            out.write(model);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (XGBoostError e) {
            throw new IllegalStateException("xgboost could not serialise the booster", e);
        }
    }

    /** Loads what {@link #toBytes()} wrote; scoring then uses {@code threads} OpenMP threads. */
    public static BoostedChurnModel fromBytes(byte[] bytes, int threads) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (!MAGIC.equals(in.readUTF()) || in.readInt() != FORMAT) {
                throw new IllegalArgumentException("not a boosted churn model of format " + FORMAT);
            }
            String name = in.readUTF();
            int version = in.readInt();
            int size = in.readInt();
            List<String> features = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                features.add(in.readUTF());
            }
            int rounds = in.readInt();
            PlattScaling calibration = new PlattScaling(in.readDouble(), in.readDouble());
            byte[] model = in.readNBytes(in.readInt());
            Booster booster = XGBoost.loadModel(model);
            booster.setParam("nthread", threads);
            return new BoostedChurnModel(new FeatureSchema(name, version, features), booster, rounds, Double.NaN, calibration);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (XGBoostError e) {
            throw new IllegalArgumentException("xgboost could not load the booster", e);
        }
    }

    private double[] predict(float[] data, int rowCount) {
        try {
            float[][] predictions = booster.inplace_predict(data, rowCount, schema.size(), Float.NaN, new int[]{0, rounds});
            double[] probabilities = new double[rowCount];
            for (int i = 0; i < rowCount; i++) {
                probabilities[i] = calibration.apply(predictions[i][0]);
            }
            return probabilities;
        } catch (XGBoostError e) {
            throw new IllegalStateException("xgboost prediction failed", e);
        }
    }

    private static DMatrix matrix(ChurnRows rows) {
        try {
            DMatrix matrix = new DMatrix(floats(rows.features()), rows.size(), rows.features().get(0).schema().size(), Float.NaN);
            float[] labels = new float[rows.size()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = rows.churned()[i];
            }
            matrix.setLabel(labels);
            return matrix;
        } catch (XGBoostError e) {
            throw new IllegalStateException("xgboost could not take the training rows", e);
        }
    }

    private static float[] floats(List<FeatureVector> vectors) {
        int width = vectors.get(0).values().length;
        float[] data = new float[vectors.size() * width];
        for (int row = 0; row < vectors.size(); row++) {
            double[] values = vectors.get(row).values();
            for (int col = 0; col < width; col++) {
                data[row * width + col] = (float) values[col];
            }
        }
        return data;
    }
}
