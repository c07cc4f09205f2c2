package com.retailpulse.contracts.message;

/** Why a guardrail stopped a message (docs/messaging.md). */
public enum SuppressionReason {
    /** No marketing consent on the channel (or, for the webhook, on any channel). */
    NO_CONSENT,
    /** The customer has no identifier the channel can address. */
    NO_ADDRESS,
    /** The customer record was merged into another; messages go to the survivor. */
    MERGED,
    /** The customer's personal data was erased: they are not contacted again. */
    ERASED,
    GLOBAL_DAILY_CAP,
    GLOBAL_WEEKLY_CAP,
    CHANNEL_DAILY_CAP,
    CHANNEL_WEEKLY_CAP,
    /** A message of higher priority reached the customer within the priority window. */
    OUTRANKED
}
