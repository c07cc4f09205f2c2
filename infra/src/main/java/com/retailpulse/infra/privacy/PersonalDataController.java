package com.retailpulse.infra.privacy;

import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.infra.config.AxonConfig;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.time.Clock;

/**
 * The data subject's rights (docs/privacy.md), for ADMIN only: {@code GET …/personal-data} exports everything
 * held on the customer with personal data opened; {@code POST …/erasure} erases it.
 */
@RestController
@RequestMapping("/api/v1/customers/{customerId}")
class PersonalDataController {

    record ErasureRequest(String reason) {
    }

    private final PersonalDataRights rights;
    private final Clock clock;

    PersonalDataController(PersonalDataRights rights, Clock clock) {
        this.rights = rights;
        this.clock = clock;
    }

    @GetMapping("/personal-data")
    PersonalDataRights.Export export(@PathVariable String customerId) {
        return rights.export(new CustomerId(customerId));
    }

    @PostMapping("/erasure")
    PersonalDataRights.Erasure erase(@PathVariable String customerId, @RequestBody(required = false) ErasureRequest request,
                                     Principal principal) {
        String reason = request == null ? null : request.reason();
        return rights.erase(new CustomerId(customerId), reason,
                AxonConfig.issuedOverHttp(principal.getName(), "/api/v1/customers/" + customerId + "/erasure", clock.instant()));
    }

    @ExceptionHandler(PersonalDataRights.UnknownCustomerException.class)
    ProblemDetail unknown(PersonalDataRights.UnknownCustomerException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Unknown customer");
        return problem;
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail invalid(IllegalArgumentException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid erasure request");
        return problem;
    }
}
