package com.retailpulse.infra.ingest.ecommerce;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.retailpulse.infra.web.JsonProblems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/v1/ingest/ecommerce/{platform}}: one platform order, or an array of them, in the
 * platform's own JSON. 202 when every order fitted the mapping; otherwise 400 naming each order
 * (index) and field (JSON Pointer) that did not, with the other orders recorded all the same.
 */
@RestController
@RequestMapping("/api/v1/ingest/ecommerce")
class EcommerceIngestController {

    static final int MAX_ORDERS = 1000;
    static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    private final EcommercePlatforms platforms;
    private final EcommerceOrderIngestion ingestion;
    private final ObjectReader reader;

    EcommerceIngestController(EcommercePlatforms platforms, EcommerceOrderIngestion ingestion, ObjectMapper mapper) {
        this.platforms = platforms;
        this.ingestion = ingestion;
        // Prices stay exact: no detour through double.
        this.reader = mapper.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    record Accepted(int index, @JsonUnwrapped EcommerceOrderIngestion.Outcome outcome) {
    }

    record Rejected(int index, String orderId, String field, String reason) {
    }

    record Response(String platform, List<Accepted> orders) {
    }

    @PostMapping("/{platform}")
    ResponseEntity<?> ingest(@PathVariable String platform, @RequestBody(required = false) byte[] body, Principal principal,
                             @RequestHeader(name = "X-Request-Id", required = false) String requestId) {
        var mapper = platforms.mapper(platform);
        if (mapper.isEmpty()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                    "no order mapping for platform '" + platform + "'; known platforms: " + platforms.names());
            problem.setTitle("Unknown platform");
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
        }
        if (body != null && body.length > MAX_BODY_BYTES) {
            return problem(HttpStatus.PAYLOAD_TOO_LARGE, "Payload too large",
                    "at most " + MAX_BODY_BYTES + " bytes per request, got " + body.length, Map.of());
        }
        JsonNode json;
        try {
            json = body == null || body.length == 0 ? null : reader.readTree(body);
        } catch (IOException e) {
            return problem(HttpStatus.BAD_REQUEST, "Malformed JSON", JsonProblems.describe(e), Map.of());
        }
        if (json == null || !(json.isObject() || json.isArray())) {
            return problem(HttpStatus.BAD_REQUEST, "Malformed JSON", "the body must be one order (a JSON object) or an array of orders", Map.of());
        }
        List<JsonNode> orders = new ArrayList<>();
        if (json.isArray()) {
            json.forEach(orders::add);
        } else {
            orders.add(json);
        }
        if (orders.size() > MAX_ORDERS) {
            return problem(HttpStatus.PAYLOAD_TOO_LARGE, "Too many orders",
                    "at most " + MAX_ORDERS + " orders per request, got " + orders.size(), Map.of());
        }

        var origin = new EcommerceOrderIngestion.Origin(principal.getName(), "http:/api/v1/ingest/ecommerce/" + mapper.get().platform(), requestId);
        List<Accepted> accepted = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        for (int i = 0; i < orders.size(); i++) {
            try {
                accepted.add(new Accepted(i, ingestion.ingest(mapper.get(), orders.get(i), origin)));
            } catch (OrderMappingException e) {
                for (OrderMappingException.Problem p : e.problems()) {
                    rejected.add(new Rejected(i, e.orderId(), p.field(), p.reason()));
                }
            }
        }
        if (rejected.isEmpty()) {
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(new Response(mapper.get().platform(), accepted));
        }
        long badOrders = rejected.stream().mapToInt(Rejected::index).distinct().count();
        String detail = badOrders + " of " + orders.size() + " orders do not fit the " + mapper.get().platform()
                + " mapping and were not recorded (" + rejected.stream().limit(10)
                .map(r -> "order " + r.index() + " " + r.field() + ": " + r.reason()).reduce((a, b) -> a + "; " + b).orElse("")
                + "); the other " + accepted.size() + " were processed";
        return problem(HttpStatus.BAD_REQUEST, "Invalid orders", detail, Map.of("errors", rejected, "orders", accepted));
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail, Map<String, Object> properties) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        properties.forEach(problem::setProperty);
        return ResponseEntity.status(status).body(problem);
    }
}
