package com.retailpulse.infra.campaigns;

import com.retailpulse.contracts.campaign.CampaignAllocation;
import com.retailpulse.contracts.campaign.CampaignGoal;
import com.retailpulse.contracts.campaign.CampaignPlan;
import com.retailpulse.contracts.campaign.CampaignVariant;
import com.retailpulse.contracts.common.Money;
import com.retailpulse.contracts.message.Channel;
import com.retailpulse.contracts.offer.OfferId;
import com.retailpulse.contracts.offer.OfferState;
import com.retailpulse.contracts.segment.SegmentKey;
import com.retailpulse.infra.templates.MessageTemplate;
import com.retailpulse.projections.offer.OfferCatalogue;
import com.retailpulse.projections.segment.SegmentDefinitionStore;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a request into a {@link CampaignPlan} and checks it: the plan's own rules
 * ({@link CampaignPlan#problems()}), then what only the platform knows — the segments are defined, the
 * templates use fields that exist, the offers exist and have not ended, and each variant's channel can be
 * costed in the budget's currency. Every problem names its field.
 */
@Component
class CampaignPlans {

    private final SegmentDefinitionStore segments;
    private final OfferCatalogue offers;
    private final SettingsChannelCosts costs;

    CampaignPlans(SegmentDefinitionStore segments, OfferCatalogue offers, SettingsChannelCosts costs) {
        this.segments = segments;
        this.offers = offers;
        this.costs = costs;
    }

    /** Record of a plan and every problem found reading it; the plan is null when the request had no body. */
    record Checked(CampaignPlan plan, List<String> problems) {
    }

    Checked check(CampaignRequest request) {
        if (request == null) {
            return new Checked(null, List.of("plan: required (a JSON body with name, goal, period, budget, segments, variants, …)"));
        }
        List<String> problems = new ArrayList<>();
        // Fields already reported here are not reported again by the plan's own rules.
        Set<String> reported = new HashSet<>();

        CampaignGoal goal = null;
        if (request.goal() != null) {
            try {
                goal = CampaignGoal.valueOf(request.goal().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                report(problems, reported, "goal", "one of " + Arrays.toString(CampaignGoal.values()) + ", got '" + request.goal() + "'");
            }
        }
        Money budget = null;
        if (request.budget() != null) {
            if (request.budget().amount() == null) {
                report(problems, reported, "budget", "amount required");
            }
            String currency = request.budget().currency() == null ? null : request.budget().currency().strip().toUpperCase(Locale.ROOT);
            if (!Money.isCurrencyCode(currency)) {
                report(problems, reported, "budget", "currency must be a 3-letter ISO-4217 code, got "
                        + (request.budget().currency() == null ? "nothing" : "'" + request.budget().currency() + "'"));
            } else if (request.budget().amount() != null) {
                budget = new Money(request.budget().amount(), currency);
            }
        }
        List<CampaignVariant> variants = new ArrayList<>();
        List<CampaignRequest.Variant> requested = request.variants() == null ? List.of() : request.variants();
        for (int i = 0; i < requested.size(); i++) {
            CampaignRequest.Variant v = requested.get(i);
            if (v == null) {
                variants.add(null);
                continue;
            }
            String at = "variants[" + i + "]";
            if (v.weight() == null) {
                report(problems, reported, at + ".weight", "required (1–" + CampaignVariant.MAX_WEIGHT + ", relative to the other variants)");
            }
            Channel channel = null;
            if (v.channel() != null) {
                channel = Channel.fromCode(v.channel()).orElse(null);
                if (channel == null) {
                    report(problems, reported, at + ".channel", "unknown channel '" + v.channel() + "'; known: " + Channel.codes());
                }
            }
            variants.add(new CampaignVariant(v.key(), v.weight() == null ? 0 : v.weight(), channel, v.title(), v.body(),
                    offerId(v.offerId())));
        }
        if (request.messagesPerSecond() == null) {
            report(problems, reported, "messagesPerSecond", "required (the throttle, 1–" + CampaignPlan.MAX_MESSAGES_PER_SECOND + ")");
        }
        if (request.priority() == null) {
            report(problems, reported, "priority", "required (0–" + CampaignPlan.MAX_PRIORITY
                    + "; higher wins against other journeys and campaigns)");
        }
        CampaignAllocation allocation = null;
        if (request.allocation() != null) {
            allocation = CampaignAllocation.fromCode(request.allocation()).orElse(null);
            if (allocation == null) {
                report(problems, reported, "allocation", "one of " + CampaignAllocation.codes() + ", got '" + request.allocation() + "'");
            }
        }
        CampaignPlan plan = new CampaignPlan(request.name(), goal, request.startsAt(), request.endsAt(), budget, request.segments(),
                request.excludedSegments(), variants, request.holdoutShare() == null ? 0 : request.holdoutShare(), request.sendAt(),
                request.messagesPerSecond() == null ? 0 : request.messagesPerSecond(),
                request.priority() == null ? 0 : request.priority(), allocation, request.minimumShare());
        plan.problems().stream().filter(p -> !reported.contains(field(p))).forEach(problems::add);
        problems.addAll(platformProblems(plan));
        return new Checked(plan, problems);
    }

    /**
     * What the platform has against a plan: segments not defined, template fields that do not exist,
     * offers missing or ended, channels that cannot be costed in the budget's currency. Parts the plan's own
     * rules refuse (a malformed key, a missing body) are left to them.
     */
    List<String> platformProblems(CampaignPlan plan) {
        List<String> problems = new ArrayList<>();
        segmentProblems("segments", plan.segments(), problems);
        segmentProblems("excludedSegments", plan.excludedSegments(), problems);
        for (int i = 0; i < plan.variants().size(); i++) {
            CampaignVariant variant = plan.variants().get(i);
            if (variant == null) {
                continue;
            }
            String at = "variants[" + i + "]";
            if (variant.body() != null && !variant.body().isBlank()) {
                MessageTemplate.problems(variant.body()).forEach(p -> problems.add(at + ".body: " + p));
            }
            if (variant.title() != null && !variant.title().isBlank()) {
                MessageTemplate.problems(variant.title()).forEach(p -> problems.add(at + ".title: " + p));
            }
            if (variant.offerId() != null && validOfferId(variant.offerId())) {
                String id = variant.offerId();
                offers.offer(id).ifPresentOrElse(offer -> {
                    if (offer.state() == OfferState.ENDED) {
                        problems.add(at + ".offerId: offer " + id + " has ended");
                    }
                }, () -> problems.add(at + ".offerId: no offer " + id));
            }
            if (variant.channel() != null && plan.budget() != null) {
                String cost = costs.problem(variant.channel(), plan.budget().currency());
                if (cost != null) {
                    problems.add(at + ".channel: " + variant.channel().code() + " messages cannot be costed against the budget: " + cost);
                }
            }
        }
        return problems;
    }

    private void segmentProblems(String field, List<String> keys, List<String> problems) {
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            if (!validSegmentKey(key)) {
                continue;
            }
            int index = i;
            segments.find(key).ifPresentOrElse(segment -> {
                if (segment.retired()) {
                    problems.add(field + "[" + index + "]: segment '" + key + "' is retired");
                }
            }, () -> problems.add(field + "[" + index + "]: no segment '" + key + "'; define it first (PUT /api/v1/segments/" + key + ")"));
        }
    }

    private static void report(List<String> problems, Set<String> reported, String field, String what) {
        problems.add(field + ": " + what);
        reported.add(field);
    }

    /** The field a problem names: what comes before its first colon. */
    private static String field(String problem) {
        int colon = problem.indexOf(':');
        return colon < 0 ? problem : problem.substring(0, colon);
    }

    /** An offer id as typed (case, look-alike letters) in its canonical form; as given when it is none, for the plan to name. */
    private static String offerId(String typed) {
        if (typed == null) {
            return null;
        }
        try {
            return OfferId.parse(typed).value();
        } catch (IllegalArgumentException e) {
            return typed;
        }
    }

    private static boolean validSegmentKey(String key) {
        try {
            new SegmentKey(key);
            return true;
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }

    private static boolean validOfferId(String id) {
        try {
            new OfferId(id);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
