package com.retailpulse.contracts.customer;

/** Which customer does this identifier belong to? Answers a {@link CustomerRefView}, or nothing. */
public record FindCustomerByIdentifierQuery(CustomerIdentifier identifier) {
}
