package com.retailpulse.contracts.campaign;

/**
 * What an allocation decision was based on, for one arm: customers assigned to it so far and those who
 * converted within the attribution window, and (for a Thompson reallocation) the share of traffic the
 * bandit gave it before the floor. {@code share} is null when it does not apply.
 */
public record CampaignArmTally(String arm, long assigned, long converted, Double share) {
}
