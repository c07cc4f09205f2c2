package com.retailpulse.contracts.customer;

/** The customer's whole event history with metadata, oldest first: a {@link CustomerEventsView}. */
public record FindCustomerEventsQuery(CustomerId customerId) {
}
