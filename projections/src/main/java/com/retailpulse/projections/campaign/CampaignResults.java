package com.retailpulse.projections.campaign;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.retailpulse.contracts.common.Assignment;
import com.retailpulse.contracts.common.Money;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * MongoDB {@code campaign_recipients}: one document per campaign and customer the dispatch decided, with
 * the arm they were assigned to (a variant or the holdout) and when, what became of their message
 * (accepted, suppressed, deferred; delivered, opened, clicked, failed) and the orders they placed within
 * the attribution window after the assignment (count, revenue per currency). Reports group it by arm.
 *
 * <p>Every write is idempotent — flags are set, times kept at their minimum, an order counted only if its
 * id is not yet listed — so events seen twice after a crash change nothing.
 *
 * <p>An order must find the campaigns that assigned its customer without a scan (every order of every
 * customer passes here, and the embedded Mongo-wire server ignores secondary indexes):
 * {@code campaign_assignments} holds, under the customer id, when each campaign assigned them, and a
 * recipient's id is {@code <campaign>:<customer>} — also what follows {@code campaign:} in the dispatch's
 * message ids, so a receipt finds its document by id too. The report groups a campaign's recipients by
 * arm (indexed by campaign and arm in MongoDB proper).
 */
public class CampaignResults {

    public static final String RECIPIENTS = "campaign_recipients";
    public static final String ASSIGNMENTS = "campaign_assignments";

    /** What happened to the customers of one arm. Revenue counts orders in the asked currency only. */
    public record ArmResult(String arm, long assigned, long accepted, long suppressed, long deferred, long delivered,
                            long opened, long clicked, long failed, long converted, long orders, String currency,
                            BigDecimal revenue, double revenueSquares) {
    }

    private final MongoCollection<Document> recipients;
    private final MongoCollection<Document> assignments;
    private final Duration attributionWindow;

    public CampaignResults(MongoDatabase database, Duration attributionWindow) {
        if (attributionWindow == null || attributionWindow.isNegative() || attributionWindow.isZero()) {
            throw new IllegalArgumentException("retailpulse.campaigns.attribution-window must be a positive duration such as 7d, got "
                    + attributionWindow);
        }
        this.recipients = database.getCollection(RECIPIENTS);
        this.assignments = database.getCollection(ASSIGNMENTS);
        this.attributionWindow = attributionWindow;
        recipients.createIndex(Indexes.ascending("campaignId", "arm"), new IndexOptions().name("campaignId_arm"));
    }

    public Duration attributionWindow() {
        return attributionWindow;
    }

    static String id(String campaignId, String customerId) {
        return campaignId + ":" + customerId;
    }

    /** The customer is in {@code arm} of the campaign since {@code at} (the first decision about them counts). */
    void assigned(String campaignId, String customerId, String arm, String messageId, Instant at, Bson outcome) {
        List<Bson> changes = new ArrayList<>(List.of(
                Updates.setOnInsert("campaignId", campaignId),
                Updates.setOnInsert("customerId", customerId),
                Updates.setOnInsert("arm", arm),
                Updates.min("assignedAt", Date.from(at))));
        if (messageId != null) {
            changes.add(Updates.set("messageId", messageId));
        }
        if (outcome != null) {
            changes.add(outcome);
        }
        recipients.updateOne(Filters.eq("_id", id(campaignId, customerId)), Updates.combine(changes), new UpdateOptions().upsert(true));
        // Campaign ids have no dots: a safe field name.
        assignments.updateOne(Filters.eq("_id", customerId), Updates.min("campaigns." + campaignId, Date.from(at)),
                new UpdateOptions().upsert(true));
    }

    void heldOut(String campaignId, String customerId, Instant at) {
        assigned(campaignId, customerId, Assignment.HOLDOUT, null, at, null);
    }

    void accepted(String campaignId, String customerId, String arm, String messageId, Instant at) {
        assigned(campaignId, customerId, arm, messageId, at, Updates.set("accepted", 1));
    }

    void suppressed(String campaignId, String customerId, String arm, String messageId, String reason, Instant at) {
        assigned(campaignId, customerId, arm, messageId, at, Updates.combine(Updates.set("suppressed", 1),
                Updates.set("suppressionReason", reason)));
    }

