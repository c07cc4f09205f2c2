package com.retailpulse.infra.models;

/** The models' promotion gates, for tests outside this package that check a registered version against them. */
public final class ModelGates {

    /** A clustering is promoted when its silhouette reaches this ({@link ClusterScores}). */
    public static final double CLUSTER_MIN_SILHOUETTE = ClusterScores.MIN_SILHOUETTE;

    private ModelGates() {
    }
}
