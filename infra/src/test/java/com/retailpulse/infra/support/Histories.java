package com.retailpulse.infra.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** Helpers for the event histories {@code GET /api/v1/customers/{id}/events} answers. */
public final class Histories {

    private Histories() {
    }

    /**
     * A history without the IdentifierLinkedEvents identity resolution adds when a message brings more
     * identifiers (tests of a source assert those where they matter, and the source's own events here).
     */
    public static JsonNode withoutIdentifierLinks(JsonNode events) {
        ArrayNode kept = JsonNodeFactory.instance.arrayNode();
        events.forEach(e -> {
            if (!"IdentifierLinkedEvent".equals(e.get("type").asText())) {
                kept.add(e);
            }
        });
        return kept;
    }
}
