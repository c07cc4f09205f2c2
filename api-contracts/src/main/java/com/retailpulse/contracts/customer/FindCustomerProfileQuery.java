package com.retailpulse.contracts.customer;

/**
 * The customer's current tag profile: a {@link CustomerProfileView}, or nothing when unknown. Personal
 * data (name, phone, e-mail, address) comes masked unless {@code revealPersonalData}.
 */
public record FindCustomerProfileQuery(CustomerId customerId, boolean revealPersonalData) {

    /** Personal data masked (the view for every role but ADMIN). */
    public FindCustomerProfileQuery(CustomerId customerId) {
        this(customerId, false);
    }
}
