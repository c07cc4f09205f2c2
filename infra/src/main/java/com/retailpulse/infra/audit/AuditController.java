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

    AuditController(MessageExplanations explanations, QueryGateway queries, Clock clock) {
        this.explanations = explanations;
        this.queries = queries;
        this.clock = clock;
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
