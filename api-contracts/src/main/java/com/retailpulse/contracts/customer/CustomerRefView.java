package com.retailpulse.contracts.customer;

/** A reference to one customer. */
public record CustomerRefView(String customerId) {
}
