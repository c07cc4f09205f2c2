package com.retailpulse.contracts.identity;

import com.retailpulse.contracts.customer.CustomerId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Points a claimed identifier at the unified customer after a merge or an unmerge ({@code mergeId}). */
public record RouteIdentifierCommand(@TargetAggregateIdentifier IdentifierKey key, CustomerId customer, String mergeId) {
}
