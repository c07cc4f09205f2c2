package com.retailpulse.infra.ingest.social;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailpulse.infra.web.JsonProblems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
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
 * {@code POST /api/v1/ingest/social}: one social event or an array of them. 202 when all were
 * valid; otherwise 400 naming each event (index) and field that was not, with the valid events
 * recorded all the same.
 */
@RestController
@RequestMapping("/api/v1/ingest/social")
class SocialIngestController {

    static final String SOURCE = "http:/api/v1/ingest/social";
    static final int MAX_EVENTS = 1000;
    static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private final SocialIngestion ingestion;
    private final ObjectMapper mapper;

    SocialIngestController(SocialIngestion ingestion, ObjectMapper mapper) {
        this.ingestion = ingestion;
        this.mapper = mapper;
    }

    record Accepted(int index, @JsonUnwrapped SocialIngestion.Outcome outcome) {
    }

    record Rejected(int index, String interactionId, String field, String reason) {
    }

    record Response(List<Accepted> events) {
    }

    @PostMapping
    ResponseEntity<?> ingest(@RequestBody(required = false) byte[] body, Principal principal,
                             @RequestHeader(name = "X-Request-Id", required = false) String requestId) {
        if (body != null && body.length > MAX_BODY_BYTES) {
            return problem(HttpStatus.PAYLOAD_TOO_LARGE, "Payload too large",
                    "at most " + MAX_BODY_BYTES + " bytes per request, got " + body.length, Map.of());
        }
        JsonNode json;
        try {
            json = body == null || body.length == 0 ? null : mapper.readTree(body);
        } catch (IOException e) {
            return problem(HttpStatus.BAD_REQUEST, "Malformed JSON", JsonProblems.describe(e), Map.of());
        }
        if (json == null || !(json.isObject() || json.isArray())) {
            return problem(HttpStatus.BAD_REQUEST, "Malformed JSON", "the body must be one event (a JSON object) or an array of events", Map.of());
        }
        List<JsonNode> events = new ArrayList<>();
        if (json.isArray()) {
            json.forEach(events::add);
        } else {
            events.add(json);
        }
        if (events.size() > MAX_EVENTS) {
            return problem(HttpStatus.PAYLOAD_TOO_LARGE, "Too many events",
                    "at most " + MAX_EVENTS + " events per request, got " + events.size(), Map.of());
        }
        var origin = new SocialIngestion.Origin(principal.getName(), SOURCE, requestId);
        List<Accepted> accepted = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            try {
                accepted.add(new Accepted(i, ingestion.record(events.get(i), origin)));
            } catch (InvalidSocialEventException e) {
                for (InvalidSocialEventException.Problem p : e.problems()) {
                    rejected.add(new Rejected(i, e.interactionId(), p.field(), p.reason()));
                }
            }
        }
        if (rejected.isEmpty()) {
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(new Response(accepted));
        }
        long badEvents = rejected.stream().mapToInt(Rejected::index).distinct().count();
        String detail = badEvents + " of " + events.size() + " events were not recorded (" + rejected.stream().limit(10)
                .map(r -> "event " + r.index() + " " + r.field() + ": " + r.reason()).reduce((a, b) -> a + "; " + b).orElse("")
                + "); the other " + accepted.size() + " were processed";
        return problem(HttpStatus.BAD_REQUEST, "Invalid social events", detail, Map.of("errors", rejected, "events", accepted));
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail, Map<String, Object> properties) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        properties.forEach(problem::setProperty);
        return ResponseEntity.status(status).body(problem);
    }
}
