package com.retailpulse.projections.profile;

import com.retailpulse.contracts.tag.TagCondition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The segments in force (key → version and condition), evaluated into every profile as
 * {@code segments}. Kept current by the segment-definition projection. A segment may use another's
 * membership, so they are evaluated in dependency order; definitions are checked for cycles before
 * they are recorded ({@link SegmentConditionValidator}).
 */
public class Segments {

    public record Definition(String key, int version, String name, TagCondition condition) {
    }

    private final Map<String, Definition> inForce = new LinkedHashMap<>();
    private volatile List<Definition> ordered = List.of();

    public synchronized void define(Definition definition) {
        inForce.put(definition.key(), definition);
        ordered = order(inForce);
    }

    public synchronized void retire(String key) {
        inForce.remove(key);
        ordered = order(inForce);
    }

    public synchronized void clear() {
        inForce.clear();
        ordered = List.of();
    }

    public synchronized Definition find(String key) {
        return inForce.get(key);
    }

    public synchronized Map<String, Definition> inForce() {
        return Map.copyOf(inForce);
    }

    /** Every definition after the segments it refers to. */
    public List<Definition> inEvaluationOrder() {
        return ordered;
    }

    /** The segments a condition refers to directly. */
    public static Set<String> references(TagCondition condition) {
        Set<String> refs = new LinkedHashSet<>();
        collect(condition, refs);
        return refs;
    }

    private static void collect(TagCondition c, Set<String> refs) {
        if (c instanceof TagCondition.All all) {
            all.all().forEach(x -> collect(x, refs));
        } else if (c instanceof TagCondition.Any any) {
            any.any().forEach(x -> collect(x, refs));
        } else if (c instanceof TagCondition.Not not) {
            collect(not.not(), refs);
        } else if (c instanceof TagCondition.InSegment in) {
            refs.add(in.segment());
        }
    }

    /**
     * Depth-first topological order. A reference to a segment not in force evaluates as "not a member"
     * (it was retired after the referring one was defined); a cycle cannot be recorded, and would
     * simply be cut here rather than loop.
     */
    private static List<Definition> order(Map<String, Definition> definitions) {
        List<Definition> out = new ArrayList<>();
        Set<String> done = new LinkedHashSet<>();
        Set<String> visiting = new LinkedHashSet<>();
        for (String key : definitions.keySet()) {
            visit(key, definitions, done, visiting, out);
        }
        return List.copyOf(out);
    }

    private static void visit(String key, Map<String, Definition> definitions, Set<String> done, Set<String> visiting,
                              List<Definition> out) {
        Definition d = definitions.get(key);
        if (d == null || done.contains(key) || !visiting.add(key)) {
            return;
        }
        for (String ref : references(d.condition())) {
            visit(ref, definitions, done, visiting, out);
        }
        visiting.remove(key);
        done.add(key);
        out.add(d);
    }
}
