package com.retailpulse.infra.audit;

import com.retailpulse.contracts.campaign.CampaignCreatedEvent;
import com.retailpulse.contracts.campaign.CampaignPlan;
import com.retailpulse.contracts.campaign.CampaignScheduledEvent;
import com.retailpulse.contracts.campaign.CampaignUpdatedEvent;
import com.retailpulse.contracts.campaign.CampaignVariant;
import com.retailpulse.contracts.customer.ConsentGivenEvent;
import com.retailpulse.contracts.customer.ConsentWithdrawnEvent;
import com.retailpulse.contracts.customer.JourneyEnrolledEvent;
import com.retailpulse.contracts.customer.MessageAcceptedEvent;
import com.retailpulse.contracts.customer.MessageClickedEvent;
import com.retailpulse.contracts.customer.MessageDeferredEvent;
import com.retailpulse.contracts.customer.MessageDeliveredEvent;
import com.retailpulse.contracts.customer.MessageFailedEvent;
import com.retailpulse.contracts.customer.MessageOpenedEvent;
import com.retailpulse.contracts.customer.MessageSuppressedEvent;
import com.retailpulse.contracts.customer.SegmentEnteredEvent;
import com.retailpulse.contracts.journey.JourneyPublishedEvent;
import com.retailpulse.contracts.message.Channel;
import com.retailpulse.contracts.message.MessageRequest;
import com.retailpulse.contracts.message.MessageSource;
import com.retailpulse.contracts.segment.SegmentDefinedEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * "Why did this customer get this message?" (docs/audit.md), answered from the stored events alone: the
 * causal chain from the event that started it, through the segment and journey (or campaign) versions in
 * force, the consent that allowed it and the guardrails' decision, to the receipts. Each step names the
 * stored event it rests on (id, time, who sent it, from where), so an auditor can check it in the history.
 */
@Component
public class MessageExplanations {

    /** One link of the chain: {@code says} in words, {@code event} the stored event it rests on. */
    public record Step(String kind, String says, String event, String eventId, Instant at, Map<String, Object> metadata,
                       Object detail) {
    }

    public record Explanation(String customerId, String messageId, String channel, String outcome, MessageSource source,
                              List<Step> chain) {
    }

    private final EventStore events;

    public MessageExplanations(EventStore events) {
        this.events = events;
    }

    public Optional<Explanation> explain(String customerId, String messageId) {
        List<DomainEventMessage<?>> history = read(customerId);
        Decision decision = decision(history, messageId);
        if (decision == null) {
            return Optional.empty();
        }
        List<Step> chain = new ArrayList<>();
        MessageSource source = decision.source();
        if (source != null && MessageSource.JOURNEY.equals(source.kind())) {
            journey(history, source, chain);
        } else if (source != null && MessageSource.CAMPAIGN.equals(source.kind())) {
            campaign(history, source, decision.message().getTimestamp(), chain);
        }
        consent(history, decision.channel(), decision.message(), chain);
        for (DomainEventMessage<?> deferral : decision.deferrals()) {
            MessageDeferredEvent deferred = (MessageDeferredEvent) deferral.getPayload();
            chain.add(step("deferred", "Deferred by the quiet hours in the customer's zone until " + deferred.until()
                    + ", not dropped; the guardrails decided again then.", deferral, null));
        }
        chain.add(decision.step());
        receipts(history, messageId, chain);
        return Optional.of(new Explanation(customerId, messageId, decision.channel().code(), decision.outcome(), source, chain));
    }

    private record Decision(DomainEventMessage<?> message, String outcome, Channel channel, MessageSource source, Step step,
                            List<DomainEventMessage<?>> deferrals) {
    }

    private static Decision decision(List<DomainEventMessage<?>> history, String messageId) {
        List<DomainEventMessage<?>> deferrals = new ArrayList<>();
        for (DomainEventMessage<?> m : history) {
            Object payload = m.getPayload();
            if (payload instanceof MessageDeferredEvent deferred && deferred.request().messageId().value().equals(messageId)) {
                deferrals.add(m);
            } else if (payload instanceof MessageAcceptedEvent accepted && accepted.request().messageId().value().equals(messageId)) {
                MessageRequest request = accepted.request();
                String to = accepted.recipient() == null ? "the customer id" : accepted.recipient().key();
                return new Decision(m, "accepted", request.channel(), request.source(), step("accepted",
                        "Accepted at " + accepted.acceptedAt() + " for " + request.channel().code() + ", addressed to " + to
                                + " (priority " + request.priority() + "): it passed consent, address, quiet hours, the frequency caps"
                                + " and priority.", m, request), deferrals);
            } else if (payload instanceof MessageSuppressedEvent suppressed && suppressed.messageId().value().equals(messageId)) {
                return new Decision(m, "suppressed", suppressed.channel(), suppressed.source(), step("suppressed",
                        "Not sent: " + suppressed.reason() + " (" + suppressed.detail() + ").", m, null), deferrals);
            }
        }
        if (!deferrals.isEmpty()) {
            DomainEventMessage<?> last = deferrals.get(deferrals.size() - 1);
            MessageDeferredEvent deferred = (MessageDeferredEvent) last.getPayload();
            deferrals.remove(deferrals.size() - 1);
            return new Decision(last, "deferred", deferred.request().channel(), deferred.request().source(),
                    step("deferred", "Deferred until " + deferred.until() + " (quiet hours); not decided yet.", last, deferred.request()),
                    deferrals);
        }
        return null;
    }

