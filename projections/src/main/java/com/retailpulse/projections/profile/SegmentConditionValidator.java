package com.retailpulse.projections.profile;

import com.retailpulse.contracts.tag.TagCondition;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a segment definition before it is recorded, so that what is recorded can be evaluated the
 * same way in memory and in Elasticsearch: fields are declared dimensions or scenario tags in force,
 * values have the field's type, activity windows are ones profiles index, referenced segments exist
 * and do not lead back to this one. Errors name the place in the tree, e.g.
 * {@code condition.all[1].value}.
 */
public final class SegmentConditionValidator {

    private static final int MAX_DEPTH = 8;
    private static final int MAX_NODES = 100;

    private SegmentConditionValidator() {
    }

    /**
     * @param key       the segment being defined
     * @param segments  the segments in force, to resolve references and find cycles
     * @param scenarios the scenario tags in force
     */
    public static List<String> validate(String key, TagCondition condition, Segments segments, ScenarioTags scenarios) {
        List<String> errors = new ArrayList<>();
        if (condition == null) {
            errors.add("condition: required");
            return errors;
        }
        int[] nodes = {0};
        check(condition, "condition", 0, nodes, segments, scenarios, errors);
        if (nodes[0] > MAX_NODES) {
            errors.add("condition: at most " + MAX_NODES + " conditions, found " + nodes[0]);
        }
        if (key != null) {
            cycle(key, condition, segments).ifPresent(errors::add);
        }
        return errors;
    }

    private static void check(TagCondition c, String at, int depth, int[] nodes, Segments segments, ScenarioTags scenarios,
                              List<String> errors) {
        nodes[0]++;
        if (depth > MAX_DEPTH) {
            errors.add(at + ": nested deeper than " + MAX_DEPTH);
            return;
        }
        if (c instanceof TagCondition.All all) {
            list(all.all(), at + ".all", depth, nodes, segments, scenarios, errors);
        } else if (c instanceof TagCondition.Any any) {
            list(any.any(), at + ".any", depth, nodes, segments, scenarios, errors);
        } else if (c instanceof TagCondition.Not not) {
            check(not.not(), at + ".not", depth + 1, nodes, segments, scenarios, errors);
        } else if (c instanceof TagCondition.InSegment in) {
            if (segments.find(in.segment()) == null) {
                errors.add(at + ".segment: no segment '" + in.segment() + "' is in force");
            }
        } else if (c instanceof TagCondition.Activity activity) {
            activity(activity, at, errors);
        } else if (c instanceof TagCondition.Field field) {
            field(field, at, scenarios, errors);
        } else if (c instanceof TagCondition.Context) {
            errors.add(at + ".context: segments cannot test context (holidays, weather) directly; define a scenario tag "
                    + "with it and test scenario.<key>");
        }
    }

    private static void list(List<TagCondition> conditions, String at, int depth, int[] nodes, Segments segments,
                             ScenarioTags scenarios, List<String> errors) {
        if (conditions.isEmpty()) {
            errors.add(at + ": must list at least one condition");
        }
        for (int i = 0; i < conditions.size(); i++) {
            if (conditions.get(i) == null) {
                errors.add(at + "[" + i + "]: must not be null");
            } else {
                check(conditions.get(i), at + "[" + i + "]", depth + 1, nodes, segments, scenarios, errors);
            }
        }
    }

    private static void activity(TagCondition.Activity activity, String at, List<String> errors) {
        if (!ProfileDimensions.ACTIVITY_KINDS.containsKey(activity.activity())) {
            errors.add(at + ".activity: unknown activity '" + activity.activity() + "'; known: "
                    + String.join(", ", ProfileDimensions.ACTIVITY_KINDS.keySet()));
        }
        if (activity.category() != null) {
            errors.add(at + ".category: segments count activity of every category; define a scenario tag for one category");
        }
        if (!SegmentFields.windowIndexed(activity.withinDays())) {
            errors.add(at + ".withinDays: segments use the windows profiles keep: " + SegmentFields.windows()
                    + " days; got " + activity.withinDays());
        }
        if (activity.atLeast() < 1) {
            errors.add(at + ".atLeast: must be at least 1, got " + activity.atLeast());
        }
    }

