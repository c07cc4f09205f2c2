package com.retailpulse.infra.campaigns;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A campaign plan as a marketer sends it (docs/campaigns.md). Numbers are boxed and codes are text, so a
 * missing or unknown one is named among the plan's other problems instead of failing the whole body.
 * {@code excludedSegments} defaults to none, {@code holdoutShare} to 0, {@code allocation} to {@code fixed} and
 * {@code minimumShare} (thompson only) to 0.05.
 */
record CampaignRequest(String name, String goal, Instant startsAt, Instant endsAt, Budget budget, List<String> segments,
                       List<String> excludedSegments, List<Variant> variants, Double holdoutShare, Instant sendAt,
                       Integer messagesPerSecond, Integer priority, String allocation, Double minimumShare) {

    record Budget(BigDecimal amount, String currency) {
    }

    record Variant(String key, Integer weight, String channel, String title, String body, String offerId) {
    }
}
