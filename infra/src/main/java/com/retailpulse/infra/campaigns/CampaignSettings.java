package com.retailpulse.infra.campaigns;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

/**
 * Campaign settings ({@code retailpulse.campaigns}, docs/campaigns.md): what one message costs per
 * channel and currency, how long after a customer's assignment an order counts for the campaign, and how
 * often running campaigns with an auto-winner or Thompson allocation are looked at. A wrong channel,
 * currency, amount or interval stops the start with the setting named.
 *
 * @param unitCosts            channel code → currency → cost of one message; a channel not listed costs nothing
 * @param attributionWindow    an order placed this long after the assignment or sooner is a conversion
 * @param reallocationInterval how often the allocator reads each running non-fixed campaign's report (default 1m)
 */
@ConfigurationProperties("retailpulse.campaigns")
public record CampaignSettings(Map<String, Map<String, BigDecimal>> unitCosts, Duration attributionWindow,
                               Duration reallocationInterval) {

    public static final Duration DEFAULT_REALLOCATION_INTERVAL = Duration.ofMinutes(1);

    public CampaignSettings {
        unitCosts = unitCosts == null ? Map.of() : unitCosts;
        if (attributionWindow == null || attributionWindow.isNegative() || attributionWindow.isZero()) {
            throw new IllegalArgumentException("retailpulse.campaigns.attribution-window must be a positive duration such as 7d, got "
                    + attributionWindow);
        }
        if (reallocationInterval == null) {
            reallocationInterval = DEFAULT_REALLOCATION_INTERVAL;
        } else if (reallocationInterval.isNegative() || reallocationInterval.isZero()) {
            throw new IllegalArgumentException("retailpulse.campaigns.reallocation-interval must be a positive duration such as 1m, got "
                    + reallocationInterval);
        }
    }

    /** The costs, checked: every channel known, every currency an ISO-4217 code, every amount zero or more. */
    public SettingsChannelCosts channelCosts() {
        return SettingsChannelCosts.of(unitCosts);
    }
}
