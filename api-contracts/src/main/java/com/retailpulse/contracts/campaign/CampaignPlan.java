package com.retailpulse.contracts.campaign;

import com.retailpulse.contracts.common.Assignment;
import com.retailpulse.contracts.common.Money;
import com.retailpulse.contracts.segment.SegmentKey;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.retailpulse.contracts.campaign.CampaignVariant.quoted;

/**
 * Everything a campaign will do: its {@code name} and {@code goal}; the {@code period} it may run in
 * ({@code startsAt} inclusive, {@code endsAt} exclusive); the {@code budget} its messages may cost; the
 * audience (customers in any of {@code segments} and in none of {@code excludedSegments}); its variants;
 * the {@code holdoutShare} of the audience that gets nothing; {@code sendAt}, when dispatch starts;
 * {@code messagesPerSecond}, the throttle; the {@code priority} each message carries against other
 * journeys and campaigns (higher wins); and the {@code allocation} of treated traffic while it runs
 * ({@link CampaignAllocation}; null reads as fixed) with, for Thompson sampling, the {@code minimumShare}
 * each variant keeps (null reads as {@value #DEFAULT_MINIMUM_SHARE}). Checked by {@link #problems()} rather than in the constructor,
 * so an event recorded under older rules can always be read again; commands refuse an unsound plan.
 */
