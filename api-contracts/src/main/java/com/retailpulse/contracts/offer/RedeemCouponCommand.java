package com.retailpulse.contracts.offer;

import com.retailpulse.contracts.common.Money;
import com.retailpulse.contracts.customer.CustomerId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Objects;

/**
 * Redeems a coupon against an order whose basket comes to {@code basketTotal}. The same order redeeming
 * the same coupon again answers the first result and records nothing. Answers a {@link CouponRedemption}.
 */
public record RedeemCouponCommand(@TargetAggregateIdentifier OfferId offerId, CouponCode code, CustomerId customerId,
                                  String orderId, Money basketTotal) {

    public static final int MAX_ORDER_ID_LENGTH = 128;

    public RedeemCouponCommand {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(basketTotal, "basketTotal");
        if (!code.offer().equals(offerId)) {
            throw new IllegalArgumentException("code " + code + " belongs to offer " + code.offer() + ", not " + offerId);
        }
        if (orderId == null || orderId.isBlank() || orderId.length() > MAX_ORDER_ID_LENGTH) {
            throw new IllegalArgumentException("orderId: required, 1–" + MAX_ORDER_ID_LENGTH + " characters");
        }
        if (basketTotal.amount().signum() <= 0) {
            throw new IllegalArgumentException("basketTotal: must be above zero, got " + basketTotal.amount().toPlainString());
        }
    }

    public static RedeemCouponCommand of(CouponCode code, CustomerId customerId, String orderId, Money basketTotal) {
        return new RedeemCouponCommand(code.offer(), code, customerId, orderId, basketTotal);
    }
}
