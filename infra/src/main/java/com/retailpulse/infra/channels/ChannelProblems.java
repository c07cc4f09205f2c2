package com.retailpulse.infra.channels;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** How the channel endpoints refuse: an unknown message is a 404, a retry that cannot be made a 404 or 409. */
@RestControllerAdvice(basePackageClasses = ChannelProblems.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ChannelProblems {

    @ExceptionHandler(Receipts.UnknownMessageException.class)
    ProblemDetail unknownMessage(Receipts.UnknownMessageException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Unknown message");
        return problem;
    }

    @ExceptionHandler(ChannelDelivery.RetryRefusedException.class)
    ProblemDetail retryRefused(ChannelDelivery.RetryRefusedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.notFound() ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Retry not possible");
        return problem;
    }
}
