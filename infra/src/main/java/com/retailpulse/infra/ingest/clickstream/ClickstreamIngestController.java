package com.retailpulse.infra.ingest.clickstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailpulse.infra.web.JsonProblems;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Clickstream in the Segment spec. {@code POST …/batch} takes {"batch":[…]}; {@code POST …/track},
 * {@code /page}, {@code /screen}, {@code /identify}, {@code /alias}, {@code /group} take one
 * message. The Segment paths ({@code /v1/…} at the root, and under this source's path for SDKs
 * whose host includes a path) answer 200 {"success":true,…} as Segment does; this source's own
 * paths answer 202 with the same body. 400 names each rejected message's fields, the others
 * recorded all the same; 413 for a request over 500 KB or a message over 32 KB.
 */
@RestController
class ClickstreamIngestController {

    static final String PATH = "/api/v1/ingest/clickstream";
    static final int MAX_BATCH = 1000;
    private static final String SEGMENT_TYPES = "{type:track|identify|page|screen|alias|group}";

    private final ClickstreamIngestion ingestion;
    private final ObjectMapper json;

    ClickstreamIngestController(ClickstreamIngestion ingestion, ObjectMapper json) {
        this.ingestion = ingestion;
        this.json = json;
    }

    @PostMapping({PATH + "/batch", PATH + "/v1/batch", PATH + "/v1/import", "/v1/batch", "/v1/import"})
    ResponseEntity<?> batch(HttpServletRequest request, Principal principal,
                            @RequestHeader(name = "X-Request-Id", required = false) String requestId) throws IOException {
        boolean segment = isSegmentPath(request);
        Body body = read(request, ClickstreamIngestion.MAX_BATCH_BYTES, "batch");
        if (body.problem() != null) {
            return body.problem();
        }
        JsonNode batch = body.json().path("batch");
        if (!batch.isArray()) {
            return problem(HttpStatus.BAD_REQUEST, "Invalid clickstream batch",
                    "batch: required: an array of messages, as in {\"batch\":[{\"type\":\"track\",…}]}",
                    List.of("batch: required: an array of messages"), null);
        }
        if (batch.size() > MAX_BATCH) {
            return problem(HttpStatus.BAD_REQUEST, "Invalid clickstream batch", "batch: " + batch.size()
                    + " messages; at most " + MAX_BATCH + " per request", List.of("batch: at most " + MAX_BATCH
                    + " messages per request"), null);
        }
        var outcome = ingestion.record(ClickstreamIngestion.messagesOf(body.json()), null, "batch",
                origin(principal, request, requestId));
        return answer(outcome, segment);
    }

    @PostMapping({PATH + "/{type}", PATH + "/v1/" + SEGMENT_TYPES, "/v1/" + SEGMENT_TYPES})
    ResponseEntity<?> single(@PathVariable String type, HttpServletRequest request, Principal principal,
                             @RequestHeader(name = "X-Request-Id", required = false) String requestId) throws IOException {
        boolean segment = isSegmentPath(request);
        Body body = read(request, ClickstreamIngestion.MAX_MESSAGE_BYTES, "message");
        if (body.problem() != null) {
            return body.problem();
        }
        var outcome = ingestion.record(List.of(body.json()), type, null,
                origin(principal, request, requestId));
        return answer(outcome, segment);
    }

    /** Segment's own paths: /v1/… at the root, or under this source's path. */
    private static boolean isSegmentPath(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/v1/") || path.startsWith(PATH + "/v1/");
    }

    private record Body(JsonNode json, ResponseEntity<?> problem) {
    }

    /**
     * The request's JSON, read no further than the limit: a declared Content-Length over it is
     * refused before reading, and so is a body (chunked, or longer than declared) that turns out to
     * be larger.
     */
    private Body read(HttpServletRequest request, int limit, String what) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            return new Body(null, tooLarge(what, declared + " bytes", limit));
        }
        byte[] bytes;
        try (InputStream in = request.getInputStream()) {
            bytes = in.readNBytes(limit + 1);
        }
        if (bytes.length > limit) {
            return new Body(null, tooLarge(what, "more than " + limit + " bytes", limit));
        }
        JsonNode body;
        try {
            body = bytes.length == 0 ? null : json.readTree(bytes);
        } catch (IOException e) {
            return new Body(null, problem(HttpStatus.BAD_REQUEST, "Malformed JSON", JsonProblems.describe(e), null, null));
        }
        if (body == null || body.isMissingNode()) {
            return new Body(null, problem(HttpStatus.BAD_REQUEST, "Malformed JSON", "request body is missing", null, null));
        }
        return new Body(body, null);
    }

    private static ResponseEntity<?> tooLarge(String what, String size, int limit) {
        String detail = what + ": " + size + "; at most " + limit + " (" + limit / 1024 + " KB) per " + what;
        return problem(HttpStatus.PAYLOAD_TOO_LARGE, "Clickstream " + what + " too large", detail, List.of(detail), null);
    }

    /** The source in the events' metadata: "http:" and the path the request came in on. */
    private ClickstreamIngestion.Origin origin(Principal principal, HttpServletRequest request, String requestId) {
        return ingestion.receivedNow(principal.getName(),
                "http:" + request.getRequestURI().substring(request.getContextPath().length()), requestId);
    }

    private ResponseEntity<?> answer(ClickstreamIngestion.Outcome outcome, boolean segment) {
        if (outcome.allAccepted()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("success", true);
            body.put("received", outcome.received());
            body.put("recorded", outcome.recorded());
            body.put("duplicates", outcome.duplicates());
            body.put("identified", outcome.identified());
            body.put("rejected", outcome.rejected());
            return ResponseEntity.status(segment ? HttpStatus.OK : HttpStatus.ACCEPTED).body(body);
        }
        String detail = outcome.received() == 1
                ? String.join("; ", outcome.rejected().get(0).errors())
                : "rejected " + outcome.rejected().size() + " of " + outcome.received() + " messages; the valid ones were recorded";
        List<String> errors = outcome.rejected().stream().flatMap(r -> r.errors().stream()).toList();
        HttpStatus status = outcome.anyTooLarge() ? HttpStatus.PAYLOAD_TOO_LARGE : HttpStatus.BAD_REQUEST;
        return problem(status, outcome.received() == 1 ? "Invalid clickstream message" : "Invalid clickstream messages",
                detail, errors, outcome);
    }

    private static ResponseEntity<?> problem(HttpStatus status, String title, String detail, List<String> errors,
                                             ClickstreamIngestion.Outcome outcome) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setProperty("success", false);
        if (errors != null) {
            problem.setProperty("errors", errors);
        }
        if (outcome != null) {
            problem.setProperty("received", outcome.received());
            problem.setProperty("recorded", outcome.recorded());
            problem.setProperty("duplicates", outcome.duplicates());
            problem.setProperty("identified", outcome.identified());
            problem.setProperty("rejected", outcome.rejected());
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
