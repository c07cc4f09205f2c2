package com.retailpulse.infra.identity;

import com.retailpulse.command.customer.MergeRefusedException;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.infra.config.AxonConfig;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.time.Clock;

/**
 * An operator's merges and unmerges (ADMIN): {@code POST /api/v1/customers/{survivor}/merges} and
 * {@code POST /api/v1/customers/{survivor}/unmerge}, each with {@code {"absorbed": "<customer id>",
 * "reason": "…"}}. Both are recorded as events with who asked and why.
 */
@RestController
@RequestMapping("/api/v1/customers/{survivor}")
class IdentityAdminController {

    private final RegistryIdentityResolution identities;
    private final Clock clock;

    IdentityAdminController(RegistryIdentityResolution identities, Clock clock) {
        this.identities = identities;
        this.clock = clock;
    }

    record MergeRequest(String absorbed, String reason) {
    }

    record MergeView(String mergeId, String survivor, String absorbed) {
    }

    @PostMapping("/merges")
    @ResponseStatus(HttpStatus.CREATED)
    MergeView merge(@PathVariable String survivor, @RequestBody MergeRequest request, Principal principal) {
        validate(survivor, request);
        String mergeId = identities.merge(new CustomerId(survivor), new CustomerId(request.absorbed()), request.reason(),
                metaData(principal, "merge"));
        return new MergeView(mergeId, survivor, request.absorbed());
    }

    @PostMapping("/unmerge")
    MergeView unmerge(@PathVariable String survivor, @RequestBody MergeRequest request, Principal principal) {
        validate(survivor, request);
        String id = identities.unmerge(new CustomerId(survivor), new CustomerId(request.absorbed()), request.reason(),
                metaData(principal, "unmerge"));
        return new MergeView(id, survivor, request.absorbed());
    }

    private static void validate(String survivor, MergeRequest request) {
        if (request.absorbed() == null || request.absorbed().isBlank()) {
            throw new IllegalArgumentException("absorbed: the id of the customer to merge or split off is required");
        }
        if (request.reason() == null || request.reason().isBlank()) {
            throw new IllegalArgumentException("reason: say why (it is recorded in the merge event for auditors)");
        }
        if (survivor.equals(request.absorbed())) {
            throw new IllegalArgumentException("absorbed: a customer cannot be merged with itself");
        }
    }

    private MetaData metaData(Principal principal, String action) {
        return AxonConfig.issuedOverHttp(principal.getName(), "/api/v1/customers/" + action, clock.instant());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badRequest(IllegalArgumentException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid merge request");
        return problem;
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ProblemDetail unknown(AggregateNotFoundException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "no customer " + e.getAggregateIdentifier());
        problem.setTitle("Unknown customer");
        return problem;
    }

    @ExceptionHandler(MergeRefusedException.class)
    ProblemDetail refused(MergeRefusedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Merge refused");
        return problem;
    }
}
