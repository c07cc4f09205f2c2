package com.retailpulse.infra.offers;

import com.retailpulse.infra.config.AxonConfig;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import java.security.Principal;
import java.time.Clock;

/** What the offer and coupon endpoints share: who sent a command, and how a refusal is answered. */
@Component
class OfferRequests {

    private final Clock clock;

    OfferRequests(Clock clock) {
        this.clock = clock;
    }

    CommandMessage<Object> command(Object command, Principal principal, String path) {
        return GenericCommandMessage.asCommandMessage(command)
                .andMetaData(AxonConfig.issuedOverHttp(principal.getName(), path, clock.instant()));
    }

    Clock clock() {
        return clock;
    }

    /** A problem with the machine-readable {@code reason} a POS or a journey branches on. */
    static ResponseEntity<Object> refusal(String title, String reason, String detail, HttpStatus status) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setProperty("reason", reason);
        return ResponseEntity.status(status).body(problem);
    }
}
