package com.retailpulse.intelligence.recommend;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** The model part of a recommender file: a kind byte, the repeat policy, the catalogue, the parameters. */
final class ModelCodec {
    private static final byte POPULARITY = 1;
    private static final byte NEIGHBOURHOOD = 2;
    private static final byte BPR = 3;

    private ModelCodec() {
    }

    static void write(DataOutput out, Recommender recommender) throws IOException {
        if (recommender instanceof PopularityRecommender popularity) {
            out.writeByte(POPULARITY);
            out.writeUTF(popularity.repeats().name());
            popularity.catalog().write(out);
        } else if (recommender instanceof NeighbourhoodRecommender neighbourhood) {
            out.writeByte(NEIGHBOURHOOD);
            out.writeUTF(neighbourhood.repeats().name());
            neighbourhood.catalog().write(out);
            out.writeUTF(neighbourhood.name());
            neighbourhood.neighbours().write(out);
        } else if (recommender instanceof BprRecommender bpr) {
            out.writeByte(BPR);
            out.writeUTF(bpr.repeats().name());
            bpr.catalog().write(out);
            out.writeInt(bpr.dimension());
            Codec.writeFloats(out, bpr.userFactors());
            Codec.writeFloats(out, bpr.itemFactors());
        } else {
            throw new IllegalArgumentException("no file format for " + recommender.getClass().getName());
        }
    }

    static Recommender read(DataInput in) throws IOException {
        byte kind = in.readByte();
        Repeats repeats = Repeats.valueOf(in.readUTF());
        Catalog catalog = Catalog.read(in);
        return switch (kind) {
            case POPULARITY -> new PopularityRecommender(catalog, repeats);
            case NEIGHBOURHOOD -> new NeighbourhoodRecommender(in.readUTF(), catalog, ItemNeighbours.read(in), repeats);
            case BPR -> {
                int dimension = in.readInt();
                yield new BprRecommender(catalog, Codec.readFloats(in), Codec.readFloats(in), dimension, repeats);
            }
            default -> throw new IOException("unknown recommender kind " + kind);
        };
    }
}