    private void journey(List<DomainEventMessage<?>> history, MessageSource source, List<Step> chain) {
        DomainEventMessage<?> enrollment = history.stream()
                .filter(m -> m.getPayload() instanceof JourneyEnrolledEvent e && e.enrollmentId().equals(source.run()))
                .findFirst().orElse(null);
        if (enrollment != null) {
            JourneyEnrolledEvent enrolled = (JourneyEnrolledEvent) enrollment.getPayload();
            trigger(history, enrolled, enrollment, chain);
            chain.add(step("enrolled", "Entered journey '" + enrolled.journey() + "' version " + enrolled.version() + " at "
                    + enrolled.enrolledAt() + " because of " + enrolled.trigger() + " (run " + enrolled.enrollmentId() + ").",
                    enrollment, null));
        }
        Optional<DomainEventMessage<?>> published = read(source.key()).stream()
                .filter(m -> m.getPayload() instanceof JourneyPublishedEvent p && p.version() == source.version())
                .findFirst();
        published.ifPresent(p -> {
            JourneyPublishedEvent event = (JourneyPublishedEvent) p.getPayload();
            Object node = event.graph().node(source.step()).orElse(null);
            chain.add(step("journey-version", "Version " + event.version() + " of journey '" + source.key() + "' (\""
                    + event.graph().name() + "\"), published at " + event.publishedAt() + ", has step '" + source.step()
                    + "' that sent it" + (source.arm() == null ? "" : ", on split arm '" + source.arm() + "'") + ".", p, node));
        });
    }

    /** The event that enrolled the customer: the enrollment id is derived from the journey and that event's id. */
    private void trigger(List<DomainEventMessage<?>> history, JourneyEnrolledEvent enrolled, DomainEventMessage<?> enrollment,
                         List<Step> chain) {
        for (DomainEventMessage<?> m : history) {
            if (m.getSequenceNumber() >= enrollment.getSequenceNumber()) {
                break;
            }
            String derived = UUID.nameUUIDFromBytes((enrolled.journey() + "|" + m.getIdentifier()).getBytes(StandardCharsets.UTF_8))
                    .toString();
            if (derived.equals(enrolled.enrollmentId())) {
                if (m.getPayload() instanceof SegmentEnteredEvent entered) {
                    segmentVersion(entered.segment(), entered.version()).ifPresent(chain::add);
                    chain.add(step("trigger", "Entered segment '" + entered.segment() + "' (definition version "
                            + entered.version() + ") at " + entered.enteredAt() + ".", m, null));
                } else {
                    chain.add(step("trigger", m.getPayloadType().getSimpleName() + " recorded at " + m.getTimestamp()
                            + sourceOf(m) + ".", m, m.getPayload()));
                }
                return;
            }
        }
    }

    private void campaign(List<DomainEventMessage<?>> history, MessageSource source, Instant before, List<Step> chain) {
        CampaignPlan plan = null;
        DomainEventMessage<?> planned = null;
        for (DomainEventMessage<?> m : read(source.key())) {
            if (m.getTimestamp().isAfter(before)) {
                break;
            }
            Object payload = m.getPayload();
            if (payload instanceof CampaignCreatedEvent c) {
                plan = c.plan();
                planned = m;
            } else if (payload instanceof CampaignUpdatedEvent u) {
                plan = u.plan();
                planned = m;
            } else if (payload instanceof CampaignScheduledEvent s) {
                plan = s.plan();
                planned = m;
            }
        }
        if (plan == null) {
            return;
        }
        for (String segment : plan.segments()) {
            DomainEventMessage<?> entered = null;
            for (DomainEventMessage<?> m : history) {
                if (m.getTimestamp().isAfter(before)) {
                    break;
                }
                if (m.getPayload() instanceof SegmentEnteredEvent e && e.segment().equals(segment)) {
                    entered = m;
                }
            }
            if (entered != null) {
                SegmentEnteredEvent e = (SegmentEnteredEvent) entered.getPayload();
                segmentVersion(segment, e.version()).ifPresent(chain::add);
                chain.add(step("audience", "In the campaign's audience: entered segment '" + segment + "' (definition version "
                        + e.version() + ") at " + e.enteredAt() + ".", entered, null));
            }
        }
        String variant = source.step();
        CampaignVariant arm = plan.variants().stream().filter(v -> v.key().equals(variant)).findFirst().orElse(null);
        chain.add(step("campaign", "Campaign '" + plan.name() + "' (" + source.key() + "), its plan as scheduled at "
                + planned.getTimestamp() + ": variant '" + variant + "'" + (arm == null ? "" : " on " + arm.channel().code())
                + " for segments " + plan.segments()
                + (plan.excludedSegments().isEmpty() ? "" : " but not " + plan.excludedSegments()) + ".", planned, arm));
    }

