package com.retailpulse.contracts.customer;

/** How many customers the platform knows: a {@link CustomerCountView}. */
public record CountCustomersQuery() {
}
