package com.retailpulse.infra.audit;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The auditor's questions (docs/audit.md); AUDITOR and ADMIN. */
@RestController
@RequestMapping("/api/v1/audit")
class AuditController {

    private final MessageExplanations explanations;

    AuditController(MessageExplanations explanations) {
        this.explanations = explanations;
    }

    /** Why the customer got (or did not get) the message: the causal chain, from the stored events. */
    @GetMapping("/customers/{customerId}/messages/{messageId}")
    MessageExplanations.Explanation why(@PathVariable String customerId, @PathVariable String messageId) {
        return explanations.explain(customerId, messageId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "customer " + customerId + " has no decision on message " + messageId));
    }
}
