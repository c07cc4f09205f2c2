package com.retailpulse.projections.profile;

import com.retailpulse.contracts.tag.TagCondition;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a tag definition before it is recorded: every field a known dimension or attribute, every
 * activity kind known, windows within the retained days, contexts known, values of the right kind.
 * Errors name the place in the tree, e.g. {@code condition.all[1].field}.
 */
public final class TagConditionValidator {

    static final Set<String> CONTEXTS = Set.of("holiday_within", "hot_weather", "cold_weather", "rainy");
    private static final int MAX_DEPTH = 8;
    private static final int MAX_NODES = 100;

    private TagConditionValidator() {
    }

    public static List<String> validate(TagCondition condition, TagSettings settings) {
        List<String> errors = new ArrayList<>();
        if (condition == null) {
            errors.add("condition: required");
            return errors;
        }
        int[] nodes = {0};
        check(condition, "condition", 0, nodes, settings, errors);
        if (nodes[0] > MAX_NODES) {
            errors.add("condition: at most " + MAX_NODES + " conditions, found " + nodes[0]);
        }
        return errors;
    }

    private static void check(TagCondition c, String at, int depth, int[] nodes, TagSettings settings, List<String> errors) {
        nodes[0]++;
        if (depth > MAX_DEPTH) {
            errors.add(at + ": nested deeper than " + MAX_DEPTH);
            return;
        }
        if (c instanceof TagCondition.All all) {
            list(all.all(), at + ".all", depth, nodes, settings, errors);
        } else if (c instanceof TagCondition.Any any) {
            list(any.any(), at + ".any", depth, nodes, settings, errors);
        } else if (c instanceof TagCondition.Not not) {
            check(not.not(), at + ".not", depth + 1, nodes, settings, errors);
        } else if (c instanceof TagCondition.Field field) {
            field(field, at, errors);
        } else if (c instanceof TagCondition.Activity activity) {
            if (!ProfileDimensions.ACTIVITY_KINDS.containsKey(activity.activity()) && !activity.activity().startsWith("custom:")) {
                errors.add(at + ".activity: unknown activity '" + activity.activity() + "'; known: "
                        + String.join(", ", ProfileDimensions.ACTIVITY_KINDS.keySet()) + ", or custom:<event name>");
            }
            if (activity.withinDays() < 1 || activity.withinDays() > settings.retentionDays()) {
                errors.add(at + ".withinDays: must be 1–" + settings.retentionDays() + " (days of activity kept), got "
                        + activity.withinDays());
            }
            if (activity.atLeast() < 1) {
                errors.add(at + ".atLeast: must be at least 1, got " + activity.atLeast());
            }
        } else if (c instanceof TagCondition.InSegment) {
            errors.add(at + ".segment: tags cannot depend on segments (segments are evaluated from tags)");
        } else if (c instanceof TagCondition.Context ctx) {
            if (!CONTEXTS.contains(ctx.context())) {
                errors.add(at + ".context: unknown context '" + ctx.context() + "'; known: "
                        + CONTEXTS.stream().sorted().collect(Collectors.joining(", ")));
            }
            if (ctx.days() != null && (ctx.days() < 0 || ctx.days() > 366)) {
                errors.add(at + ".days: must be 0–366, got " + ctx.days());
            }
        }
    }

    private static void list(List<TagCondition> conditions, String at, int depth, int[] nodes, TagSettings settings,
                             List<String> errors) {
        if (conditions.isEmpty()) {
            errors.add(at + ": must list at least one condition");
        }
        for (int i = 0; i < conditions.size(); i++) {
            if (conditions.get(i) == null) {
                errors.add(at + "[" + i + "]: must not be null");
            } else {
                check(conditions.get(i), at + "[" + i + "]", depth + 1, nodes, settings, errors);
            }
        }
    }

    private static void field(TagCondition.Field field, String at, List<String> errors) {
        String name = field.field();
        ProfileDimensions.Dimension dimension = ProfileDimensions.all().stream().filter(d -> d.name().equals(name))
                .findFirst().orElse(null);
        boolean attribute = name.startsWith("attributes.") && name.length() > "attributes.".length();
        if (dimension == null && !attribute) {
            errors.add(at + ".field: unknown dimension '" + name + "'; use a name from docs/tags.md or attributes.<name>");
            return;
        }
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
                }
            }
            case gt, gte, lt, lte -> {
                boolean numeric = dimension == null || dimension.type() == ProfileDimensions.Type.LONG
                        || dimension.type() == ProfileDimensions.Type.DOUBLE;
                if (!(value instanceof Number) || !numeric) {
                    errors.add(at + ".value: '" + field.op() + "' compares numbers; "
                            + (numeric ? "give a number" : name + " is " + dimension.type().name().toLowerCase()));
                }
            }
            default -> {
                if (value == null) {
                    errors.add(at + ".value: required for '" + field.op() + "'");
                }
            }
        }
    }
}
