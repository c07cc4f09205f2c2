package com.retailpulse.contracts.offer;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a coupon gives, in the offer's currency. As JSON, {@code kind} tells which:
 * <pre>
 * {"kind": "threshold", "tiers": [{"threshold": 100, "discount": 20}, {"threshold": 200, "discount": 50}]}
 * {"kind": "voucher", "amount": 5}
 * {"kind": "gift", "threshold": 150, "sku": "TOTE-BAG-01"}
 * </pre>
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Reward.ThresholdDiscount.class, name = "threshold"),
        @JsonSubTypes.Type(value = Reward.Voucher.class, name = "voucher"),
        @JsonSubTypes.Type(value = Reward.Gift.class, name = "gift")
})
public sealed interface Reward {

    int MAX_TIERS = 10;

    /** What a basket of this total gets; empty when it reaches no threshold. */
    Optional<Benefit> benefitFor(BigDecimal basketTotal);

    /** Each problem as "reward.field: what is wrong"; empty when the reward is sound. */
    List<String> problems();

    /** A discount and/or a gift the basket earned, and the threshold it reached (0 for a voucher). */
    record Benefit(BigDecimal discount, String giftSku, BigDecimal thresholdReached) {
    }

    /** A spend threshold and the discount it earns: "100 minus 20". */
    record Tier(BigDecimal threshold, BigDecimal discount) {
    }

    /** "100 minus 20, 200 minus 50": the highest tier the basket reaches applies (and gives the most). */
    record ThresholdDiscount(List<Tier> tiers) implements Reward {
        public ThresholdDiscount {
            tiers = tiers == null ? null : List.copyOf(tiers);
        }

        @Override
        public Optional<Benefit> benefitFor(BigDecimal basketTotal) {
            Tier best = null;
            for (Tier tier : tiers) {
                if (basketTotal.compareTo(tier.threshold()) >= 0 && (best == null || tier.discount().compareTo(best.discount()) > 0)) {
                    best = tier;
                }
            }
            return best == null ? Optional.empty() : Optional.of(new Benefit(best.discount(), null, best.threshold()));
        }

        @Override
        public List<String> problems() {
            List<String> problems = new ArrayList<>();
            if (tiers == null || tiers.isEmpty()) {
                problems.add("reward.tiers: at least one tier is required, e.g. {\"threshold\": 100, \"discount\": 20}");
                return problems;
            }
            if (tiers.size() > MAX_TIERS) {
                problems.add("reward.tiers: at most " + MAX_TIERS + " tiers, got " + tiers.size());
            }
            for (int i = 0; i < tiers.size(); i++) {
                Tier tier = tiers.get(i);
                String at = "reward.tiers[" + i + "]";
                if (tier == null) {
                    problems.add(at + ": required");
                    continue;
                }
                boolean amounts = positive(problems, at + ".threshold", tier.threshold()) & positive(problems, at + ".discount", tier.discount());
                if (amounts && tier.discount().compareTo(tier.threshold()) >= 0) {
                    problems.add(at + ".discount: must be below its threshold " + tier.threshold().toPlainString() + ", got "
                            + tier.discount().toPlainString());
                }
                Tier previous = i == 0 ? null : tiers.get(i - 1);
                if (amounts && previous != null && previous.threshold() != null && previous.discount() != null) {
                    if (tier.threshold().compareTo(previous.threshold()) <= 0) {
                        problems.add(at + ".threshold: tiers must be sorted by threshold, ascending and without duplicates; "
                                + tier.threshold().toPlainString() + " follows " + previous.threshold().toPlainString());
                    } else if (tier.discount().compareTo(previous.discount()) <= 0) {
                        problems.add(at + ".discount: a higher threshold must give a larger discount; "
                                + tier.discount().toPlainString() + " follows " + previous.discount().toPlainString());
                    }
                }
            }
            return problems;
        }
    }

    /** A no-threshold voucher, "5 off": never more than the basket itself. */
    record Voucher(BigDecimal amount) implements Reward {
        @Override
        public Optional<Benefit> benefitFor(BigDecimal basketTotal) {
            return Optional.of(new Benefit(amount.min(basketTotal), null, BigDecimal.ZERO));
        }

        @Override
        public List<String> problems() {
            List<String> problems = new ArrayList<>();
            positive(problems, "reward.amount", amount);
            return problems;
        }
    }

    /** A product given with a basket of at least {@code threshold}. */
    record Gift(BigDecimal threshold, String sku) implements Reward {
        @Override
        public Optional<Benefit> benefitFor(BigDecimal basketTotal) {
            return basketTotal.compareTo(threshold) >= 0
                    ? Optional.of(new Benefit(BigDecimal.ZERO, sku, threshold)) : Optional.empty();
        }

        @Override
        public List<String> problems() {
            List<String> problems = new ArrayList<>();
            positive(problems, "reward.threshold", threshold);
            if (sku == null || sku.isBlank()) {
                problems.add("reward.sku: required (the product given)");
            } else if (sku.length() > 64) {
                problems.add("reward.sku: at most 64 characters");
            }
            return problems;
        }
    }

    private static boolean positive(List<String> problems, String field, BigDecimal amount) {
        if (amount == null) {
            problems.add(field + ": required");
            return false;
        }
        if (amount.signum() <= 0) {
            problems.add(field + ": must be above zero, got " + amount.toPlainString());
            return false;
        }
        return true;
    }
}
