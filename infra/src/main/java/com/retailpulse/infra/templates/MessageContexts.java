package com.retailpulse.infra.templates;

import com.retailpulse.contracts.customer.ProductRef;
import com.retailpulse.contracts.offer.OfferTerms;
import com.retailpulse.contracts.offer.Reward;
import com.retailpulse.infra.models.Recommendations;
import com.retailpulse.infra.web.InvalidRequestException;
import com.retailpulse.projections.offer.OfferCatalogue;
import com.retailpulse.projections.profile.ProductCatalogue;
import com.retailpulse.projections.profile.ProfileDocument;
import com.retailpulse.projections.profile.ProfileIndex;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a message for one customer is filled from (see {@link MessageTemplate}): the profile's dimensions
 * as a tree ({@code value.ltv} → {@code profile.value.ltv}), the customer's id, the offer, and the
 * recommendations of the model in service (none when no model is).
 */
@Component
class MessageContexts {

    static final int RECOMMENDATIONS = 5;

    private final ProfileIndex profiles;
    private final OfferCatalogue offers;
    private final Recommendations recommendations;
    private final ProductCatalogue catalogue;

    MessageContexts(ProfileIndex profiles, OfferCatalogue offers, Recommendations recommendations, ProductCatalogue catalogue) {
        this.profiles = profiles;
        this.offers = offers;
        this.recommendations = recommendations;
        this.catalogue = catalogue;
    }

    /**
     * Empty when the customer has no profile.
     *
     * @throws InvalidRequestException when a named offer does not exist
     */
    Optional<Map<String, Object>> forCustomer(String customerId, String offerId, String couponCode) {
        return profile(customerId).map(profile -> context(profile.customerId(), profile.tags(), offerId, couponCode));
    }

    private Optional<ProfileDocument> profile(String customerId) {
        Optional<ProfileDocument> found = profiles.find(customerId);
        if (found.isPresent() && found.get().mergedInto() != null) {
            found = profiles.find(found.get().mergedInto());
        }
        return found;
    }

    /**
     * For a message being sent: a customer whose profile the projection has not written yet (their first
     * event a moment ago) is filled with no profile values rather than not at all.
     *
     * @param withProfile false when the templates use neither the profile nor recommendations: no lookup
     */
    Map<String, Object> forMessage(String customerId, String offerId, String couponCode, boolean withProfile) {
        Optional<ProfileDocument> profile = withProfile ? profile(customerId) : Optional.empty();
        return context(profile.map(ProfileDocument::customerId).orElse(customerId),
                profile.map(ProfileDocument::tags).orElse(Map.of()), offerId, couponCode);
    }

    private Map<String, Object> context(String customerId, Map<String, Object> tags, String offerId, String couponCode) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("profile", tree(tags));
        context.put("customer", Map.of("id", customerId));
        if (offerId != null) {
            OfferCatalogue.OfferView offer = offers.offer(offerId)
                    .orElseThrow(() -> new InvalidRequestException("Invalid template preview", List.of("offerId: no offer " + offerId)));
            context.put("offer", offer(offer.terms()));
        }
        if (couponCode != null) {
            context.put("coupon", Map.of("code", couponCode));
        }
        context.put("recommendations", recommendations.forCustomer(customerId, RECOMMENDATIONS).orElse(List.of())
                .stream().map(item -> {
                    ProductRef product = catalogue.find(item.sku());
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("sku", item.sku());
                    m.put("name", product == null || product.name() == null ? item.sku() : product.name());
                    m.put("score", item.score());
                    return m;
                }).toList());
        return context;
    }

    /** {"value.ltv": 12, "value.aov": 6} → {"value": {"ltv": 12, "aov": 6}}. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> tree(Map<String, Object> flat) {
        Map<String, Object> root = new LinkedHashMap<>();
        flat.forEach((name, value) -> {
            String[] parts = name.split("\\.");
            Map<String, Object> node = root;
            for (int i = 0; i < parts.length - 1; i++) {
                Object next = node.computeIfAbsent(parts[i], k -> new LinkedHashMap<String, Object>());
                if (!(next instanceof Map)) {
                    throw new IllegalStateException("dimension " + name + " nests under the value of " + parts[i]);
                }
                node = (Map<String, Object>) next;
            }
            node.put(parts[parts.length - 1], value instanceof List<?> list ? String.join(", ", list.stream().map(String::valueOf).toList()) : value);
        });
        return root;
    }

    private static Map<String, Object> offer(OfferTerms terms) {
        Map<String, Object> offer = new LinkedHashMap<>();
        offer.put("name", terms.name());
        offer.put("description", terms.description());
        offer.put("currency", terms.currency());
        offer.put("validUntil", terms.validUntil().toString());
        Reward reward = terms.reward();
        if (reward instanceof Reward.ThresholdDiscount t) {
            offer.put("tiers", t.tiers().stream()
                    .map(tier -> Map.of("threshold", tier.threshold().toPlainString(), "discount", tier.discount().toPlainString())).toList());
        } else if (reward instanceof Reward.Voucher v) {
            offer.put("amount", v.amount().toPlainString());
        } else if (reward instanceof Reward.Gift g) {
            offer.put("giftSku", g.sku());
            offer.put("giftThreshold", g.threshold().toPlainString());
        }
        return offer;
    }
}
