package com.retailpulse.infra.ingest.crm;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A member or consent that breaks the contract: 400 naming every field, and nothing is stored. */
@RestControllerAdvice(assignableTypes = {CrmIngestController.class, MemberImportController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class CrmProblemHandler {

    @ExceptionHandler(InvalidCrmInputException.class)
    ProblemDetail invalid(InvalidCrmInputException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle(e.title());
        problem.setProperty("errors", e.violations());
        return problem;
    }
}