    private Optional<Step> segmentVersion(String segment, int version) {
        return read(segment).stream()
                .filter(m -> m.getPayload() instanceof SegmentDefinedEvent d && d.version() == version)
                .findFirst()
                .map(m -> {
                    SegmentDefinedEvent d = (SegmentDefinedEvent) m.getPayload();
                    return step("segment-version", "Segment '" + segment + "' version " + version + " (\"" + d.name()
                            + "\"), defined at " + d.definedAt() + sourceOf(m) + ".", m, d.condition());
                });
    }

    /** The marketing consent on the message's channel in force when it was decided. */
    private static void consent(List<DomainEventMessage<?>> history, Channel channel, DomainEventMessage<?> decision, List<Step> chain) {
        if (channel.consent() == null) {
            return;
        }
        DomainEventMessage<?> last = null;
        for (DomainEventMessage<?> m : history) {
            if (m.getSequenceNumber() >= decision.getSequenceNumber()) {
                break;
            }
            if (m.getPayload() instanceof ConsentGivenEvent given && given.channel() == channel.consent()
                    && "marketing".equals(given.purpose().code())) {
                last = m;
            } else if (m.getPayload() instanceof ConsentWithdrawnEvent withdrawn && withdrawn.channel() == channel.consent()
                    && "marketing".equals(withdrawn.purpose().code())) {
                last = m;
            }
        }
        if (last == null) {
            chain.add(new Step("consent", "No marketing consent on " + channel.consent().code() + " was recorded before the decision.",
                    null, null, null, Map.of(), null));
        } else if (last.getPayload() instanceof ConsentGivenEvent given) {
            chain.add(step("consent", "Marketing consent on " + given.channel().code() + " given at " + given.at() + " (source "
                    + given.source() + ").", last, null));
        } else {
            ConsentWithdrawnEvent withdrawn = (ConsentWithdrawnEvent) last.getPayload();
            chain.add(step("consent", "Marketing consent on " + withdrawn.channel().code() + " withdrawn at " + withdrawn.at()
                    + " (source " + withdrawn.source() + ").", last, null));
        }
    }

    private static void receipts(List<DomainEventMessage<?>> history, String messageId, List<Step> chain) {
        for (DomainEventMessage<?> m : history) {
            Object p = m.getPayload();
            if (p instanceof MessageDeliveredEvent e && e.messageId().value().equals(messageId)) {
                chain.add(step("delivered", "Delivered on " + e.channel().code() + " at " + e.occurredAt()
                        + (e.detail() == null ? "" : " (provider id " + e.detail() + ")") + ".", m, null));
            } else if (p instanceof MessageOpenedEvent e && e.messageId().value().equals(messageId)) {
                chain.add(step("opened", "Opened at " + e.occurredAt() + ".", m, null));
            } else if (p instanceof MessageClickedEvent e && e.messageId().value().equals(messageId)) {
                chain.add(step("clicked", "Clicked " + e.detail() + " at " + e.occurredAt() + ".", m, null));
            } else if (p instanceof MessageFailedEvent e && e.messageId().value().equals(messageId)) {
                chain.add(step("failed", "Failed at " + e.occurredAt() + ": " + e.detail(), m, null));
            }
        }
    }

    private List<DomainEventMessage<?>> read(String aggregateId) {
        List<DomainEventMessage<?>> read = new ArrayList<>();
        events.readEvents(aggregateId).asStream().forEach(read::add);
        return read;
    }

    private static String sourceOf(DomainEventMessage<?> m) {
        Object issuer = m.getMetaData().get("issuedBy");
        Object source = m.getMetaData().get("source");
        if (issuer == null && source == null) {
            return "";
        }
        return " (" + (issuer == null ? "" : "by " + issuer) + (issuer != null && source != null ? ", " : "")
                + (source == null ? "" : "from " + source) + ")";
    }

    private static Step step(String kind, String says, DomainEventMessage<?> m, Object detail) {
        Map<String, Object> metadata = new LinkedHashMap<>(m.getMetaData());
        return new Step(kind, says, m.getPayloadType().getSimpleName(), m.getIdentifier(), m.getTimestamp(), metadata, detail);
    }
}
