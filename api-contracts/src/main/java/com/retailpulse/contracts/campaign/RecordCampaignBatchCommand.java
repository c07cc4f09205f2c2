package com.retailpulse.contracts.campaign;

import com.retailpulse.contracts.common.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;

/**
 * Records what one dispatch batch did: batch number {@code batch} (from 1), the audience {@code cursor}
 * after it (the last customer id it decided; null if it decided none), the messages asked for per
 * variant, the customers held out, and the estimated cost of its messages. Idempotent per batch number:
 * answers true when recorded, false when that batch was recorded before.
 */
public record RecordCampaignBatchCommand(@TargetAggregateIdentifier CampaignId campaignId, int batch, String cursor,
                                         Map<String, Integer> sentPerArm, int heldOut, Money spent) {

    public RecordCampaignBatchCommand {
        Objects.requireNonNull(campaignId, "campaignId");
        if (batch < 1) {
            throw new IllegalArgumentException("batch: numbers start at 1, got " + batch);
        }
        if (sentPerArm == null) {
            throw new IllegalArgumentException("sentPerArm: required (empty when nothing was sent)");
        }
        sentPerArm.forEach((arm, sent) -> {
            if (arm == null || arm.isBlank()) {
                throw new IllegalArgumentException("sentPerArm: a variant key is blank");
            }
            if (sent == null || sent < 0) {
                throw new IllegalArgumentException("sentPerArm." + arm + ": must be 0 or more, got " + sent);
            }
        });
        sentPerArm = Map.copyOf(sentPerArm);
        if (heldOut < 0) {
            throw new IllegalArgumentException("heldOut: must be 0 or more, got " + heldOut);
        }
        if (spent == null) {
            throw new IllegalArgumentException("spent: required (zero when nothing was sent)");
        }
        if (spent.amount().compareTo(BigDecimal.ZERO) < 0) {
            throw new IllegalArgumentException("spent: must not be negative, got " + spent.amount().toPlainString());
        }
    }

    /** Messages asked for in this batch, all variants together. */
    public int sent() {
        return sentPerArm.values().stream().mapToInt(Integer::intValue).sum();
    }
}
