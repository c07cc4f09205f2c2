package com.retailpulse.contracts.customer;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The live profile of one customer as the read side holds it. {@code rfm.recencyDays} is computed
 * when the profile is read, since it changes every day without any event. {@code records}: the
 * customer records this profile covers (more than one after merges, see {@code merges});
 * {@code tags}: every tag dimension by name (docs/tags.md); {@code attributes}: the latest stated
 * member attributes; {@code consents}: per "channel/purpose"; {@code personal}: name, phone, e-mail
 * and address — masked ({@code 138****5678}) unless the reader may see them, {@code "[erased]"} once
 * the customer's key was deleted; {@code segments}: the segments the customer's history records them
 * in, with the definition version that put them there and since when (docs/segments.md).
 */
public record CustomerProfileView(
        String customerId,
        List<String> identifiers,
        Instant firstSeenAt,
        Orders orders,
        Rfm rfm,
        Instant updatedAt,
        List<String> records,
        List<Merge> merges,
        Map<String, Object> tags,
        Map<String, String> attributes,
        Map<String, Consent> consents,
        Map<String, String> personal,
        Map<String, SegmentMembership> segments) {

    /** {@code cancelled}: cancellations and returns; {@code refunded}: what they were worth. */
    public record Orders(long count, long cancelled, BigDecimal revenue, BigDecimal refunded, String currency,
                         BigDecimal averageOrderValue, Instant firstOrderAt, Instant lastOrderAt) {
    }

    /**
     * Raw RFM values (days since the last order, number of orders, money spent net of refunds), their
     * 1–5 scores by population quintiles and the named group (docs/tags.md); scores are null until
     * the customer has ordered and the quintiles have been computed.
     */
    public record Rfm(Long recencyDays, long frequency, BigDecimal monetary, Integer r, Integer f, Integer m, String group) {
    }

    /** A merge this customer survived; {@code unmergedAt} is set when it was undone. */
    public record Merge(String mergeId, String absorbed, List<String> records, String reason, Instant mergedAt,
                        Instant unmergedAt, String unmergeReason) {
    }

    public record Consent(boolean granted, Instant at, String source) {
    }

    public record SegmentMembership(int version, Instant since) {
    }
}
