package com.retailpulse.contracts.customer;

/** The number of customers with a profile. */
public record CustomerCountView(long count) {
}
