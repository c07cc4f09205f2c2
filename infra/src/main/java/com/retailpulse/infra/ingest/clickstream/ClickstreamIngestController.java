package com.retailpulse.infra.ingest.clickstream;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.util.ArrayList;
import java.util.List;

/**
 * Clickstream in the Segment spec. {@code POST …/batch} takes {"batch":[…]}; {@code POST …/track},
 * {@code /page}, {@code /screen}, {@code /identify} take one message. The {@code /v1/…} forms are
 * there for SDKs that append their own path to a configured host. 202 once every message's event is
 * stored; 400 naming each rejected message's fields, the others recorded all the same.
 */
@RestController
@RequestMapping(ClickstreamIngestController.PATH)
class ClickstreamIngestController {

    static final String PATH = "/api/v1/ingest/clickstream";
    static final String SOURCE = "http:" + PATH;
    static final int MAX_BATCH = 1000;

    private final ClickstreamIngestion ingestion;

    ClickstreamIngestController(ClickstreamIngestion ingestion) {
        this.ingestion = ingestion;
    }

    @PostMapping({"/batch", "/v1/batch", "/v1/import"})
    ResponseEntity<?> batch(@RequestBody JsonNode body, Principal principal,
                            @RequestHeader(name = "X-Request-Id", required = false) String requestId) {
        JsonNode batch = body.path("batch");
        if (!batch.isArray()) {
            return problem("Invalid clickstream batch", "batch: required: an array of messages, as in {\"batch\":[{\"type\":\"track\",…}]}",
                    List.of("batch: required: an array of messages"), null);
        }
        if (batch.size() > MAX_BATCH) {
            return problem("Invalid clickstream batch", "batch: " + batch.size() + " messages; at most " + MAX_BATCH
                    + " per request", List.of("batch: at most " + MAX_BATCH + " messages per request"), null);
        }
        List<JsonNode> messages = new ArrayList<>(batch.size());
        batch.forEach(messages::add);
        var outcome = ingestion.record(messages, null, "batch", origin(principal, "/batch", requestId));
        return answer(outcome);
    }

    @PostMapping({"/{type}", "/v1/{type}"})
    ResponseEntity<?> single(@PathVariable String type, @RequestBody JsonNode message, Principal principal,
                             @RequestHeader(name = "X-Request-Id", required = false) String requestId) {
        var outcome = ingestion.record(List.of(message), type, null, origin(principal, "/" + type, requestId));
        return answer(outcome);
    }

    private static ClickstreamIngestion.Origin origin(Principal principal, String path, String requestId) {
        return new ClickstreamIngestion.Origin(principal.getName(), SOURCE + path, requestId);
    }

    private static ResponseEntity<?> answer(ClickstreamIngestion.Outcome outcome) {
        if (outcome.allAccepted()) {
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(outcome);
        }
        String detail = outcome.received() == 1
                ? String.join("; ", outcome.rejected().get(0).errors())
                : "rejected " + outcome.rejected().size() + " of " + outcome.received() + " messages; the valid ones were recorded";
        List<String> errors = outcome.rejected().stream().flatMap(r -> r.errors().stream()).toList();
        return problem(outcome.received() == 1 ? "Invalid clickstream message" : "Invalid clickstream messages",
                detail, errors, outcome);
    }

    private static ResponseEntity<?> problem(String title, String detail, List<String> errors, ClickstreamIngestion.Outcome outcome) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle(title);
        problem.setProperty("errors", errors);
        if (outcome != null) {
            problem.setProperty("received", outcome.received());
            problem.setProperty("recorded", outcome.recorded());
            problem.setProperty("duplicates", outcome.duplicates());
            problem.setProperty("identified", outcome.identified());
            problem.setProperty("rejected", outcome.rejected());
        }
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
