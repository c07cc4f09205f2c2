package com.retailpulse.projections.profile;

import com.retailpulse.contracts.tag.TagCondition;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The scenario tags in force (key → version and condition), evaluated into every profile as
 * {@code tags.scenario.<key>}. Kept current by the tag-definition projection.
 */
public class ScenarioTags {

    public record Definition(String key, int version, TagCondition condition) {
    }

    private final Map<String, Definition> inForce = new ConcurrentHashMap<>();

    public void define(Definition definition) {
        inForce.put(definition.key(), definition);
    }

    public void retire(String key) {
        inForce.remove(key);
    }

    public Map<String, Definition> inForce() {
        return Map.copyOf(inForce);
    }

    public Definition find(String key) {
        return inForce.get(key);
    }

    public void clear() {
        inForce.clear();
    }
}