public record CampaignPlan(String name, CampaignGoal goal, Instant startsAt, Instant endsAt, Money budget,
                           List<String> segments, List<String> excludedSegments, List<CampaignVariant> variants,
                           double holdoutShare, Instant sendAt, int messagesPerSecond, int priority,
                           CampaignAllocation allocation, Double minimumShare) {

    public static final int MAX_VARIANTS = 10;
    public static final double MAX_HOLDOUT_SHARE = 0.5;
    public static final int MAX_MESSAGES_PER_SECOND = 10_000;
    public static final int MAX_PRIORITY = 100;
    /** The share of treated traffic a variant keeps under Thompson sampling when the plan says none. */
    public static final double DEFAULT_MINIMUM_SHARE = 0.05;

    public CampaignPlan {
        // Copies that keep nulls, so problems() can name them instead of a NullPointerException.
        segments = copy(segments);
        excludedSegments = copy(excludedSegments);
        variants = copy(variants);
    }

    /** Each problem as "field: what is wrong"; empty when the plan is sound. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (name == null || name.isBlank()) {
            problems.add("name: required (shown to marketers in the console and reports)");
        } else if (name.length() > 200) {
            problems.add("name: at most 200 characters, got " + name.length());
        }
        if (goal == null) {
            problems.add("goal: required, one of " + List.of(CampaignGoal.values()));
        }
        if (startsAt == null) {
            problems.add("startsAt: required");
        }
        if (endsAt == null) {
            problems.add("endsAt: required");
        }
        if (startsAt != null && endsAt != null && !endsAt.isAfter(startsAt)) {
            problems.add("endsAt: must be after startsAt (" + startsAt + "), got " + endsAt);
        }
        if (budget == null) {
            problems.add("budget: required (amount and currency)");
        } else if (budget.amount().compareTo(BigDecimal.ZERO) <= 0) {
            problems.add("budget: must be above zero, got " + budget.amount().toPlainString() + " " + budget.currency());
        }
        audienceProblems(problems);
        variantProblems(problems);
        if (Double.isNaN(holdoutShare) || holdoutShare < 0 || holdoutShare > MAX_HOLDOUT_SHARE) {
            problems.add("holdoutShare: must be 0–" + MAX_HOLDOUT_SHARE + ", got " + holdoutShare);
        }
        if (sendAt == null) {
            problems.add("sendAt: required (when dispatch starts)");
        } else if (startsAt != null && endsAt != null && (sendAt.isBefore(startsAt) || !sendAt.isBefore(endsAt))) {
            problems.add("sendAt: must be within the period " + startsAt + " to " + endsAt + ", got " + sendAt);
        }
        if (messagesPerSecond < 1 || messagesPerSecond > MAX_MESSAGES_PER_SECOND) {
            problems.add("messagesPerSecond: must be 1–" + MAX_MESSAGES_PER_SECOND + ", got " + messagesPerSecond);
        }
        if (priority < 0 || priority > MAX_PRIORITY) {
            problems.add("priority: must be 0–" + MAX_PRIORITY + ", got " + priority);
        }
        allocationProblems(problems);
        return problems;
    }

    /** Throws an {@link IllegalArgumentException} listing every problem, if there is one. */
    public static CampaignPlan requireSound(CampaignPlan plan) {
        if (plan == null) {
            throw new IllegalArgumentException("plan: required");
        }
        List<String> problems = plan.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return plan;
    }

    /** The allocation in force: {@link CampaignAllocation#FIXED} when the plan (or an older event) says none. */
    public CampaignAllocation allocationOrDefault() {
        return allocation == null ? CampaignAllocation.FIXED : allocation;
    }

    /** The floor of each variant's share under Thompson sampling: {@value #DEFAULT_MINIMUM_SHARE} when the plan says none. */
    public double minimumShareOrDefault() {
        return minimumShare == null ? DEFAULT_MINIMUM_SHARE : minimumShare;
    }

    /** The plan's weights (weights version 0): variant key → weight, in plan order. */
    public Map<String, Integer> weights() {
        Map<String, Integer> weights = new LinkedHashMap<>();
        variants.stream().filter(v -> v != null).forEach(v -> weights.put(v.key(), v.weight()));
        return weights;
    }

    /** The variant with this key, or null. */
    public CampaignVariant variant(String key) {
        return variants.stream().filter(v -> v.key() != null && v.key().equals(key)).findFirst().orElse(null);
    }

    /** How the audience splits: the holdout, then the variants by weight (experiment key: the campaign id). */
    public Assignment assignment() {
        return assignment(weights());
    }

    /**
     * How the audience splits under other weights (a reallocation): the same holdout share, then the
     * variants with a weight above 0, in plan order, by these weights. A variant not in {@code weights} gets
     * no customers.
     */
    public Assignment assignment(Map<String, Integer> weights) {
        List<Assignment.Arm> arms = new ArrayList<>();
        for (CampaignVariant v : variants) {
            Integer weight = weights.get(v.key());
            if (weight != null && weight > 0) {
                arms.add(new Assignment.Arm(v.key(), weight));
            }
        }
        return new Assignment(holdoutShare, arms);
    }

    private void allocationProblems(List<String> problems) {
        CampaignAllocation mode = allocationOrDefault();
        if (mode != CampaignAllocation.FIXED && variants.size() < 2) {
            problems.add("allocation: " + mode.code() + " moves traffic between variants and needs at least 2, got " + variants.size());
        }
        if (minimumShare != null) {
            int n = Math.max(1, variants.size());
            if (minimumShare.isNaN() || minimumShare < 0 || minimumShare * n > 1) {
                problems.add("minimumShare: must be 0–" + (1.0 / n) + " (at most 1 / the number of variants), got " + minimumShare);
            } else if (mode != CampaignAllocation.THOMPSON) {
                problems.add("minimumShare: only a thompson allocation has a floor, the allocation is " + mode.code());
            }
        }
    }

    private void audienceProblems(List<String> problems) {
        if (segments.isEmpty()) {
            problems.add("segments: at least one segment is required; campaigns without audience are rejected");
        }
        Set<String> included = new HashSet<>();
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (!validSegment(segment)) {
                problems.add("segments[" + i + "]: not a segment key: " + quoted(segment));
            } else if (!included.add(segment)) {
                problems.add("segments[" + i + "]: '" + segment + "' is listed twice");
            }
        }
        Set<String> excluded = new HashSet<>();
        for (int i = 0; i < excludedSegments.size(); i++) {
            String segment = excludedSegments.get(i);
            if (!validSegment(segment)) {
                problems.add("excludedSegments[" + i + "]: not a segment key: " + quoted(segment));
            } else if (included.contains(segment)) {
                problems.add("excludedSegments[" + i + "]: '" + segment + "' is also in segments");
            } else if (!excluded.add(segment)) {
                problems.add("excludedSegments[" + i + "]: '" + segment + "' is listed twice");
            }
        }
    }

    private void variantProblems(List<String> problems) {
        if (variants.isEmpty() || variants.size() > MAX_VARIANTS) {
            problems.add("variants: a campaign has 1–" + MAX_VARIANTS + " variants, got " + variants.size());
        }
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < variants.size(); i++) {
            CampaignVariant variant = variants.get(i);
            if (variant == null) {
                problems.add("variants[" + i + "]: required");
                continue;
            }
            problems.addAll(variant.problems("variants[" + i + "]"));
            if (variant.key() != null && !keys.add(variant.key())) {
                problems.add("variants[" + i + "].key: '" + variant.key() + "' is used by another variant");
            }
        }
    }

    private static boolean validSegment(String segment) {
        try {
            new SegmentKey(segment);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }
}
