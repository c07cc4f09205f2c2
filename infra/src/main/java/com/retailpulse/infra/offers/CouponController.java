package com.retailpulse.infra.offers;

import com.retailpulse.contracts.common.Money;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.offer.CouponCode;
import com.retailpulse.contracts.offer.CouponRedemption;
import com.retailpulse.contracts.offer.OfferState;
import com.retailpulse.contracts.offer.RedeemCouponCommand;
import com.retailpulse.contracts.offer.Reward;
import com.retailpulse.infra.web.InvalidRequestException;
import com.retailpulse.projections.offer.OfferCatalogue;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Coupons by code (docs/offers.md): look one up, with what it gives a basket ({@code GET
 * /api/v1/coupons/{code}?basketTotal=}), and redeem it against an order ({@code POST
 * /api/v1/coupons/{code}/redemptions}; INGEST, i.e. the POS and shops), idempotent by order id.
 */
@RestController
@RequestMapping("/api/v1/coupons")
class CouponController {

    private final CommandGateway commands;
    private final OfferCatalogue catalogue;
    private final OfferRequests requests;

    CouponController(CommandGateway commands, OfferCatalogue catalogue, OfferRequests requests) {
        this.commands = commands;
        this.catalogue = catalogue;
        this.requests = requests;
    }

    enum Status { VALID, NOT_YET_VALID, REDEEMED, EXPIRED, WITHDRAWN }

    record ForBasket(Money basketTotal, Money discount, String giftSku, boolean reachesThreshold) {
    }

    record CouponLookup(String code, String offerId, String offerName, String customerId, String issuanceId, Instant issuedAt,
                        Instant validUntil, Status status, Reward reward, OfferCatalogue.RedemptionView redemption,
                        ForBasket forBasket) {
    }

    record RedemptionRequest(String orderId, String customerId, BigDecimal basketTotal, String currency) {
    }

    @GetMapping("/{code}")
    ResponseEntity<Object> lookup(@PathVariable String code, @RequestParam(required = false) BigDecimal basketTotal) {
        Optional<CouponCode> parsed = CouponCode.parse(code);
        Optional<OfferCatalogue.CouponView> coupon = parsed.flatMap(c -> catalogue.coupon(c.value()));
        Optional<OfferCatalogue.OfferView> offer = coupon.flatMap(c -> catalogue.offer(c.offerId()));
        if (coupon.isEmpty() || offer.isEmpty()) {
            return unknown(code, parsed.isEmpty());
        }
        OfferCatalogue.CouponView c = coupon.get();
        OfferCatalogue.OfferView o = offer.get();
        Instant now = requests.clock().instant();
        Status status = c.redemption() != null ? Status.REDEEMED
                : o.state() == OfferState.ENDED ? Status.WITHDRAWN
                : now.isBefore(o.terms().validFrom()) ? Status.NOT_YET_VALID
                : !now.isBefore(c.validUntil()) ? Status.EXPIRED : Status.VALID;
        ForBasket forBasket = null;
        if (basketTotal != null) {
            if (basketTotal.signum() <= 0) {
                throw new InvalidRequestException("Invalid basket", List.of("basketTotal: must be above zero, got "
                        + basketTotal.toPlainString()));
            }
            String currency = o.terms().currency();
            forBasket = o.terms().reward().benefitFor(basketTotal)
                    .map(b -> new ForBasket(new Money(basketTotal, currency), new Money(b.discount(), currency), b.giftSku(), true))
                    .orElse(new ForBasket(new Money(basketTotal, currency), new Money(BigDecimal.ZERO, currency), null, false));
        }
        return ResponseEntity.ok(new CouponLookup(c.code(), c.offerId(), o.terms().name(), c.customerId(), c.issuanceId(),
                c.issuedAt(), c.validUntil(), status, o.terms().reward(), c.redemption(), forBasket));
    }

    /**
     * Redeems the coupon for the order: 201 with the discount and gift; 200 with the same result when this
     * order redeemed it before; 409 with the reason when refused; 404 for a code that does not exist.
     */
    @PostMapping("/{code}/redemptions")
    ResponseEntity<Object> redeem(@PathVariable String code, @RequestBody RedemptionRequest request, Principal principal) {
        Optional<CouponCode> parsed = CouponCode.parse(code);
        if (parsed.isEmpty()) {
            return unknown(code, true);
        }
        List<String> errors = new ArrayList<>();
        if (request.orderId() == null || request.orderId().isBlank() || request.orderId().length() > RedeemCouponCommand.MAX_ORDER_ID_LENGTH) {
            errors.add("orderId: required, 1–" + RedeemCouponCommand.MAX_ORDER_ID_LENGTH + " characters");
        }
        if (request.customerId() == null || request.customerId().isBlank()) {
            errors.add("customerId: required (the customer presenting the coupon)");
        }
        if (request.basketTotal() == null || request.basketTotal().signum() <= 0) {
            errors.add("basketTotal: required, above zero" + (request.basketTotal() == null ? "" : ", got " + request.basketTotal().toPlainString()));
        }
        if (!Money.isCurrencyCode(request.currency())) {
            errors.add("currency: a 3-letter ISO-4217 code is required");
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("Invalid redemption", errors);
        }
        CouponRedemption outcome;
        try {
            outcome = commands.sendAndWait(requests.command(RedeemCouponCommand.of(parsed.get(), new CustomerId(request.customerId()),
                    request.orderId(), new Money(request.basketTotal(), request.currency())), principal, "/api/v1/coupons/" + code + "/redemptions"));
        } catch (AggregateNotFoundException e) {
            return unknown(code, false);
        }
        if (outcome instanceof CouponRedemption.Redeemed redeemed) {
            return ResponseEntity.status(redeemed.replayed() ? HttpStatus.OK : HttpStatus.CREATED).body(redeemed);
        }
        CouponRedemption.Refused refused = (CouponRedemption.Refused) outcome;
        return OfferRequests.refusal("Coupon not redeemed", refused.reason().name(), refused.detail(),
                refused.reason() == CouponRedemption.Reason.UNKNOWN_CODE ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT);
    }

    private static ResponseEntity<Object> unknown(String code, boolean malformed) {
        return OfferRequests.refusal("Coupon not found", CouponRedemption.Reason.UNKNOWN_CODE.name(),
                malformed ? "'" + code + "' is not a coupon code: check its length and characters (the last one is a check character)"
                        : "no coupon " + code, HttpStatus.NOT_FOUND);
    }
}
