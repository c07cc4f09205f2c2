package com.retailpulse.contracts.customer;

import java.time.Instant;

/** A change of the customer's consent for one channel and purpose. */
public interface ConsentEvent {

    ConsentChannel channel();

    ConsentPurpose purpose();

    /** When the customer gave or withdrew it, as the source says. */
    Instant at();

    /** The system the statement came from (crm, app-settings, store-form, ...). */
    String source();
}
