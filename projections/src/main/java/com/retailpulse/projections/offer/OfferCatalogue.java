package com.retailpulse.projections.offer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.retailpulse.contracts.common.Money;
import com.retailpulse.contracts.offer.CouponIssuedEvent;
import com.retailpulse.contracts.offer.CouponRedeemedEvent;
import com.retailpulse.contracts.offer.OfferState;
import com.retailpulse.contracts.offer.OfferTerms;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * MongoDB {@code offers} (one document per offer: terms, state, issued and redeemed counts) and
 * {@code coupons} (one per code: owner, issuance, redemption). Every write is idempotent — counts are set
 * from the numbers the events carry, coupons are keyed by code — so events seen twice after a crash
 * change nothing.
 */
public class OfferCatalogue {

    public static final String OFFERS = "offers";
    public static final String COUPONS = "coupons";

    public record OfferView(String offerId, OfferTerms terms, OfferState state, int issued, int redeemed, int stockLeft,
                            Instant createdAt, Instant changedAt) {
    }

    public record RedemptionView(String orderId, Instant redeemedAt, Money basketTotal, Money discount, String giftSku) {
    }

    public record CouponView(String code, String offerId, String customerId, String issuanceId, Instant issuedAt,
                             Instant validUntil, RedemptionView redemption) {
    }

    private final MongoCollection<Document> offers;
    private final MongoCollection<Document> coupons;
    private final ObjectMapper json;

    public OfferCatalogue(MongoDatabase database, ObjectMapper json) {
        this.offers = database.getCollection(OFFERS);
        this.coupons = database.getCollection(COUPONS);
        this.json = json;
        coupons.createIndex(Indexes.ascending("offerId"), new IndexOptions().name("offerId"));
        coupons.createIndex(Indexes.ascending("customerId"), new IndexOptions().name("customerId"));
    }

    void created(String offerId, OfferTerms terms, Instant at) {
        Document doc = new Document("_id", offerId)
                .append("terms", write(terms))
                .append("name", terms.name())
                .append("state", OfferState.DRAFT.name())
                .append("issued", 0)
                .append("redeemed", 0)
                .append("createdAt", Date.from(at))
                .append("changedAt", Date.from(at));
        offers.replaceOne(Filters.eq("_id", offerId), doc, new com.mongodb.client.model.ReplaceOptions().upsert(true));
    }

    void updated(String offerId, OfferTerms terms, Instant at) {
        offers.updateOne(Filters.eq("_id", offerId), Updates.combine(Updates.set("terms", write(terms)),
                Updates.set("name", terms.name()), Updates.set("changedAt", Date.from(at))));
    }

    void state(String offerId, OfferState state, Instant at) {
        offers.updateOne(Filters.eq("_id", offerId), Updates.combine(Updates.set("state", state.name()),
                Updates.set("changedAt", Date.from(at))));
    }

    void issued(CouponIssuedEvent event) {
        Document coupon = new Document("_id", event.code().value())
                .append("offerId", event.offerId().value())
                .append("customerId", event.customerId().value())
                .append("issuanceId", event.issuanceId())
                .append("issuedAt", Date.from(event.issuedAt()))
                .append("validUntil", Date.from(event.validUntil()));
        try {
            coupons.insertOne(coupon);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        offers.updateOne(Filters.eq("_id", event.offerId().value()), Updates.max("issued", event.number()));
    }

    void redeemed(CouponRedeemedEvent event) {
        coupons.updateOne(Filters.eq("_id", event.code().value()), Updates.set("redemption", new Document("orderId", event.orderId())
                .append("redeemedAt", Date.from(event.redeemedAt()))
                .append("basketTotal", event.basketTotal().amount().toPlainString())
                .append("discount", event.discount().amount().toPlainString())
                .append("currency", event.discount().currency())
                .append("giftSku", event.giftSku())));
        offers.updateOne(Filters.eq("_id", event.offerId().value()), Updates.max("redeemed", event.number()));
    }

    void clear() {
        offers.deleteMany(new Document());
        coupons.deleteMany(new Document());
    }

    /** Every offer, newest first, optionally only those in one state. */
    public List<OfferView> offers(OfferState state) {
        Bson filter = state == null ? new Document() : Filters.eq("state", state.name());
        List<OfferView> all = new ArrayList<>();
        offers.find(filter).sort(Sorts.descending("createdAt")).forEach(d -> all.add(offer(d)));
        return all;
    }

    public Optional<OfferView> offer(String offerId) {
        return Optional.ofNullable(offers.find(Filters.eq("_id", offerId)).first()).map(this::offer);
    }

    public Optional<CouponView> coupon(String code) {
        return Optional.ofNullable(coupons.find(Filters.eq("_id", code)).first()).map(OfferCatalogue::coupon);
    }

    /** A customer's coupons of one offer, or of every offer when {@code offerId} is null. */
    public List<CouponView> couponsOf(String customerId, String offerId) {
        Bson filter = offerId == null ? Filters.eq("customerId", customerId)
                : Filters.and(Filters.eq("customerId", customerId), Filters.eq("offerId", offerId));
        List<CouponView> found = new ArrayList<>();
        coupons.find(filter).forEach(d -> found.add(coupon(d)));
        return found;
    }

    private OfferView offer(Document d) {
        OfferTerms terms = read(d.getString("terms"), d.getString("_id"));
        int issued = d.getInteger("issued", 0);
        return new OfferView(d.getString("_id"), terms, OfferState.valueOf(d.getString("state")), issued,
                d.getInteger("redeemed", 0), Math.max(0, terms.stock() - issued), d.getDate("createdAt").toInstant(),
                d.getDate("changedAt").toInstant());
    }

    private static CouponView coupon(Document d) {
        Document r = d.get("redemption", Document.class);
        RedemptionView redemption = r == null ? null : new RedemptionView(r.getString("orderId"), r.getDate("redeemedAt").toInstant(),
                new Money(new BigDecimal(r.getString("basketTotal")), r.getString("currency")),
                new Money(new BigDecimal(r.getString("discount")), r.getString("currency")), r.getString("giftSku"));
        return new CouponView(d.getString("_id"), d.getString("offerId"), d.getString("customerId"), d.getString("issuanceId"),
                d.getDate("issuedAt").toInstant(), d.getDate("validUntil").toInstant(), redemption);
    }

    private String write(OfferTerms terms) {
        try {
            return json.writeValueAsString(terms);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("offer terms cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private OfferTerms read(String terms, String offerId) {
        try {
            return json.readValue(terms, OfferTerms.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("offer " + offerId + " cannot be read: " + e.getOriginalMessage(), e);
        }
    }
}
