package com.retailpulse.infra.audit;

import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.CustomerProfileView;
import com.retailpulse.contracts.customer.FindCustomerProfileAsOfQuery;
import com.retailpulse.infra.web.InvalidRequestException;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/** The auditor's questions (docs/audit.md); AUDITOR and ADMIN. */
@RestController
@RequestMapping("/api/v1/audit")
class AuditController {

    private final MessageExplanations explanations;
    private final QueryGateway queries;
    private final Clock clock;
    private final AuditChain chain;
    private final AuditTrails trails;

    AuditController(MessageExplanations explanations, QueryGateway queries, Clock clock, AuditChain chain, AuditTrails trails) {
        this.explanations = explanations;
        this.queries = queries;
        this.clock = clock;
        this.chain = chain;
        this.trails = trails;
    }

    record ChainView(AuditChain.Checkpoint head, long checkpoints, String seed) {
    }

    /** How far the hash chain over the event store is sealed, and its head hash (ADR 0026). */
    @GetMapping("/chain")
    ChainView chain() {
        return new ChainView(chain.head().orElse(null), chain.checkpointCount(), AuditChain.SEED);
    }

    /** Extends the chain over the events stored since the last checkpoint now, instead of at the next scheduled run. */
    @PostMapping("/chain/seal")
    ChainView seal() {
        chain.seal();
        return chain();
    }

    /** Recomputes the chain from the first event against every checkpoint, in the background. */
    @PostMapping("/chain/verifications")
    @ResponseStatus(HttpStatus.ACCEPTED)
    AuditChain.Verification verify(Authentication who) {
        return chain.verify(who.getName());
    }

    /** The latest verifications (newest first, at most {@code limit}, 1–100), so an auditor sees who checked the chain and when. */
    @GetMapping("/chain/verifications")
    List<AuditChain.Verification> verifications(@RequestParam(defaultValue = "20") String limit) {
        int n;
        try {
            n = Integer.parseInt(limit.strip());
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1 || n > 100) {
            throw new InvalidRequestException("Invalid verification query", List.of("limit: must be a whole number from 1 to 100, got '" + limit + "'"));
        }
        return chain.recentVerifications(n);
    }

    @GetMapping("/chain/verifications/{id}")
    AuditChain.Verification verification(@PathVariable String id) {
        return chain.verification(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no verification " + id));
    }

    /**
     * The customer's audit trail as CSV: every stored event of every record of the customer, in time order,
     * with who, when, from where, the correlation and trace ids, each event's SHA-256 leaf hash in the chain,
     * and the payload as stored (personal data sealed).
     */
    @GetMapping(value = "/customers/{customerId}/trail", produces = "text/csv")
    org.springframework.http.ResponseEntity<String> trail(@PathVariable String customerId) {
        String csv = trails.csv(customerId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "no stored event of customer " + customerId));
        return org.springframework.http.ResponseEntity.ok()
                .header("Content-Disposition", "attachment; filename=\"audit-trail-" + customerId + ".csv\"")
                .contentType(new org.springframework.http.MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .body(csv);
    }

    /** Why the customer got (or did not get) the message: the causal chain, from the stored events. */
    @GetMapping("/customers/{customerId}/messages/{messageId}")
    MessageExplanations.Explanation why(@PathVariable String customerId, @PathVariable String messageId) {
        return explanations.explain(customerId, messageId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "customer " + customerId + " has no decision on message " + messageId));
    }

    /**
     * The customer's profile as it stood at {@code asOf} (ISO-8601 instant, not in the future): rebuilt from the
     * events stored by then with the profile projection's own logic. Personal data masked but for ADMIN.
     */
    @GetMapping("/customers/{customerId}/profile")
    CustomerProfileView profileAsOf(@PathVariable String customerId, @RequestParam(required = false) String asOf,
                                    Authentication reader) {
        Instant at;
        try {
            at = asOf == null || asOf.isBlank() ? null : Instant.parse(asOf.trim());
        } catch (DateTimeParseException e) {
            at = null;
        }
        if (at == null) {
            throw new InvalidRequestException("Invalid profile request",
                    List.of("asOf: an ISO-8601 instant such as 2011-12-01T00:00:00Z is required, got '" + asOf + "'"));
        }
        if (at.isAfter(clock.instant())) {
            throw new InvalidRequestException("Invalid profile request", List.of("asOf: " + at + " is in the future"));
        }
        boolean reveal = reader.getAuthorities().stream().anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()));
        Optional<CustomerProfileView> profile = queries.query(new FindCustomerProfileAsOfQuery(new CustomerId(customerId), at, reveal),
                ResponseTypes.optionalInstanceOf(CustomerProfileView.class)).join();
        Instant when = at;
        return profile.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "customer " + customerId + " had no stored event by " + when));
    }
}