    void deferred(String campaignId, String customerId, String arm, String messageId, Instant at) {
        assigned(campaignId, customerId, arm, messageId, at, Updates.set("deferred", 1));
    }

    /**
     * A receipt of a campaign message ({@code campaign:<campaign>:<customer>}): {@code flag} is delivered,
     * opened, clicked or failed.
     */
    void receipt(String messageId, String flag) {
        recipients.updateOne(Filters.eq("_id", messageId.substring(messageId.indexOf(':') + 1)), Updates.set(flag, 1));
    }

    /**
     * An order counts for every campaign that assigned the customer within the attribution window before
     * it was placed: the customer converted, and the order's total adds to their revenue in its currency.
     */
    void ordered(String customerId, String orderId, Instant placedAt, String currency, BigDecimal total) {
        Document assigned = assignments.find(Filters.eq("_id", customerId)).first();
        if (assigned == null) {
            return;
        }
        Instant earliest = placedAt.minus(attributionWindow);
        assigned.get("campaigns", Document.class).forEach((campaignId, at) -> {
            Instant assignedAt = ((Date) at).toInstant();
            if (assignedAt.isAfter(placedAt) || !assignedAt.isAfter(earliest)) {
                return;
            }
            String id = id(campaignId, customerId);
            Document recipient = recipients.find(Filters.eq("_id", id)).first();
            Document revenue = recipient == null ? null : recipient.get("revenue", Document.class);
            double before = revenue == null || revenue.get(currency) == null ? 0 : ((Number) revenue.get(currency)).doubleValue();
            double after = before + total.doubleValue();
            // Only this customer's events write their documents, one at a time: read, add, write is safe,
            // and the order id in the filter makes a second delivery of the event a no-op.
            List<Bson> changes = new ArrayList<>(List.of(Updates.push("orderIds", orderId), Updates.inc("orders", 1),
                    Updates.set("converted", 1), Updates.min("convertedAt", Date.from(placedAt))));
            if (Money.isCurrencyCode(currency)) { // a field name: nothing but the three letters
                changes.add(Updates.set("revenue." + currency, after));
                changes.add(Updates.set("revenueSquares." + currency, after * after));
            }
            recipients.updateOne(Filters.and(Filters.eq("_id", id), Filters.ne("orderIds", orderId)), Updates.combine(changes));
        });
    }

    void clear() {
        recipients.deleteMany(new Document());
        assignments.deleteMany(new Document());
    }

    /** Every arm of the campaign that has customers, by arm; revenue in {@code currency}. */
    public Map<String, ArmResult> arms(String campaignId, String currency) {
        Map<String, ArmResult> arms = new TreeMap<>();
        recipients.aggregate(List.of(
                Aggregates.match(Filters.eq("campaignId", campaignId)),
                Aggregates.group("$arm",
                        Accumulators.sum("assigned", 1),
                        Accumulators.sum("accepted", "$accepted"),
                        Accumulators.sum("suppressed", "$suppressed"),
                        Accumulators.sum("deferred", "$deferred"),
                        Accumulators.sum("delivered", "$delivered"),
                        Accumulators.sum("opened", "$opened"),
                        Accumulators.sum("clicked", "$clicked"),
                        Accumulators.sum("failed", "$failed"),
                        Accumulators.sum("converted", "$converted"),
                        Accumulators.sum("orders", "$orders"),
                        Accumulators.sum("revenue", "$revenue." + currency),
                        Accumulators.sum("revenueSquares", "$revenueSquares." + currency)))).forEach(d -> {
            String arm = d.getString("_id");
            arms.put(arm, new ArmResult(arm, count(d, "assigned"), count(d, "accepted"), count(d, "suppressed"),
                    count(d, "deferred"), count(d, "delivered"), count(d, "opened"), count(d, "clicked"), count(d, "failed"),
                    count(d, "converted"), count(d, "orders"), currency,
                    BigDecimal.valueOf(((Number) d.get("revenue")).doubleValue()), ((Number) d.get("revenueSquares")).doubleValue()));
        });
        return arms;
    }

    private static long count(Document d, String field) {
        Object value = d.get(field);
        return value == null ? 0 : ((Number) value).longValue();
    }
}
