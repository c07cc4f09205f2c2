package com.retailpulse.contracts.message;

/** What the customer's guardrails decided for a {@link MessageRequest}. */
public enum MessageOutcome {
    /** Passed every guardrail: it goes out on its channel. */
    ACCEPTED,
    /** Inside the customer's quiet hours: asked again when they end. */
    DEFERRED,
    /** Stopped by a guardrail, with the reason recorded. */
    SUPPRESSED,
    /** The same message id was decided before: nothing new happens. */
    DUPLICATE
}
