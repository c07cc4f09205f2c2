package com.retailpulse.contracts.identity;

import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.CustomerIdentifier;

/**
 * Who an identifier belongs to: {@code owner} is the customer record that claimed it (its events are
 * recorded there), {@code customer} the unified customer it resolves to after merges.
 * {@code claimedNow}: this very claim made {@code owner} its owner.
 */
public record IdentifierOwnership(CustomerIdentifier identifier, CustomerId owner, CustomerId customer, boolean claimedNow) {
}
