package com.retailpulse.infra.ingest.order;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;

/**
 * {@code POST /api/v1/ingest/orders}: 202 once the order's event is stored (the profile follows
 * within a moment); the same order again is answered with {@code recorded=false}.
 */
@RestController
@RequestMapping("/api/v1/ingest/orders")
class OrderIngestController {

    static final String SOURCE = "http:/api/v1/ingest/orders";

    private final OrderIngestion ingestion;

    OrderIngestController(OrderIngestion ingestion) {
        this.ingestion = ingestion;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    OrderIngestion.Outcome ingest(@RequestBody IngestOrderRequest order, Principal principal,
                                  @RequestHeader(name = "X-Request-Id", required = false) String requestId) {
        return ingestion.record(order, new OrderIngestion.Origin(principal.getName(), SOURCE, requestId));
    }
}
