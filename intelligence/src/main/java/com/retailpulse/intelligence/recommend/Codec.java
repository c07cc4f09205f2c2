package com.retailpulse.intelligence.recommend;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Length-prefixed arrays for the model files: plain DataOutput, so a file reads back bit for bit. */
final class Codec {
    private Codec() {
    }

    static void writeStrings(DataOutput out, String[] values) throws IOException {
        out.writeInt(values.length);
        for (String value : values) {
            out.writeUTF(value);
        }
    }

    static String[] readStrings(DataInput in) throws IOException {
        String[] values = new String[length(in)];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readUTF();
        }
        return values;
    }

    static void writeInts(DataOutput out, int[] values) throws IOException {
        out.writeInt(values.length);
        for (int value : values) {
            out.writeInt(value);
        }
    }

    static int[] readInts(DataInput in) throws IOException {
        int[] values = new int[length(in)];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readInt();
        }
        return values;
    }

    static void writeFloats(DataOutput out, float[] values) throws IOException {
        out.writeInt(values.length);
        for (float value : values) {
            out.writeFloat(value);
        }
    }

    static float[] readFloats(DataInput in) throws IOException {
        float[] values = new float[length(in)];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readFloat();
        }
        return values;
    }

    /** A negative length can only come from a corrupt or foreign file; fail before allocating. */
    private static int length(DataInput in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            throw new IOException("corrupt model file: negative length " + length);
        }
        return length;
    }
}
