/**
 * Campaigns: a plan (goal, period, budget, audience segments, variants, holdout, send time, throttle,
 * priority) that a marketer drafts and schedules, and that the dispatch saga sends in throttled batches
 * (docs/campaigns.md). Lifecycle: DRAFT → SCHEDULED → RUNNING ⇄ PAUSED → COMPLETED.
 */
package com.retailpulse.contracts.campaign;
