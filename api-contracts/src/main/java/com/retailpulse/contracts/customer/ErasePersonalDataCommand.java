package com.retailpulse.contracts.customer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Objects;

/**
 * The customer's right to erasure, for one customer record (a unified customer is erased record by record,
 * docs/privacy.md): the record gives up its identifiers and is never contacted again. Its personal data is
 * made unreadable by deleting its key, outside the event store (crypto-shredding, ADR 0008).
 *
 * @param reason why, in words, for the auditor ("data subject request 2026-118")
 */
public record ErasePersonalDataCommand(@TargetAggregateIdentifier CustomerId customerId, String reason) {

    public ErasePersonalDataCommand {
        Objects.requireNonNull(customerId, "customerId");
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason: say why the personal data is erased (it is kept for auditors)");
        }
    }
}
