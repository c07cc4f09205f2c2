package com.retailpulse.intelligence.cluster;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * One cluster as a marketer sees it.
 *
 * @param index        the cluster's number in {@link ClusterModel#assign}
 * @param description  words derived from how the centroid differs from the population; distinct across clusters
 * @param size         training customers in it
 * @param meanFeatures mean raw feature values of those customers
 */
public record ClusterProfile(int index, String description, int size, Map<Feature, Double> meanFeatures) {

    public ClusterProfile {
        meanFeatures = Collections.unmodifiableMap(new EnumMap<>(meanFeatures));
    }
}