    private static void field(TagCondition.Field field, String at, ScenarioTags scenarios, List<String> errors) {
        String name = field.field();
        ProfileDimensions.Type type;
        if (name.startsWith(SegmentFields.SCENARIO_PREFIX)) {
            if (scenarios.find(name.substring(SegmentFields.SCENARIO_PREFIX.length())) == null) {
                errors.add(at + ".field: no scenario tag '" + name.substring(SegmentFields.SCENARIO_PREFIX.length()) + "' is in force");
                return;
            }
            type = ProfileDimensions.Type.BOOLEAN;
        } else if (SegmentFields.dimension(name).isPresent()) {
            type = SegmentFields.dimension(name).get().type();
        } else {
            errors.add(at + ".field: unknown field '" + name + "'; use a dimension from docs/tags.md or scenario.<tag key>");
            return;
        }
        String kind = type.name().toLowerCase();
        Object value = field.value();
        switch (field.op()) {
            case exists -> {
                if (value != null && !(value instanceof Boolean)) {
                    errors.add(at + ".value: exists takes true, false or nothing");
                }
            }
            case in -> {
                if (!(value instanceof Collection<?> options) || options.isEmpty()) {
                    errors.add(at + ".value: 'in' needs a non-empty list");
                } else if (type == ProfileDimensions.Type.DATE) {
                    errors.add(at + ".op: " + name + " is a date: test it with exists, or use a days-since dimension");
                } else {
                    int i = 0;
                    for (Object option : options) {
                        typed(option, type, at + ".value[" + i++ + "]", name, kind, errors);
                    }
                }
            }
            case gt, gte, lt, lte -> {
                if (type != ProfileDimensions.Type.LONG && type != ProfileDimensions.Type.DOUBLE) {
                    errors.add(at + ".op: '" + field.op() + "' compares numbers; " + name + " is " + kind);
                } else {
                    typed(value, type, at + ".value", name, kind, errors);
                }
            }
            default -> {
                if (type == ProfileDimensions.Type.DATE) {
                    errors.add(at + ".op: " + name + " is a date: test it with exists, or use a days-since dimension");
                } else {
                    typed(value, type, at + ".value", name, kind, errors);
                }
            }
        }
    }

    private static void typed(Object value, ProfileDimensions.Type type, String at, String name, String kind, List<String> errors) {
        boolean ok = switch (type) {
            case KEYWORD -> value instanceof String;
            case LONG -> value instanceof Integer || value instanceof Long || value instanceof java.math.BigInteger;
            case DOUBLE -> value instanceof Number;
            case BOOLEAN -> value instanceof Boolean;
            case DATE -> false;
        };
        if (!ok) {
            errors.add(at + ": " + name + " is " + kind + (type == ProfileDimensions.Type.LONG ? " (whole numbers)" : "")
                    + "; got " + (value == null ? "nothing" : value.getClass().getSimpleName().toLowerCase() + " " + value));
        }
    }

    /** A reference chain from the new definition back to itself, named in full. */
    private static java.util.Optional<String> cycle(String key, TagCondition condition, Segments segments) {
        Map<String, Segments.Definition> inForce = segments.inForce();
        List<String> path = new ArrayList<>(List.of(key));
        return cycleFrom(key, Segments.references(condition), inForce, path, new LinkedHashSet<>());
    }

    private static java.util.Optional<String> cycleFrom(String key, Set<String> refs, Map<String, Segments.Definition> inForce,
                                                        List<String> path, Set<String> seen) {
        for (String ref : refs) {
            path.add(ref);
            if (ref.equals(key)) {
                return java.util.Optional.of("condition: segments refer to each other in a cycle: " + String.join(" → ", path));
            }
            Segments.Definition d = inForce.get(ref);
            if (d != null && seen.add(ref)) {
                var found = cycleFrom(key, Segments.references(d.condition()), inForce, path, seen);
                if (found.isPresent()) {
                    return found;
                }
            }
            path.remove(path.size() - 1);
        }
        return java.util.Optional.empty();
    }
}
