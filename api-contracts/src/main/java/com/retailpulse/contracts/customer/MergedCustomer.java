package com.retailpulse.contracts.customer;

import java.util.List;

/** One customer record taking part in a merge, with the identifiers it owns. */
public record MergedCustomer(CustomerId customerId, List<CustomerIdentifier> identifiers) {

    public MergedCustomer {
        identifiers = List.copyOf(identifiers);
    }
}
