package com.retailpulse.contracts.customer;

/** The member's household as the CRM knows it; either part may be unknown (null). */
public record Household(Integer size, Boolean hasChildren) {

    public Household {
        if (size != null && (size < 1 || size > 20)) {
            throw new IllegalArgumentException("household size must be 1 to 20, got " + size);
        }
    }
}
