package com.retailpulse.infra.ingest.ecommerce;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;

/**
 * Pulls one source's pages from its stored cursor on: records each order, puts the ones that do not
 * fit the mapping in {@code ecommerce_rejects}, then stores the next page's cursor. A failure in the
 * middle of a page leaves the cursor where it was, so the page is read again; orders recorded the
 * first time are recognised by their ids and not recorded twice.
 */
public class EcommercePuller {

    private static final Logger log = LoggerFactory.getLogger(EcommercePuller.class);

    private final String name;
    private final OrderMapper mapper;
    private final EcommerceOrderSource source;
    private final EcommerceOrderIngestion ingestion;
    private final EcommercePullStore store;
    private final String initialCursor;
    private final int maxPages;

    public EcommercePuller(String name, OrderMapper mapper, EcommerceOrderSource source, EcommerceOrderIngestion ingestion,
                           EcommercePullStore store, String initialCursor, int maxPages) {
        this.name = name;
        this.mapper = mapper;
        this.source = source;
        this.ingestion = ingestion;
        this.store = store;
        this.initialCursor = initialCursor;
        this.maxPages = maxPages;
    }

    /** What one poll did. {@code cursor}: where the next poll starts. */
    public record PollResult(int pages, int orders, int recorded, int rejected, String cursor) {
    }

    /** Reads pages until the source has no further one (or {@code maxPages}); safe to call again at any time. */
    public PollResult pollOnce() {
        String cursor = store.cursor(name).orElse(initialCursor);
        int pages = 0;
        int orders = 0;
        int recorded = 0;
        int rejected = 0;
        var origin = new EcommerceOrderIngestion.Origin("ecommerce-pull", "pull:" + name, null);
        while (pages < maxPages) {
            EcommerceOrderSource.OrderPage page = source.fetch(cursor);
            pages++;
            for (int i = 0; i < page.orders().size(); i++) {
                JsonNode order = page.orders().get(i);
                orders++;
                try {
                    var outcome = ingestion.ingest(mapper, order, origin);
                    if (Boolean.TRUE.equals(outcome.orderRecorded()) || Boolean.TRUE.equals(outcome.cancellationRecorded())) {
                        recorded++;
                    }
                } catch (OrderMappingException e) {
                    rejected++;
                    log.warn("E-commerce source {}: order {} at cursor {} rejected: {}", name, e.orderId(), cursor, e.getMessage());
                    store.reject(name, mapper.platform(), e.orderId(), cursor, i, e.getMessage());
                }
            }
            String next = page.nextCursor();
            if (next == null || Objects.equals(next, cursor)) {
                break;
            }
            store.saveCursor(name, mapper.platform(), next);
            cursor = next;
            if (page.orders().isEmpty()) {
                break;
            }
        }
        return new PollResult(pages, orders, recorded, rejected, cursor);
    }
}
