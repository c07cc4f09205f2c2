package com.retailpulse.intelligence.support;

import com.retailpulse.intelligence.data.OnlineRetailCsv;
import com.retailpulse.intelligence.data.Purchase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** The Online Retail 2010-2011 purchases, read once per test JVM: several model tests learn from them. */
public final class OnlineRetail {
    private static List<Purchase> purchases;

    private OnlineRetail() {
    }

    public static synchronized List<Purchase> purchases() {
        if (purchases == null) {
            try {
                purchases = List.copyOf(OnlineRetailCsv.read(SharedData.require("online-retail/online_retail_2010_2011.csv.gz")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return purchases;
    }
}
