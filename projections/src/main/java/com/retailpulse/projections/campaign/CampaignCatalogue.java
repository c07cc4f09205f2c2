package com.retailpulse.projections.campaign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.retailpulse.contracts.campaign.CampaignBatchDispatchedEvent;
import com.retailpulse.contracts.campaign.CampaignPlan;
import com.retailpulse.contracts.campaign.CampaignState;
import com.retailpulse.contracts.common.Money;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * MongoDB {@code campaigns}: one document per campaign with its plan, state, the times of its lifecycle
 * and the dispatch's progress (batches, cursor, messages asked for per variant, customers held out,
 * money spent). A batch is counted once: its number is remembered, so an event seen twice after a crash
 * changes nothing.
 */
public class CampaignCatalogue {

    public static final String CAMPAIGNS = "campaigns";

    /** What the dispatch reported so far. {@code sentPerArm} counts messages asked for, before the customers' guardrails. */
    public record Progress(int batches, String cursor, Map<String, Long> sentPerArm, long sent, long heldOut, Money spent,
                           Instant lastBatchAt) {
    }

    public record CampaignView(String campaignId, String name, CampaignState state, CampaignPlan plan, Progress progress,
                               Instant createdAt, Instant scheduledAt, Instant startedAt, Instant pausedAt, Instant completedAt,
                               String completionReason, Instant changedAt) {
    }

    private final MongoCollection<Document> campaigns;
    private final ObjectMapper json;

    public CampaignCatalogue(MongoDatabase database, ObjectMapper json) {
        this.campaigns = database.getCollection(CAMPAIGNS);
        this.json = json;
        campaigns.createIndex(Indexes.ascending("state"), new IndexOptions().name("state"));
        campaigns.createIndex(Indexes.descending("createdAt"), new IndexOptions().name("createdAt"));
    }

    void created(String campaignId, CampaignPlan plan, Instant at) {
        Document doc = new Document("_id", campaignId)
                .append("plan", write(plan))
                .append("name", plan.name())
                .append("state", CampaignState.DRAFT.name())
                .append("batches", 0)
                .append("recordedBatches", List.of())
                .append("sentPerArm", new Document())
                .append("heldOut", 0L)
                .append("spent", "0")
                .append("createdAt", Date.from(at))
                .append("changedAt", Date.from(at));
        campaigns.replaceOne(Filters.eq("_id", campaignId), doc, new ReplaceOptions().upsert(true));
    }

    void planned(String campaignId, CampaignPlan plan, Instant at) {
        campaigns.updateOne(Filters.eq("_id", campaignId), Updates.combine(Updates.set("plan", write(plan)),
                Updates.set("name", plan.name()), Updates.set("changedAt", Date.from(at))));
    }

    /** A new state, and the time it was entered under {@code timeField} (e.g. startedAt). */
    void state(String campaignId, CampaignState state, String timeField, Instant at) {
        campaigns.updateOne(Filters.eq("_id", campaignId), Updates.combine(Updates.set("state", state.name()),
                Updates.set(timeField, Date.from(at)), Updates.set("changedAt", Date.from(at))));
    }

    void completed(String campaignId, String reason, Instant at) {
        campaigns.updateOne(Filters.eq("_id", campaignId), Updates.combine(Updates.set("state", CampaignState.COMPLETED.name()),
                Updates.set("completedAt", Date.from(at)), Updates.set("completionReason", reason),
                Updates.set("changedAt", Date.from(at))));
    }

    void batch(CampaignBatchDispatchedEvent event) {
        List<Bson> changes = new ArrayList<>();
        changes.add(Updates.push("recordedBatches", event.batch()));
        changes.add(Updates.inc("batches", 1));
        event.sentPerArm().forEach((arm, sent) -> changes.add(Updates.inc("sentPerArm." + arm, (long) sent)));
        changes.add(Updates.inc("heldOut", (long) event.heldOut()));
        changes.add(Updates.set("spent", event.totalSpent().amount().toPlainString()));
        changes.add(Updates.max("lastBatchAt", Date.from(event.recordedAt())));
        if (event.cursor() != null) {
            // Customer ids only grow along the audience: the cursor is the largest one decided.
            changes.add(Updates.max("cursor", event.cursor()));
        }
        campaigns.updateOne(Filters.and(Filters.eq("_id", event.campaignId().value()), Filters.ne("recordedBatches", event.batch())),
                Updates.combine(changes));
    }

    void clear() {
        campaigns.deleteMany(new Document());
    }

    /** Every campaign, newest first, optionally only those in one state. */
    public List<CampaignView> campaigns(CampaignState state) {
        Bson filter = state == null ? new Document() : Filters.eq("state", state.name());
        List<CampaignView> all = new ArrayList<>();
        campaigns.find(filter).projection(new Document("recordedBatches", 0)).sort(Sorts.descending("createdAt"))
                .forEach(d -> all.add(view(d)));
        return all;
    }

    public Optional<CampaignView> campaign(String campaignId) {
        return Optional.ofNullable(campaigns.find(Filters.eq("_id", campaignId)).projection(new Document("recordedBatches", 0)).first())
                .map(this::view);
    }

    private CampaignView view(Document d) {
        CampaignPlan plan = read(d.getString("plan"), d.getString("_id"));
        Map<String, Long> sentPerArm = new TreeMap<>();
        Document arms = d.get("sentPerArm", Document.class);
        if (arms != null) {
            arms.forEach((arm, n) -> sentPerArm.put(arm, ((Number) n).longValue()));
        }
        long sent = sentPerArm.values().stream().mapToLong(Long::longValue).sum();
        String currency = plan.budget() == null ? null : plan.budget().currency();
        Money spent = currency == null ? null : new Money(new BigDecimal(d.getString("spent")), currency);
        Progress progress = new Progress(((Number) d.get("batches")).intValue(), d.getString("cursor"), sentPerArm, sent,
                ((Number) d.get("heldOut")).longValue(), spent, instant(d, "lastBatchAt"));
        return new CampaignView(d.getString("_id"), d.getString("name"), CampaignState.valueOf(d.getString("state")), plan,
                progress, instant(d, "createdAt"), instant(d, "scheduledAt"), instant(d, "startedAt"), instant(d, "pausedAt"),
                instant(d, "completedAt"), d.getString("completionReason"), instant(d, "changedAt"));
    }

    private static Instant instant(Document d, String field) {
        Date date = d.getDate(field);
        return date == null ? null : date.toInstant();
    }

    private String write(CampaignPlan plan) {
        try {
            return json.writeValueAsString(plan);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("campaign plan cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private CampaignPlan read(String plan, String campaignId) {
        try {
            return json.readValue(plan, CampaignPlan.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("campaign " + campaignId + " cannot be read: " + e.getOriginalMessage(), e);
        }
    }
}
