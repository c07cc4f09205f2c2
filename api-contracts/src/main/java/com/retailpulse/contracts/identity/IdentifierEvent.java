package com.retailpulse.contracts.identity;

/** Every event of an identifier's registration. */
public sealed interface IdentifierEvent permits IdentifierClaimedEvent, IdentifierRoutedEvent, IdentifierReleasedEvent {
    IdentifierKey key();
}
