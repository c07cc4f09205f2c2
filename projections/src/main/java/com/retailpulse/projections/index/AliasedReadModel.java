package com.retailpulse.projections.index;

/**
 * A read model kept behind an {@link AliasedIndex} by the event processor {@code processingGroup}: replaying
 * it rebuilds into a new index while the old one keeps serving (ADR 0024). Declare one as a bean and the
 * replay API rebuilds it that way.
 */
public record AliasedReadModel(String processingGroup, AliasedIndex index) {
}
