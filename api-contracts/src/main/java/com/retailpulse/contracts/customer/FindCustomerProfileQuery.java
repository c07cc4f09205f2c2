package com.retailpulse.contracts.customer;

/** The customer's current tag profile: a {@link CustomerProfileView}, or nothing when unknown. */
public record FindCustomerProfileQuery(CustomerId customerId) {
}
