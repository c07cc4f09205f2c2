package com.retailpulse.infra.ingest.crm;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * CRM members and consent statements, one JSON object or an array of them (docs/sources/crm.md).
 * One object that breaks the contract answers 400 naming each field; in an array the valid items
 * are recorded and the answer names each rejected item by index.
 */
@RestController
class CrmIngestController {

    static final String MEMBERS_SOURCE = "http:/api/v1/members";
    static final String CONSENTS_SOURCE = "http:/api/v1/consents";
    static final int MAX_BATCH = 1_000;

    private final MemberRecorder members;
    private final ConsentIngestion consents;
    private final MemberRowParser parser;

    CrmIngestController(MemberRecorder members, ConsentIngestion consents, Clock clock) {
        this.members = members;
        this.consents = consents;
        this.parser = new MemberRowParser(clock);
    }

    /** An item of an array that was not recorded, and why. */
    record Rejected(int index, List<String> errors) {
    }

    record MemberBatch(int received, int changed, int unchanged, int rejected, List<MemberRecorder.Outcome> results,
                       List<Rejected> rejects) {
    }

    record ConsentBatch(int received, int recorded, int unchanged, int rejected, List<ConsentIngestion.Outcome> results,
                        List<Rejected> rejects) {
    }

    @PostMapping("/api/v1/members")
    ResponseEntity<Object> members(@RequestBody JsonNode body, Principal principal,
                                   @RequestHeader(name = "X-Request-Id", required = false) String requestId) {
        MemberRecorder.Origin origin = new MemberRecorder.Origin(principal.getName(), MEMBERS_SOURCE, requestId);
        if (!body.isArray()) {
            MemberRowParser.Result parsed = parser.parse(MemberJson.toInput(body));
            if (!parsed.valid()) {
                throw new InvalidCrmInputException("Invalid member", parsed.errors());
            }
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(members.record(parsed.member(), origin));
        }
        checkBatch(body);
        List<MemberRecorder.Outcome> results = new ArrayList<>();
        List<Rejected> rejects = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            MemberRowParser.Result parsed = parser.parse(MemberJson.toInput(body.get(i)));
            if (!parsed.valid()) {
                rejects.add(new Rejected(i, parsed.errors()));
                continue;
            }
            try {
                results.add(members.record(parsed.member(), origin));
            } catch (IllegalArgumentException e) {
                rejects.add(new Rejected(i, List.of(e.getMessage())));
            }
        }
        int changed = (int) results.stream().filter(MemberRecorder.Outcome::changedAnything).count();
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new MemberBatch(body.size(), changed, results.size() - changed,
                rejects.size(), results, rejects));
    }

    @PostMapping("/api/v1/consents")
    ResponseEntity<Object> consents(@RequestBody JsonNode body, Principal principal,
                                    @RequestHeader(name = "X-Request-Id", required = false) String requestId) {
        MemberRecorder.Origin origin = new MemberRecorder.Origin(principal.getName(), CONSENTS_SOURCE, requestId);
        if (!body.isArray()) {
            ConsentIngestion.Result parsed = consents.parse(body);
            if (parsed.consent() == null) {
                throw new InvalidCrmInputException("Invalid consent", parsed.errors());
            }
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(consents.record(parsed.consent(), origin));
        }
        checkBatch(body);
        List<ConsentIngestion.Outcome> results = new ArrayList<>();
        List<Rejected> rejects = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            ConsentIngestion.Result parsed = consents.parse(body.get(i));
            if (parsed.consent() == null) {
                rejects.add(new Rejected(i, parsed.errors()));
                continue;
            }
            try {
                results.add(consents.record(parsed.consent(), origin));
            } catch (IllegalArgumentException e) {
                rejects.add(new Rejected(i, List.of(e.getMessage())));
            }
        }
        int recorded = (int) results.stream().filter(ConsentIngestion.Outcome::recorded).count();
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new ConsentBatch(body.size(), recorded, results.size() - recorded,
                rejects.size(), results, rejects));
    }

    private static void checkBatch(JsonNode array) {
        if (array.isEmpty()) {
            throw new InvalidCrmInputException("Empty batch", List.of("body: the array is empty"));
        }
        if (array.size() > MAX_BATCH) {
            throw new InvalidCrmInputException("Batch too large", List.of("body: " + array.size()
                    + " items; at most " + MAX_BATCH + " per request (use POST /api/v1/imports/members for files)"));
        }
    }
}
