package com.retailpulse.infra.offers;

import com.retailpulse.command.offer.OfferRuleViolation;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.offer.ActivateOfferCommand;
import com.retailpulse.contracts.offer.CouponIssuance;
import com.retailpulse.contracts.offer.CreateOfferCommand;
import com.retailpulse.contracts.offer.EndOfferCommand;
import com.retailpulse.contracts.offer.IssueCouponCommand;
import com.retailpulse.contracts.offer.OfferId;
import com.retailpulse.contracts.offer.OfferState;
import com.retailpulse.contracts.offer.OfferTerms;
import com.retailpulse.contracts.offer.PauseOfferCommand;
import com.retailpulse.contracts.offer.Reward;
import com.retailpulse.contracts.offer.UpdateOfferCommand;
import com.retailpulse.infra.web.InvalidRequestException;
import com.retailpulse.infra.web.ProjectionVisibility;
import com.retailpulse.projections.offer.OfferCatalogue;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.security.Principal;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Offers (docs/offers.md): create and change drafts, activate, pause and end them (MARKETER); list them
 * with stock left, issued and redeemed counts (MARKETER, ANALYST, AUDITOR); issue a coupon to a customer
 * ({@code POST /api/v1/offers/{id}/coupons}, idempotent by the caller's {@code issuanceId}).
 */
@RestController
@RequestMapping("/api/v1/offers")
class OfferController {

    private final CommandGateway commands;
    private final OfferCatalogue catalogue;
    private final EventStore eventStore;
    private final OfferRequests requests;
    private final SecureRandom random = new SecureRandom();

    OfferController(CommandGateway commands, OfferCatalogue catalogue, EventStore eventStore, OfferRequests requests) {
        this.commands = commands;
        this.catalogue = catalogue;
        this.eventStore = eventStore;
        this.requests = requests;
    }

    record OfferRequest(String name, String description, String currency, Reward reward, Integer stock,
                        Integer perCustomerLimit, Instant validFrom, Instant validUntil) {
    }

    record EndRequest(String reason) {
    }

    record IssueRequest(String customerId, String issuanceId) {
    }

    @PostMapping
    ResponseEntity<OfferCatalogue.OfferView> create(@RequestBody OfferRequest request, Principal principal) {
        OfferTerms terms = terms(request);
        OfferId id = newId();
        commands.sendAndWait(requests.command(new CreateOfferCommand(id, terms), principal, "/api/v1/offers"));
        ProjectionVisibility.awaitApplied(() -> catalogue.offer(id.value()).isPresent(), "offer");
        return ResponseEntity.status(HttpStatus.CREATED).body(view(id.value()));
    }

    @PutMapping("/{id}")
    OfferCatalogue.OfferView update(@PathVariable String id, @RequestBody OfferRequest request, Principal principal) {
        OfferId offerId = id(id);
        OfferTerms terms = terms(request);
        commands.sendAndWait(requests.command(new UpdateOfferCommand(offerId, terms), principal, "/api/v1/offers/" + id));
        ProjectionVisibility.awaitApplied(() -> catalogue.offer(offerId.value()).map(o -> o.terms().equals(terms)).orElse(false), "offer");
        return view(offerId.value());
    }

    @PostMapping("/{id}/activate")
    OfferCatalogue.OfferView activate(@PathVariable String id, Principal principal) {
        return lifecycle(id, new ActivateOfferCommand(id(id)), principal);
    }

    @PostMapping("/{id}/pause")
    OfferCatalogue.OfferView pause(@PathVariable String id, Principal principal) {
        return lifecycle(id, new PauseOfferCommand(id(id)), principal);
    }

    @PostMapping("/{id}/end")
    OfferCatalogue.OfferView end(@PathVariable String id, @RequestBody(required = false) EndRequest request, Principal principal) {
        return lifecycle(id, new EndOfferCommand(id(id), request == null ? null : request.reason()), principal);
    }

    @GetMapping
    List<OfferCatalogue.OfferView> list(@RequestParam(required = false) String state) {
        OfferState wanted = null;
        if (state != null) {
            try {
                wanted = OfferState.valueOf(state.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw invalid(List.of("state: one of DRAFT, ACTIVE, PAUSED, ENDED; got '" + state + "'"));
            }
        }
        return catalogue.offers(wanted);
    }

    @GetMapping("/{id}")
    OfferCatalogue.OfferView one(@PathVariable String id) {
        return view(id(id).value());
    }

    /** A customer's coupons of the offer. */
    @GetMapping("/{id}/coupons")
    List<OfferCatalogue.CouponView> coupons(@PathVariable String id, @RequestParam String customerId) {
        return catalogue.couponsOf(customerId, id(id).value());
    }

    /**
     * Issues a coupon to the customer: 201 with the code; 200 with the same code when this issuance id was
     * answered before; 409 with the reason when the offer cannot issue (out of stock, limit reached…).
     */
    @PostMapping("/{id}/coupons")
    ResponseEntity<Object> issue(@PathVariable String id, @RequestBody IssueRequest request, Principal principal) {
        OfferId offerId = id(id);
        List<String> errors = new ArrayList<>();
        if (request.customerId() == null || request.customerId().isBlank()) {
            errors.add("customerId: required (the platform's customer id)");
        }
        if (request.issuanceId() == null || request.issuanceId().isBlank()
                || request.issuanceId().length() > IssueCouponCommand.MAX_ISSUANCE_ID_LENGTH) {
            errors.add("issuanceId: required, 1–" + IssueCouponCommand.MAX_ISSUANCE_ID_LENGTH
                    + " characters: your key for this issuance, so that a retry gets the same coupon");
        }
        if (errors.isEmpty() && eventStore.lastSequenceNumberFor(request.customerId()).isEmpty()) {
            errors.add("customerId: no customer " + request.customerId());
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("Invalid coupon issuance", errors);
        }
        CouponIssuance outcome = commands.sendAndWait(requests.command(
                new IssueCouponCommand(offerId, request.issuanceId(), new CustomerId(request.customerId())), principal,
                "/api/v1/offers/" + id + "/coupons"));
        if (outcome instanceof CouponIssuance.Issued issued) {
            return ResponseEntity.status(issued.replayed() ? HttpStatus.OK : HttpStatus.CREATED).body(issued);
        }
        CouponIssuance.Refused refused = (CouponIssuance.Refused) outcome;
        return OfferRequests.refusal("Coupon not issued", refused.reason().name(), refused.detail(), HttpStatus.CONFLICT);
    }

    @ExceptionHandler(OfferRuleViolation.class)
    ProblemDetail refused(OfferRuleViolation e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Offer change refused");
        problem.setProperty("errors", e.errors());
        return problem;
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ProblemDetail unknown(AggregateNotFoundException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "no offer " + e.getAggregateIdentifier());
        problem.setTitle("Unknown offer");
        return problem;
    }

    private OfferCatalogue.OfferView lifecycle(String id, Object command, Principal principal) {
        OfferState state = commands.sendAndWait(requests.command(command, principal, "/api/v1/offers/" + id));
        ProjectionVisibility.awaitApplied(() -> catalogue.offer(id).map(o -> o.state() == state).orElse(false), "offer");
        return view(id);
    }

    private OfferCatalogue.OfferView view(String id) {
        return catalogue.offer(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no offer " + id));
    }

    /** 40 random bits; the event store refuses a second stream with an id, so a clash could never merge two offers. */
    private OfferId newId() {
        OfferId id;
        do {
            id = OfferId.random(random);
        } while (eventStore.lastSequenceNumberFor(id.value()).isPresent());
        return id;
    }

    private static OfferTerms terms(OfferRequest request) {
        List<String> errors = new ArrayList<>();
        if (request.stock() == null) {
            errors.add("stock: required (how many coupons may be issued in all)");
        }
        if (request.perCustomerLimit() == null) {
            errors.add("perCustomerLimit: required (how many coupons one customer may hold)");
        }
        OfferTerms terms = new OfferTerms(request.name(), request.description(), request.currency(), request.reward(),
                request.stock() == null ? 1 : request.stock(), request.perCustomerLimit() == null ? 1 : request.perCustomerLimit(),
                request.validFrom(), request.validUntil());
        errors.addAll(terms.problems());
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return terms;
    }

    private static OfferId id(String id) {
        try {
            return OfferId.parse(id);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no offer " + id);
        }
    }

    private static InvalidRequestException invalid(List<String> errors) {
        return new InvalidRequestException("Invalid offer", errors);
    }
}
