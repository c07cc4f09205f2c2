package com.retailpulse.infra.journeys;

import com.retailpulse.contracts.journey.JourneyGraph;
import com.retailpulse.command.journey.JourneyGraphCheck;
import com.retailpulse.contracts.journey.JourneyNode;
import com.retailpulse.contracts.journey.Trigger;
import com.retailpulse.infra.templates.MessageTemplate;
import com.retailpulse.projections.offer.OfferCatalogue;
import com.retailpulse.projections.profile.ScenarioTags;
import com.retailpulse.projections.profile.SegmentConditionValidator;
import com.retailpulse.projections.profile.Segments;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything wrong with a journey before it is published: the graph's shape (JourneyGraphCheck) and what
 * only the platform knows: the templates' fields, the offers, the segments and the profile fields a
 * condition names, the webhook endpoints configured. Each problem names the node.
 */
@Component
class JourneyChecks {

    private final OfferCatalogue offers;
    private final Segments segments;
    private final ScenarioTags scenarios;
    private final JourneyWebhookEndpoints webhooks;

    JourneyChecks(OfferCatalogue offers, Segments segments, ScenarioTags scenarios, JourneyWebhookEndpoints webhooks) {
        this.offers = offers;
        this.segments = segments;
        this.scenarios = scenarios;
        this.webhooks = webhooks;
    }

    List<String> problems(JourneyGraph graph) {
        List<String> problems = new ArrayList<>(JourneyGraphCheck.problems(graph));
        if (graph == null) {
            return problems;
        }
        if (graph.trigger() instanceof Trigger.OnSegmentEntry entry && segments.find(entry.segment()) == null) {
            problems.add("trigger.segment: no segment '" + entry.segment() + "'");
        } else if (graph.trigger() instanceof Trigger.OnSchedule schedule) {
            problems.addAll(JourneySchedules.cronProblems(schedule));
            for (int i = 0; i < schedule.segments().size(); i++) {
                String segment = schedule.segments().get(i);
                if (segment != null && !segment.isBlank() && segments.find(segment) == null) {
                    problems.add("trigger.segments[" + i + "]: no segment '" + segment + "'");
                }
            }
        }
        for (JourneyNode node : graph.nodes()) {
            if (node == null || node.id() == null) {
                continue;
            }
            String at = "node '" + node.id() + "': ";
            if (node instanceof JourneyNode.SendMessage send) {
                if (send.title() != null && !send.title().isBlank()) {
                    MessageTemplate.problems(send.title()).forEach(p -> problems.add(at + "title: " + p));
                }
                if (send.body() != null && !send.body().isBlank()) {
                    MessageTemplate.problems(send.body()).forEach(p -> problems.add(at + "body: " + p));
                }
                offer(at, send.offerId(), problems);
            } else if (node instanceof JourneyNode.IssueCoupon issue) {
                offer(at, issue.offerId(), problems);
            } else if (node instanceof JourneyNode.CallWebhook call && call.endpoint() != null && !call.endpoint().isBlank()
                    && webhooks.find(call.endpoint()).isEmpty()) {
                problems.add(at + "endpoint: no webhook endpoint '" + call.endpoint() + "' is configured; configured: "
                        + (webhooks.names().isEmpty() ? "none (retailpulse.journeys.webhooks.<name>.url and .secret)" : webhooks.names()));
            } else if (node instanceof JourneyNode.Condition condition && condition.condition() != null) {
                SegmentConditionValidator.validate(null, condition.condition(), segments, scenarios)
                        .forEach(p -> problems.add(at + p));
            }
        }
        return problems;
    }

    private void offer(String at, String offerId, List<String> problems) {
        if (offerId != null && !offerId.isBlank() && offers.offer(offerId).isEmpty()) {
            problems.add(at + "offerId: no offer " + offerId);
        }
    }
}
