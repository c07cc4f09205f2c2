package com.retailpulse.command.offer;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.retailpulse.contracts.common.Money;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.offer.ActivateOfferCommand;
import com.retailpulse.contracts.offer.CouponCode;
import com.retailpulse.contracts.offer.CouponIssuance;
import com.retailpulse.contracts.offer.CouponIssuedEvent;
import com.retailpulse.contracts.offer.CouponRedeemedEvent;
import com.retailpulse.contracts.offer.CouponRedemption;
import com.retailpulse.contracts.offer.CreateOfferCommand;
import com.retailpulse.contracts.offer.EndOfferCommand;
import com.retailpulse.contracts.offer.IssueCouponCommand;
import com.retailpulse.contracts.offer.OfferActivatedEvent;
import com.retailpulse.contracts.offer.OfferCreatedEvent;
import com.retailpulse.contracts.offer.OfferEndedEvent;
import com.retailpulse.contracts.offer.OfferId;
import com.retailpulse.contracts.offer.OfferPausedEvent;
import com.retailpulse.contracts.offer.OfferState;
import com.retailpulse.contracts.offer.OfferTerms;
import com.retailpulse.contracts.offer.OfferUpdatedEvent;
import com.retailpulse.contracts.offer.PauseOfferCommand;
import com.retailpulse.contracts.offer.RedeemCouponCommand;
import com.retailpulse.contracts.offer.Reward;
import com.retailpulse.contracts.offer.UpdateOfferCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.jmolecules.ddd.annotation.AggregateRoot;
import org.jmolecules.ddd.annotation.Identity;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An offer and every coupon it issued. One aggregate, so that "stock left", "this customer's count" and
 * "this code's redemption" are decided under one lock against one consistent state: issuance cannot
 * oversell and a redemption cannot happen twice, whatever the concurrency (ADR 0017). Refusals a caller
 * must act on (out of stock, already redeemed…) are answers, not exceptions; broken terms and
 * impossible lifecycle steps are {@link OfferRuleViolation}s.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@AggregateRoot
public class Offer {

    /** A coupon as the offer keeps it; {@code redemption} is null until an order uses it. */
    record Coupon(String customerId, String issuanceId, CouponRedeemedEvent redemption) {
    }

    @AggregateIdentifier
    @Identity
    private OfferId offerId;
    private OfferTerms terms;
    private OfferState state;
    private int issued;
    private int redeemed;
    /** Keyed by the plain strings, so a snapshot is a flat JSON object. */
    private Map<String, Coupon> coupons = new HashMap<>();
    private Map<String, String> codeByIssuance = new HashMap<>();
    private Map<String, Integer> heldByCustomer = new HashMap<>();

    protected Offer() {
        // for Axon
    }

    @CommandHandler
    public Offer(CreateOfferCommand command, Clock clock) {
        requireSound(command.terms());
        apply(new OfferCreatedEvent(command.offerId(), command.terms(), clock.instant()));
    }

    @CommandHandler
    public void handle(UpdateOfferCommand command, Clock clock) {
        if (state != OfferState.DRAFT) {
            throw new OfferRuleViolation("state: only a draft can be changed; offer " + offerId + " is " + state
                    + " and its terms are what customers were promised");
        }
        requireSound(command.terms());
        if (!command.terms().equals(terms)) {
            apply(new OfferUpdatedEvent(offerId, command.terms(), clock.instant()));
        }
    }

    @CommandHandler
    public OfferState handle(ActivateOfferCommand command, Clock clock) {
        Instant now = clock.instant();
        switch (state) {
            case ACTIVE -> {
                return state;
            }
            case ENDED -> throw new OfferRuleViolation("state: offer " + offerId + " has ended and cannot be activated again");
            default -> {
                if (!now.isBefore(terms.validUntil())) {
                    throw new OfferRuleViolation("validUntil: the offer's validity ended at " + terms.validUntil()
                            + "; no coupon could be issued");
                }
                apply(new OfferActivatedEvent(offerId, now));
                return state;
            }
        }
    }

    @CommandHandler
    public OfferState handle(PauseOfferCommand command, Clock clock) {
        switch (state) {
            case PAUSED -> {
                return state;
            }
            case ACTIVE -> {
                apply(new OfferPausedEvent(offerId, clock.instant()));
                return state;
            }
            default -> throw new OfferRuleViolation("state: offer " + offerId + " is " + state + "; only an active offer can be paused");
        }
    }

    @CommandHandler
    public OfferState handle(EndOfferCommand command, Clock clock) {
        if (state != OfferState.ENDED) {
            apply(new OfferEndedEvent(offerId, command.reason(), clock.instant()));
        }
        return state;
    }

