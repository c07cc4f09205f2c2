package com.retailpulse.contracts.tag;

/** Every event of a tag definition. */
public sealed interface TagEvent permits TagDefinedEvent, TagRetiredEvent {
    TagKey key();
}
