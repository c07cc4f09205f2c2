package com.retailpulse.command.offer;

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
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

class OfferTest {

    private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");
    private static final OfferId OFFER = new OfferId("7KQ2M9TX");
    private static final CustomerId ANN = new CustomerId("ann");
    private static final CustomerId BOB = new CustomerId("bob");
    private static final Reward TIERS = new Reward.ThresholdDiscount(List.of(tier("100", "20"), tier("200", "50")));
    private static final OfferTerms TERMS = terms(TIERS, 2, 1);
    private static final CouponCode C1 = CouponCode.of(OFFER, "AAAAAAAAAA");
    private static final CouponCode C2 = CouponCode.of(OFFER, "BBBBBBBBBB");

    private AggregateTestFixture<Offer> fixture;
    private final Deque<String> randomParts = new ArrayDeque<>();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Offer.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource((CouponCodes) randomParts::removeFirst);
        randomParts.addAll(List.of("AAAAAAAAAA", "BBBBBBBBBB", "CCCCCCCCCC"));
    }

    private static Reward.Tier tier(String threshold, String discount) {
        return new Reward.Tier(new BigDecimal(threshold), new BigDecimal(discount));
    }

    private static OfferTerms terms(Reward reward, int stock, int perCustomer) {
        return new OfferTerms("Winter 100-20", null, "CNY", reward, stock, perCustomer, NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(30)));
    }

    private static Money cny(String amount) {
        return Money.of(amount, "CNY");
    }

    private Object[] active(OfferTerms terms) {
        return new Object[]{new OfferCreatedEvent(OFFER, terms, NOW), new OfferActivatedEvent(OFFER, NOW)};
    }

    private static CouponIssuedEvent issued(CouponCode code, String issuance, CustomerId customer) {
        return issued(code, issuance, customer, code.equals(C1) ? 1 : 2);
    }

    private static CouponIssuedEvent issued(CouponCode code, String issuance, CustomerId customer, int number) {
        return new CouponIssuedEvent(OFFER, code, issuance, customer, TERMS.validUntil(), NOW, number);
    }

    // --- terms ----------------------------------------------------------------------------------------

    @Test
    void a_new_offer_is_a_draft_with_its_terms() {
        fixture.givenNoPriorActivity()
                .when(new CreateOfferCommand(OFFER, TERMS))
                .expectEvents(new OfferCreatedEvent(OFFER, TERMS, NOW));
    }

    @Test
    void negative_or_zero_amounts_are_refused_naming_the_field() {
        fixture.givenNoPriorActivity()
                .when(new CreateOfferCommand(OFFER, terms(new Reward.ThresholdDiscount(List.of(tier("-100", "20"), tier("200", "0"))), 10, 1)))
                .expectException(OfferRuleViolation.class)
                .expectExceptionMessage(allOf(containsString("reward.tiers[0].threshold: must be above zero, got -100"),
                        containsString("reward.tiers[1].discount: must be above zero, got 0")));
        fixture.givenNoPriorActivity()
                .when(new CreateOfferCommand(OFFER, terms(new Reward.Voucher(new BigDecimal("-5")), 10, 1)))
                .expectException(OfferRuleViolation.class)
                .expectExceptionMessage(containsString("reward.amount: must be above zero, got -5"));
    }

    @Test
    void a_discount_not_below_its_threshold_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new CreateOfferCommand(OFFER, terms(new Reward.ThresholdDiscount(List.of(tier("100", "100"))), 10, 1)))
                .expectException(OfferRuleViolation.class)
                .expectExceptionMessage(containsString("reward.tiers[0].discount: must be below its threshold 100, got 100"));
    }

    @Test
    void unsorted_or_duplicate_tiers_are_refused() {
        fixture.givenNoPriorActivity()
                .when(new CreateOfferCommand(OFFER, terms(new Reward.ThresholdDiscount(List.of(tier("200", "50"), tier("100", "20"))), 10, 1)))
                .expectException(OfferRuleViolation.class)
                .expectExceptionMessage(containsString("reward.tiers[1].threshold: tiers must be sorted by threshold, ascending and without duplicates"));
        fixture.givenNoPriorActivity()
                .when(new CreateOfferCommand(OFFER, terms(new Reward.ThresholdDiscount(List.of(tier("100", "20"), tier("100", "30"))), 10, 1)))
                .expectException(OfferRuleViolation.class)
                .expectExceptionMessage(containsString("reward.tiers[1].threshold: tiers must be sorted"));
    }

    @Test
    void an_empty_name_a_bad_currency_and_a_validity_that_ends_before_it_starts_are_each_named() {
        OfferTerms bad = new OfferTerms(" ", null, "yuan", new Reward.Voucher(BigDecimal.TEN), 0, 0, NOW, NOW.minusSeconds(1));
        fixture.givenNoPriorActivity()
                .when(new CreateOfferCommand(OFFER, bad))
                .expectException(OfferRuleViolation.class)
                .expectExceptionMessage(allOf(containsString("name: required"), containsString("currency: a 3-letter ISO-4217 code"),
                        containsString("stock: must be 1–100000 coupons, got 0"), containsString("perCustomerLimit: must be at least 1"),
                        containsString("validUntil: must be after validFrom")));
    }

    @Test
    void a_gift_needs_a_positive_threshold_and_a_sku() {
        fixture.givenNoPriorActivity()
                .when(new CreateOfferCommand(OFFER, terms(new Reward.Gift(BigDecimal.ZERO, ""), 10, 1)))
                .expectException(OfferRuleViolation.class)
                .expectExceptionMessage(allOf(containsString("reward.threshold: must be above zero"), containsString("reward.sku: required")));
    }

    @Test
    void a_draft_can_be_changed_and_an_unchanged_draft_records_nothing() {
        OfferTerms more = terms(TIERS, 500, 1);
        fixture.given(new OfferCreatedEvent(OFFER, TERMS, NOW))
                .when(new UpdateOfferCommand(OFFER, more))
                .expectEvents(new OfferUpdatedEvent(OFFER, more, NOW));
        fixture.given(new OfferCreatedEvent(OFFER, TERMS, NOW))
                .when(new UpdateOfferCommand(OFFER, TERMS))
                .expectNoEvents();
    }

    @Test
    void an_active_offer_keeps_the_terms_customers_were_promised() {
        fixture.given(active(TERMS))
                .when(new UpdateOfferCommand(OFFER, terms(TIERS, 500, 1)))
                .expectException(OfferRuleViolation.class)
                .expectExceptionMessage(containsString("state: only a draft can be changed"));
    }

    // --- lifecycle ------------------------------------------------------------------------------------

    @Test
    void a_draft_is_activated_paused_resumed_and_ended() {
        fixture.given(new OfferCreatedEvent(OFFER, TERMS, NOW))
                .when(new ActivateOfferCommand(OFFER))
                .expectResultMessagePayload(OfferState.ACTIVE)
                .expectEvents(new OfferActivatedEvent(OFFER, NOW));
        fixture.given(active(TERMS))
                .when(new PauseOfferCommand(OFFER))
                .expectResultMessagePayload(OfferState.PAUSED)
                .expectEvents(new OfferPausedEvent(OFFER, NOW));
        fixture.given(active(TERMS)).andGiven(new OfferPausedEvent(OFFER, NOW))
                .when(new ActivateOfferCommand(OFFER))
                .expectResultMessagePayload(OfferState.ACTIVE)
                .expectEvents(new OfferActivatedEvent(OFFER, NOW));
        fixture.given(active(TERMS))
                .when(new EndOfferCommand(OFFER, "budget spent"))
                .expectResultMessagePayload(OfferState.ENDED)
                .expectEvents(new OfferEndedEvent(OFFER, "budget spent", NOW));
    }

    @Test
    void repeating_a_lifecycle_step_records_nothing() {
        fixture.given(active(TERMS)).when(new ActivateOfferCommand(OFFER)).expectNoEvents();
        fixture.given(active(TERMS)).andGiven(new OfferEndedEvent(OFFER, "", NOW)).when(new EndOfferCommand(OFFER, "again"))
                .expectResultMessagePayload(OfferState.ENDED).expectNoEvents();
    }

    @Test
    void an_ended_offer_never_comes_back_and_a_draft_cannot_be_paused() {
        fixture.given(active(TERMS)).andGiven(new OfferEndedEvent(OFFER, "", NOW))
                .when(new ActivateOfferCommand(OFFER))
                .expectException(OfferRuleViolation.class)
                .expectExceptionMessage(containsString("state: offer 7KQ2M9TX has ended"));
        fixture.given(new OfferCreatedEvent(OFFER, TERMS, NOW))
                .when(new PauseOfferCommand(OFFER))
                .expectException(OfferRuleViolation.class)
                .expectExceptionMessage(containsString("only an active offer can be paused"));
    }

    @Test
    void an_offer_whose_validity_is_over_cannot_be_activated() {
        OfferTerms past = new OfferTerms("Old", null, "CNY", TIERS, 10, 1, NOW.minus(Duration.ofDays(10)), NOW);
        fixture.given(new OfferCreatedEvent(OFFER, past, NOW))
                .when(new ActivateOfferCommand(OFFER))
                .expectException(OfferRuleViolation.class)
                .expectExceptionMessage(containsString("validUntil: the offer's validity ended"));
    }

    // --- issuing --------------------------------------------------------------------------------------

    @Test
    void an_active_offer_issues_a_coupon_with_a_code_that_names_it() {
        fixture.given(active(TERMS))
                .when(new IssueCouponCommand(OFFER, "journey-1:ann", ANN))
                .expectResultMessagePayload(new CouponIssuance.Issued(C1, ANN, "journey-1:ann", TERMS.validUntil(), false))
                .expectEvents(issued(C1, "journey-1:ann", ANN));
    }

    @Test
    void the_same_issuance_retried_answers_the_same_coupon_and_issues_nothing() {
        fixture.given(active(TERMS)).andGiven(issued(C1, "journey-1:ann", ANN))
                .when(new IssueCouponCommand(OFFER, "journey-1:ann", ANN))
                .expectResultMessagePayload(new CouponIssuance.Issued(C1, ANN, "journey-1:ann", TERMS.validUntil(), true))
                .expectNoEvents();
    }

    @Test
    void a_retry_is_answered_even_once_the_stock_is_gone_or_the_offer_paused() {
        OfferTerms one = terms(TIERS, 1, 1);
        fixture.given(active(one)).andGiven(issued(C1, "i-1", ANN), new OfferPausedEvent(OFFER, NOW))
                .when(new IssueCouponCommand(OFFER, "i-1", ANN))
                .expectResultMessagePayload(new CouponIssuance.Issued(C1, ANN, "i-1", one.validUntil(), true))
                .expectNoEvents();
    }

    @Test
    void an_issuance_id_used_for_another_customer_is_refused() {
        fixture.given(active(TERMS)).andGiven(issued(C1, "i-1", ANN))
                .when(new IssueCouponCommand(OFFER, "i-1", BOB))
                .expectResultMessagePayloadMatching(refusal(CouponIssuance.Reason.ISSUANCE_ID_REUSED))
                .expectNoEvents();
    }

    @Test
    void issuance_never_exceeds_the_stock() {
        fixture.given(active(TERMS)).andGiven(issued(C1, "i-1", ANN), issued(C2, "i-2", BOB))
                .when(new IssueCouponCommand(OFFER, "i-3", new CustomerId("cyd")))
                .expectResultMessagePayloadMatching(refusal(CouponIssuance.Reason.OUT_OF_STOCK))
                .expectNoEvents();
    }

    @Test
    void a_customer_gets_no_more_than_the_limit() {
        fixture.given(active(terms(TIERS, 10, 1))).andGiven(issued(C1, "i-1", ANN))
                .when(new IssueCouponCommand(OFFER, "i-2", ANN))
                .expectResultMessagePayloadMatching(refusal(CouponIssuance.Reason.CUSTOMER_LIMIT_REACHED))
                .expectNoEvents();
    }

    @Test
    void drafts_paused_and_ended_offers_issue_nothing() {
        fixture.given(new OfferCreatedEvent(OFFER, TERMS, NOW))
                .when(new IssueCouponCommand(OFFER, "i-1", ANN))
                .expectResultMessagePayloadMatching(refusal(CouponIssuance.Reason.OFFER_NOT_ACTIVE)).expectNoEvents();
        fixture.given(active(TERMS)).andGiven(new OfferPausedEvent(OFFER, NOW))
                .when(new IssueCouponCommand(OFFER, "i-1", ANN))
                .expectResultMessagePayloadMatching(refusal(CouponIssuance.Reason.OFFER_NOT_ACTIVE)).expectNoEvents();
        fixture.given(active(TERMS)).andGiven(new OfferEndedEvent(OFFER, "", NOW))
                .when(new IssueCouponCommand(OFFER, "i-1", ANN))
                .expectResultMessagePayloadMatching(refusal(CouponIssuance.Reason.OFFER_NOT_ACTIVE)).expectNoEvents();
    }

    @Test
    void nothing_is_issued_before_the_validity_window_opens() {
        OfferTerms later = new OfferTerms("Later", null, "CNY", TIERS, 10, 1, NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(2)));
        fixture.given(new OfferCreatedEvent(OFFER, later, NOW), new OfferActivatedEvent(OFFER, NOW))
                .when(new IssueCouponCommand(OFFER, "i-1", ANN))
                .expectResultMessagePayloadMatching(refusal(CouponIssuance.Reason.OUTSIDE_VALIDITY)).expectNoEvents();
    }

    @Test
    void a_colliding_random_part_is_drawn_again() {
        randomParts.clear();
        randomParts.addAll(List.of("AAAAAAAAAA", "BBBBBBBBBB"));
        fixture.given(active(TERMS)).andGiven(issued(C1, "i-1", ANN))
                .when(new IssueCouponCommand(OFFER, "i-2", BOB))
                .expectEvents(issued(C2, "i-2", BOB));
    }

    // --- redeeming ------------------------------------------------------------------------------------

    @Test
    void the_best_tier_the_basket_reaches_applies() {
        fixture.given(active(TERMS)).andGiven(issued(C1, "i-1", ANN))
                .when(RedeemCouponCommand.of(C1, ANN, "order-1", cny("250.00")))
                .expectEvents(new CouponRedeemedEvent(OFFER, C1, ANN, "order-1", cny("250.00"), cny("50"), null, NOW, 1));
        fixture.given(active(TERMS)).andGiven(issued(C1, "i-1", ANN))
                .when(RedeemCouponCommand.of(C1, ANN, "order-1", cny("199.99")))
                .expectEvents(new CouponRedeemedEvent(OFFER, C1, ANN, "order-1", cny("199.99"), cny("20"), null, NOW, 1));
    }

    @Test
    void a_basket_below_every_threshold_is_refused() {
        fixture.given(active(TERMS)).andGiven(issued(C1, "i-1", ANN))
                .when(RedeemCouponCommand.of(C1, ANN, "order-1", cny("99.99")))
                .expectResultMessagePayloadMatching(refusal(CouponRedemption.Reason.BELOW_THRESHOLD)).expectNoEvents();
    }

    @Test
    void a_voucher_takes_its_amount_off_but_never_more_than_the_basket() {
        OfferTerms voucher = terms(new Reward.Voucher(new BigDecimal("5")), 10, 1);
        fixture.given(active(voucher)).andGiven(issued(C1, "i-1", ANN))
                .when(RedeemCouponCommand.of(C1, ANN, "order-1", cny("3.50")))
                .expectEvents(new CouponRedeemedEvent(OFFER, C1, ANN, "order-1", cny("3.50"), cny("3.50"), null, NOW, 1));
    }

    @Test
    void a_gift_is_given_once_the_threshold_is_reached() {
        OfferTerms gift = terms(new Reward.Gift(new BigDecimal("150"), "TOTE-01"), 10, 1);
        fixture.given(active(gift)).andGiven(issued(C1, "i-1", ANN))
                .when(RedeemCouponCommand.of(C1, ANN, "order-1", cny("150")))
                .expectEvents(new CouponRedeemedEvent(OFFER, C1, ANN, "order-1", cny("150"), cny("0"), "TOTE-01", NOW, 1));
    }

    @Test
    void the_same_order_redeeming_again_gets_the_same_result_and_records_nothing() {
        CouponRedeemedEvent first = new CouponRedeemedEvent(OFFER, C1, ANN, "order-1", cny("250"), cny("50"), null,
                NOW.minusSeconds(60), 1);
        fixture.given(active(TERMS)).andGiven(issued(C1, "i-1", ANN), first)
                .when(RedeemCouponCommand.of(C1, ANN, "order-1", cny("120")))
                .expectResultMessagePayload(new CouponRedemption.Redeemed(C1, ANN, "order-1", cny("250"), cny("50"), null,
                        NOW.minusSeconds(60), true))
                .expectNoEvents();
    }

    @Test
    void another_order_cannot_use_a_redeemed_coupon() {
        fixture.given(active(TERMS)).andGiven(issued(C1, "i-1", ANN),
                        new CouponRedeemedEvent(OFFER, C1, ANN, "order-1", cny("250"), cny("50"), null, NOW, 1))
                .when(RedeemCouponCommand.of(C1, ANN, "order-2", cny("250")))
                .expectResultMessagePayloadMatching(refusal(CouponRedemption.Reason.ALREADY_REDEEMED)).expectNoEvents();
    }

    @Test
    void unknown_and_other_customers_codes_are_refused() {
        fixture.given(active(TERMS)).andGiven(issued(C1, "i-1", ANN))
                .when(RedeemCouponCommand.of(C2, ANN, "order-1", cny("250")))
                .expectResultMessagePayloadMatching(refusal(CouponRedemption.Reason.UNKNOWN_CODE)).expectNoEvents();
        fixture.given(active(TERMS)).andGiven(issued(C1, "i-1", ANN))
                .when(RedeemCouponCommand.of(C1, BOB, "order-1", cny("250")))
                .expectResultMessagePayloadMatching(refusal(CouponRedemption.Reason.WRONG_CUSTOMER)).expectNoEvents();
    }

    @Test
    void an_expired_coupon_is_refused() {
        OfferTerms ended = new OfferTerms("Past", null, "CNY", TIERS, 10, 1, NOW.minus(Duration.ofDays(10)), NOW);
        fixture.given(new OfferCreatedEvent(OFFER, ended, NOW), new OfferActivatedEvent(OFFER, NOW), issued(C1, "i-1", ANN))
                .when(RedeemCouponCommand.of(C1, ANN, "order-1", cny("250")))
                .expectResultMessagePayloadMatching(refusal(CouponRedemption.Reason.EXPIRED)).expectNoEvents();
    }

    @Test
    void a_paused_offer_still_honours_issued_coupons_but_an_ended_one_does_not() {
        fixture.given(active(TERMS)).andGiven(issued(C1, "i-1", ANN), new OfferPausedEvent(OFFER, NOW))
                .when(RedeemCouponCommand.of(C1, ANN, "order-1", cny("100")))
                .expectEvents(new CouponRedeemedEvent(OFFER, C1, ANN, "order-1", cny("100"), cny("20"), null, NOW, 1));
        fixture.given(active(TERMS)).andGiven(issued(C1, "i-1", ANN), new OfferEndedEvent(OFFER, "", NOW))
                .when(RedeemCouponCommand.of(C1, ANN, "order-1", cny("100")))
                .expectResultMessagePayloadMatching(refusal(CouponRedemption.Reason.OFFER_ENDED)).expectNoEvents();
    }

    @Test
    void a_basket_in_another_currency_is_refused() {
        fixture.given(active(TERMS)).andGiven(issued(C1, "i-1", ANN))
                .when(RedeemCouponCommand.of(C1, ANN, "order-1", Money.of("250", "GBP")))
                .expectResultMessagePayloadMatching(refusal(CouponRedemption.Reason.CURRENCY_MISMATCH)).expectNoEvents();
    }

    private static org.hamcrest.Matcher<Object> refusal(Enum<?> reason) {
        return new org.hamcrest.TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Object item) {
                return (item instanceof CouponIssuance.Refused r && r.reason() == reason && !r.detail().isBlank())
                        || (item instanceof CouponRedemption.Refused r2 && r2.reason() == reason && !r2.detail().isBlank());
            }

            @Override
            public void describeTo(org.hamcrest.Description description) {
                description.appendText("refused with " + reason);
            }
        };
    }
}
