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
import com.retailpulse.contracts.campaign.CampaignAllocation;
import com.retailpulse.contracts.campaign.CampaignArmTally;
import com.retailpulse.contracts.campaign.CampaignBatchDispatchedEvent;
import com.retailpulse.contracts.campaign.CampaignPlan;
import com.retailpulse.contracts.campaign.CampaignState;
import com.retailpulse.contracts.campaign.CampaignTrafficReallocatedEvent;
import com.retailpulse.contracts.campaign.CampaignVariant;
import com.retailpulse.contracts.campaign.CampaignWinnerDeclaredEvent;
import com.retailpulse.contracts.common.Money;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * MongoDB {@code campaigns}: one document per campaign with its plan, state, the times of its lifecycle
 * and the dispatch's progress (batches, cursor, messages asked for per variant, customers held out,
 * money spent), and its traffic allocation (the weights in force and their version, every reallocation, the
 * declared winner). A batch is counted once: its number is remembered, so an event seen twice after a crash
 * changes nothing; a reallocation is applied once, by its version.
 */
public class CampaignCatalogue {

    public static final String CAMPAIGNS = "campaigns";

    /** What the dispatch reported so far. {@code sentPerArm} counts messages asked for, before the customers' guardrails. */
    public record Progress(int batches, String cursor, Map<String, Long> sentPerArm, long sent, long heldOut, Money spent,
                           Instant lastBatchAt) {
    }

    public record CampaignView(String campaignId, String name, CampaignState state, CampaignPlan plan, Progress progress,
                               Instant createdAt, Instant scheduledAt, Instant startedAt, Instant pausedAt, Instant completedAt,
                               String completionReason, Instant changedAt, Allocation allocation) {
    }

    /**
     * How the campaign splits its treated traffic now: the plan's {@code mode} and floor, the weights in
     * force (variant key → weight, 0 for a variant that gets no new customers) and their {@code version}
     * (the plan's: 0), the declared {@code winner} (or null) and every change of weights, oldest first.
     */
    public record Allocation(CampaignAllocation mode, Double minimumShare, int version, Map<String, Integer> weights,
                             DeclaredWinner winner, List<Reallocation> history) {
    }

    /** One change of weights: to {@code version}, why, and what it was based on. */
    public record Reallocation(int version, Map<String, Integer> weights, String reason, List<CampaignArmTally> basedOn, Instant at) {
    }

    /** The winner of an auto-winner campaign and the evidence it was declared on. */
    public record DeclaredWinner(String winner, String control, double alwaysValidPValue, double threshold,
                                 List<CampaignArmTally> basedOn, Instant declaredAt) {
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

    /** New weights from {@code version} on; a version applied before (an event seen twice) changes nothing. */
    void reallocated(CampaignTrafficReallocatedEvent event) {
        Document weights = new Document();
        event.weights().forEach(weights::append);
        allocationChanged(event.campaignId().value(), event.version(), weights, event.reason(), event.basedOn(), event.reallocatedAt(),
                List.of());
    }

    /** The winner, and from its version on every new treated customer to it. */
    void winnerDeclared(CampaignWinnerDeclaredEvent event) {
        Document winner = new Document("winner", event.winner()).append("control", event.control())
                .append("alwaysValidPValue", event.alwaysValidPValue()).append("threshold", event.threshold())
                .append("basedOn", tallies(event.basedOn())).append("declaredAt", Date.from(event.declaredAt()));
        allocationChanged(event.campaignId().value(), event.version(), new Document(event.winner(), 1),
                "winner declared: " + event.winner() + " beat " + event.control() + " on conversion (always-valid p-value "
                        + event.alwaysValidPValue() + " ≤ " + event.threshold() + ")", event.basedOn(), event.declaredAt(),
                List.of(Updates.set("winner", winner)));
    }

    private void allocationChanged(String campaignId, int version, Document weights, String reason, List<CampaignArmTally> basedOn,
                                   Instant at, List<Bson> more) {
        Document entry = new Document("version", version).append("weights", weights).append("reason", reason)
                .append("basedOn", tallies(basedOn)).append("at", Date.from(at));
        List<Bson> changes = new ArrayList<>(more);
        changes.add(Updates.set("weights", weights));
        changes.add(Updates.set("weightsVersion", version));
        changes.add(Updates.push("reallocations", entry));
        changes.add(Updates.set("changedAt", Date.from(at)));
        campaigns.updateOne(Filters.and(Filters.eq("_id", campaignId),
                        Filters.or(Filters.exists("weightsVersion", false), Filters.lt("weightsVersion", version))),
                Updates.combine(changes));
    }

    private static List<Document> tallies(List<CampaignArmTally> tallies) {
        List<Document> docs = new ArrayList<>();
        for (CampaignArmTally t : tallies) {
            Document d = new Document("arm", t.arm()).append("assigned", t.assigned()).append("converted", t.converted());
            if (t.share() != null) {
                d.append("share", t.share());
            }
            docs.add(d);
        }
        return docs;
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
                instant(d, "completedAt"), d.getString("completionReason"), instant(d, "changedAt"), allocation(d, plan));
    }

    private static Allocation allocation(Document d, CampaignPlan plan) {
        Map<String, Integer> weights = plan.weights();
        Document stored = d.get("weights", Document.class);
        if (stored != null) {
            // every variant named, in plan order; one the decision leaves out gets no new customers
            for (CampaignVariant v : plan.variants()) {
                Object w = stored.get(v.key());
                weights.put(v.key(), w == null ? 0 : ((Number) w).intValue());
            }
        }
        List<Reallocation> history = new ArrayList<>();
        List<Document> entries = d.getList("reallocations", Document.class, List.of());
        for (Document e : entries) {
            Map<String, Integer> w = new LinkedHashMap<>();
            e.get("weights", Document.class).forEach((arm, n) -> w.put(arm, ((Number) n).intValue()));
            history.add(new Reallocation(((Number) e.get("version")).intValue(), w, e.getString("reason"), tallies(e),
                    e.getDate("at").toInstant()));
        }
        DeclaredWinner winner = null;
        Document w = d.get("winner", Document.class);
        if (w != null) {
            winner = new DeclaredWinner(w.getString("winner"), w.getString("control"), ((Number) w.get("alwaysValidPValue")).doubleValue(),
                    ((Number) w.get("threshold")).doubleValue(), tallies(w), w.getDate("declaredAt").toInstant());
        }
        Number version = (Number) d.get("weightsVersion");
        return new Allocation(plan.allocationOrDefault(), plan.allocationOrDefault() == CampaignAllocation.THOMPSON
                ? plan.minimumShareOrDefault() : null, version == null ? 0 : version.intValue(), weights, winner, history);
    }

    private static List<CampaignArmTally> tallies(Document holder) {
        List<CampaignArmTally> tallies = new ArrayList<>();
        for (Document t : holder.getList("basedOn", Document.class, List.of())) {
            Number share = (Number) t.get("share");
            tallies.add(new CampaignArmTally(t.getString("arm"), ((Number) t.get("assigned")).longValue(),
                    ((Number) t.get("converted")).longValue(), share == null ? null : share.doubleValue()));
        }
        return tallies;
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
