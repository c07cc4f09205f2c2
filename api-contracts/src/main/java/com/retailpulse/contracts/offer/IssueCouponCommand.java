package com.retailpulse.contracts.offer;

import com.retailpulse.contracts.customer.CustomerId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Objects;

/**
 * Issues one coupon of the offer to a customer. {@code issuanceId} is the caller's key for this one
 * issuance (a journey step, a campaign's send to one customer): sending it again answers the coupon
 * issued the first time and issues nothing. Answers a {@link CouponIssuance}.
 */
public record IssueCouponCommand(@TargetAggregateIdentifier OfferId offerId, String issuanceId, CustomerId customerId) {

    public static final int MAX_ISSUANCE_ID_LENGTH = 128;

    public IssueCouponCommand {
        Objects.requireNonNull(offerId, "offerId");
        Objects.requireNonNull(customerId, "customerId");
        if (issuanceId == null || issuanceId.isBlank() || issuanceId.length() > MAX_ISSUANCE_ID_LENGTH) {
            throw new IllegalArgumentException("issuanceId: required, 1–" + MAX_ISSUANCE_ID_LENGTH + " characters");
        }
    }
}