    @CommandHandler
    public CouponIssuance handle(IssueCouponCommand command, Clock clock, CouponCodes codes) {
        String earlier = codeByIssuance.get(command.issuanceId());
        if (earlier != null) {
            Coupon coupon = coupons.get(earlier);
            if (!coupon.customerId().equals(command.customerId().value())) {
                return new CouponIssuance.Refused(CouponIssuance.Reason.ISSUANCE_ID_REUSED, "issuance " + command.issuanceId()
                        + " already issued a coupon of offer " + offerId + " to another customer");
            }
            return new CouponIssuance.Issued(new CouponCode(earlier), command.customerId(), command.issuanceId(),
                    terms.validUntil(), true);
        }
        if (state != OfferState.ACTIVE) {
            return new CouponIssuance.Refused(CouponIssuance.Reason.OFFER_NOT_ACTIVE, "offer " + offerId + " is " + state);
        }
        Instant now = clock.instant();
        if (!terms.validAt(now)) {
            return new CouponIssuance.Refused(CouponIssuance.Reason.OUTSIDE_VALIDITY, "offer " + offerId + " issues from "
                    + terms.validFrom() + " until " + terms.validUntil() + "; it is " + now);
        }
        if (issued >= terms.stock()) {
            return new CouponIssuance.Refused(CouponIssuance.Reason.OUT_OF_STOCK, "all " + terms.stock()
                    + " coupons of offer " + offerId + " are issued");
        }
        int held = heldByCustomer.getOrDefault(command.customerId().value(), 0);
        if (held >= terms.perCustomerLimit()) {
            return new CouponIssuance.Refused(CouponIssuance.Reason.CUSTOMER_LIMIT_REACHED, "customer " + command.customerId()
                    + " already holds " + held + " coupon(s) of offer " + offerId + ", the limit per customer");
        }
        CouponCode code;
        do {
            code = CouponCode.of(offerId, codes.randomPart());
        } while (coupons.containsKey(code.value()));
        apply(new CouponIssuedEvent(offerId, code, command.issuanceId(), command.customerId(), terms.validUntil(), now, issued + 1));
        return new CouponIssuance.Issued(code, command.customerId(), command.issuanceId(), terms.validUntil(), false);
    }

    @CommandHandler
    public CouponRedemption handle(RedeemCouponCommand command, Clock clock) {
        Coupon coupon = coupons.get(command.code().value());
        if (coupon == null) {
            return new CouponRedemption.Refused(CouponRedemption.Reason.UNKNOWN_CODE, "offer " + offerId + " issued no coupon "
                    + command.code());
        }
        if (!coupon.customerId().equals(command.customerId().value())) {
            return new CouponRedemption.Refused(CouponRedemption.Reason.WRONG_CUSTOMER, "coupon " + command.code()
                    + " was issued to another customer");
        }
        if (coupon.redemption() != null) {
            if (coupon.redemption().orderId().equals(command.orderId())) {
                return redeemed(coupon.redemption(), true);
            }
            return new CouponRedemption.Refused(CouponRedemption.Reason.ALREADY_REDEEMED, "coupon " + command.code()
                    + " was redeemed by order " + coupon.redemption().orderId() + " at " + coupon.redemption().redeemedAt());
        }
        if (state == OfferState.ENDED) {
            return new CouponRedemption.Refused(CouponRedemption.Reason.OFFER_ENDED, "offer " + offerId + " has ended");
        }
        Instant now = clock.instant();
        if (now.isBefore(terms.validFrom())) {
            return new CouponRedemption.Refused(CouponRedemption.Reason.NOT_YET_VALID, "coupon " + command.code()
                    + " is valid from " + terms.validFrom());
        }
        if (!now.isBefore(terms.validUntil())) {
            return new CouponRedemption.Refused(CouponRedemption.Reason.EXPIRED, "coupon " + command.code()
                    + " expired at " + terms.validUntil());
        }
        if (!terms.currency().equals(command.basketTotal().currency())) {
            return new CouponRedemption.Refused(CouponRedemption.Reason.CURRENCY_MISMATCH, "offer " + offerId + " is in "
                    + terms.currency() + ", the basket in " + command.basketTotal().currency());
        }
        Optional<Reward.Benefit> benefit = terms.reward().benefitFor(command.basketTotal().amount());
        if (benefit.isEmpty()) {
            return new CouponRedemption.Refused(CouponRedemption.Reason.BELOW_THRESHOLD, "a basket of "
                    + command.basketTotal().amount().toPlainString() + " " + terms.currency() + " reaches no threshold of offer " + offerId);
        }
        CouponRedeemedEvent event = new CouponRedeemedEvent(offerId, command.code(), command.customerId(), command.orderId(),
                command.basketTotal(), new Money(benefit.get().discount(), terms.currency()), benefit.get().giftSku(), now, redeemed + 1);
        apply(event);
        return redeemed(event, false);
    }

    private static CouponRedemption.Redeemed redeemed(CouponRedeemedEvent event, boolean replayed) {
        return new CouponRedemption.Redeemed(event.code(), event.customerId(), event.orderId(), event.basketTotal(),
                event.discount(), event.giftSku(), event.redeemedAt(), replayed);
    }

    private static void requireSound(OfferTerms terms) {
        if (terms == null) {
            throw new OfferRuleViolation("terms: required");
        }
        List<String> problems = terms.problems();
        if (!problems.isEmpty()) {
            throw new OfferRuleViolation(problems);
        }
    }

    @EventSourcingHandler
    void on(OfferCreatedEvent event) {
        offerId = event.offerId();
        terms = event.terms();
        state = OfferState.DRAFT;
    }

    @EventSourcingHandler
    void on(OfferUpdatedEvent event) {
        terms = event.terms();
    }

    @EventSourcingHandler
    void on(OfferActivatedEvent event) {
        state = OfferState.ACTIVE;
    }

    @EventSourcingHandler
    void on(OfferPausedEvent event) {
        state = OfferState.PAUSED;
    }

    @EventSourcingHandler
    void on(OfferEndedEvent event) {
        state = OfferState.ENDED;
    }

    @EventSourcingHandler
    void on(CouponIssuedEvent event) {
        issued++;
        coupons.put(event.code().value(), new Coupon(event.customerId().value(), event.issuanceId(), null));
        codeByIssuance.put(event.issuanceId(), event.code().value());
        heldByCustomer.merge(event.customerId().value(), 1, Integer::sum);
    }

    @EventSourcingHandler
    void on(CouponRedeemedEvent event) {
        redeemed++;
        coupons.computeIfPresent(event.code().value(), (code, c) -> new Coupon(c.customerId(), c.issuanceId(), event));
    }
}
