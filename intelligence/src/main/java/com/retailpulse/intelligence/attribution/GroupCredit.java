package com.retailpulse.intelligence.attribution;

/**
 * What a model credits to one group: a fractional number of conversions and the revenue that goes with
 * them; for the Markov model also the group's removal effect (the share of conversions lost without it).
 */
public record GroupCredit(String group, double conversions, double revenue, Double removalEffect) {
}
