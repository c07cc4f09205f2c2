package com.retailpulse.projections.profile;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The customer's document in the {@code profiles} index. {@code parts} holds each customer record's
 * own contribution (stored, not indexed): one for a customer that stands alone, more after merges.
 * Everything else — identifiers, order facts, tag dimensions, attributes — is derived from the parts
 * whenever they change ({@link #recompute}). A record merged into another keeps a document that only
 * says where it went ({@code mergedInto}); counts and searches leave those out.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonIgnoreProperties(ignoreUnknown = true)
public class ProfileDocument {

    /**
     * Order facts. RFM raw values derive from them: frequency = count, monetary = revenue − refunded
     * (net of cancellations and returns), recency from lastOrderAt.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Orders(long count, BigDecimal revenue, String currency, BigDecimal averageOrderValue,
                         Instant firstOrderAt, Instant lastOrderAt, long cancelled, BigDecimal refunded) {
        public Orders {
            revenue = revenue == null ? BigDecimal.ZERO : revenue;
            refunded = refunded == null ? BigDecimal.ZERO : refunded;
        }

        public BigDecimal netRevenue() {
            return revenue.subtract(refunded);
        }
    }

    /** The customer is in a segment since {@code since}, put there by definition {@code version} (as recorded). */
    public record Membership(int version, Instant since) {
    }

    /** A merge this customer survived (or that was undone: {@code unmergedAt}). */
    public record Merge(String mergeId, String absorbed, List<String> records, String reason, Instant mergedAt,
                        Instant unmergedAt, String unmergeReason) {
    }

    String customerId;
    String mergedInto;
    List<String> identifiers = List.of();
    Instant firstSeenAt;
    Orders orders = new Orders(0, BigDecimal.ZERO, null, BigDecimal.ZERO, null, null, 0, BigDecimal.ZERO);
    Map<String, Object> tags = new LinkedHashMap<>();
    /** Segments the profile matches now, as evaluated with the definitions in force. */
    List<String> segments = List.of();
    /** Segments the customer's history records them in (SegmentEnteredEvent / SegmentLeftEvent). */
    Map<String, Membership> memberships = new LinkedHashMap<>();
    ProfileAttributes attributes = new ProfileAttributes();
    List<Merge> merges = new ArrayList<>();
    LinkedHashMap<String, ProfilePart> parts = new LinkedHashMap<>();
    Instant lastEventAt;
    Instant updatedAt;

    protected ProfileDocument() {
        // for Jackson
    }

    public static ProfileDocument empty(String customerId) {
        ProfileDocument doc = new ProfileDocument();
        doc.customerId = customerId;
        return doc;
    }

    /**
     * A customer with one order, exactly as the projection would write it: the benchmark's raw
     * Elasticsearch floor indexes documents of the real shape and size.
     */
    public static ProfileDocument withOneOrder(String customerId, String identifier, Instant placed, BigDecimal total,
                                               TagSettings settings, Instant now) {
        ProfileDocument doc = empty(customerId);
        ProfilePart part = doc.part(customerId);
        part.identifiers.add(identifier);
        part.firstSeenAt = placed;
        part.facts.order(placed, "GBP", List.of(new com.retailpulse.contracts.customer.OrderLine("SKU-1", "Product", 1, total)),
                total, "pos", sku -> null, settings.zone());
        part.applied(0);
        part.applied(1);
        doc.touched(placed, now);
        doc.recompute(settings, now);
        return doc;
    }

    public String customerId() {
        return customerId;
    }

    public String mergedInto() {
        return mergedInto;
    }

    public List<String> identifiers() {
        return identifiers;
    }

    public Instant firstSeenAt() {
        return firstSeenAt;
    }

    public Orders orders() {
        return orders;
    }

    public Map<String, Object> tags() {
        return tags;
    }

    public List<String> segments() {
        return segments;
    }

    public Map<String, Membership> memberships() {
        return memberships;
    }

    void entered(String segment, int version, Instant at) {
        memberships.put(segment, new Membership(version, at));
    }

    void left(String segment) {
        memberships.remove(segment);
    }

    /** Segments the profile matches but the history does not record them in yet. */
    public List<String> segmentsToEnter() {
        return segments.stream().filter(s -> !memberships.containsKey(s)).toList();
    }

    /** Segments the history records them in that the profile no longer matches. */
    public List<String> segmentsToLeave() {
        return memberships.keySet().stream().filter(s -> !segments.contains(s)).toList();
    }

    public ProfileAttributes attributes() {
        return attributes;
    }

    public List<Merge> merges() {
        return merges;
    }

    /** The customer records this profile covers: its own and those merged into it. */
    public List<String> records() {
        return List.copyOf(parts.keySet());
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Instant lastEventAt() {
        return lastEventAt;
    }

    /** The record's own part, created empty on its first event. */
    ProfilePart part(String recordId) {
        return parts.computeIfAbsent(recordId, id -> new ProfilePart());
    }

    ProfilePart removePart(String recordId) {
        ProfilePart part = parts.remove(recordId);
        return part == null ? new ProfilePart() : part;
    }

    void putPart(String recordId, ProfilePart part) {
        parts.put(recordId, part);
    }

    void mergedInto(String survivor) {
        this.mergedInto = survivor;
    }

    void merged(Merge merge) {
        merges.removeIf(m -> m.mergeId().equals(merge.mergeId()));
        merges.add(merge);
    }

    void unmerged(String mergeId, Instant at, String reason) {
        merges.replaceAll(m -> m.mergeId().equals(mergeId)
                ? new Merge(m.mergeId(), m.absorbed(), m.records(), m.reason(), m.mergedAt(), at, reason) : m);
    }

    void touched(Instant eventAt, Instant now) {
        lastEventAt = lastEventAt == null || eventAt.isAfter(lastEventAt) ? eventAt : lastEventAt;
        updatedAt = now;
    }

    /** The facts of all parts together. */
    @JsonIgnore
    public ProfileFacts facts() {
        ProfileFacts sum = null;
        for (ProfilePart p : parts.values()) {
            sum = sum == null ? p.facts : sum.plus(p.facts);
        }
        return sum == null ? new ProfileFacts() : sum;
    }

    /** Derives everything shown and searched from the parts, as of {@code asOf} (built-in dimensions only). */
    void recompute(TagSettings settings, Instant asOf) {
        recompute(settings, asOf, new ScenarioTags(), new Segments(), ContextData.NONE);
    }

    /** Derives everything shown and searched from the parts, as of {@code asOf}, with the scenario tags in force. */
    public void recompute(TagSettings settings, Instant asOf, ScenarioTags scenarios, Segments segmentsInForce,
                          ContextData context) {
        ProfileFacts facts = facts();
        ProfileAttributes attrs = new ProfileAttributes();
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        Instant first = null;
        Map<String, ModelScore> scores = new TreeMap<>();
        for (ProfilePart p : parts.values()) {
            p.scores.forEach((model, score) -> scores.merge(model, score, ModelScore::newer));
            attrs = attrs.plus(p.attributes);
            ids.addAll(p.identifiers);
            first = first == null || (p.firstSeenAt != null && p.firstSeenAt.isBefore(first)) ? p.firstSeenAt : first;
        }
        attributes = attrs;
        identifiers = List.copyOf(ids);
        firstSeenAt = first;
        BigDecimal aov = facts.orders == 0 ? BigDecimal.ZERO
                : facts.revenue.divide(BigDecimal.valueOf(facts.orders), 2, RoundingMode.HALF_UP);
        orders = new Orders(facts.orders, facts.revenue, facts.currency, aov, facts.firstOrderAt, facts.lastOrderAt,
                facts.cancellations, facts.refunded);
        if (parts.isEmpty()) {
            tags = new LinkedHashMap<>();
            segments = List.of();
            return;
        }
        var input = new ProfileDimensions.Input(facts, attrs, settings, asOf, scores);
        tags = ProfileDimensions.compute(input);
        Map<String, Object> dimensions = Map.copyOf(tags);
        for (ScenarioTags.Definition d : scenarios.inForce().values()) {
            tags.put("scenario." + d.key(), TagConditionEvaluator.evaluate(d.condition(), input, dimensions, context));
        }
        LinkedHashSet<String> in = new LinkedHashSet<>();
        if (mergedInto == null) {
            for (Segments.Definition d : segmentsInForce.inEvaluationOrder()) {
                if (SegmentEvaluator.matches(d.condition(), tags, in)) {
                    in.add(d.key());
                }
            }
        }
        segments = in.stream().sorted().toList();
    }
}
