package com.retailpulse.infra.models;

import com.retailpulse.intelligence.data.Purchase;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A model whose version in service scores customers into their profiles ({@code score.<model>.*}). */
interface CustomerScorer extends TrainableModel {

    /** What the version in service makes of one customer's history as of {@code at}. */
    record Score(String model, int version, Map<String, Double> values, String label) {
    }

    /** Since when (wall clock) a version is in service; empty when none is. */
    Optional<Instant> inServiceSince();

    /** Empty when no version is in service or the customer bought nothing before {@code at}. */
    Optional<Score> score(String customerId, List<Purchase> history, Instant at);

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
