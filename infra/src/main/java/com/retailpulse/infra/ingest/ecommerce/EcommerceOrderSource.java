package com.retailpulse.infra.ingest.ecommerce;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** Where orders are pulled from, a page at a time. */
public interface EcommerceOrderSource {

    /**
     * The page of orders after {@code cursor}.
     *
     * @param cursor null for the very first page
     * @throws SourceUnavailableException when the source cannot be read (after its retries)
     */
    OrderPage fetch(String cursor);

    /** Orders in the platform's own JSON; {@code nextCursor} null when there is no further page yet. */
    record OrderPage(List<JsonNode> orders, String nextCursor) {
        public OrderPage {
            orders = List.copyOf(orders);
        }
    }

    class SourceUnavailableException extends RuntimeException {
        public SourceUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
