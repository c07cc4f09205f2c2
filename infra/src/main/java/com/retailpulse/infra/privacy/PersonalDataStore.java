package com.retailpulse.infra.privacy;

import java.util.List;
import java.util.Map;

/**
 * An operational store outside the event store that holds a customer's personal data (messages as sent, a
 * recipient, free text). Each one takes part in the customer's rights (docs/privacy.md): it exports what it
 * holds on a customer record and erases it.
 */
public interface PersonalDataStore {

    /** The store's name in an export and an erasure summary ("inbox", "channel deliveries"). */
    String name();

    /** Everything the store holds on the customer record, as documents. */
    List<Map<String, Object>> export(String customerId);

    /** Removes (or strips of personal data) what the store holds on the customer record; how many documents. */
    long erase(String customerId);
}
