package com.retailpulse.contracts.campaign;

/**
 * DRAFT (the plan may change) → SCHEDULED (plan fixed, waiting for its send time) → RUNNING ⇄ PAUSED →
 * COMPLETED. Only RUNNING sends; PAUSED keeps the dispatch's place in the audience.
 */
public enum CampaignState {
    DRAFT, SCHEDULED, RUNNING, PAUSED, COMPLETED
}
