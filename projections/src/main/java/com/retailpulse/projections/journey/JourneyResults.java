package com.retailpulse.projections.journey;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.retailpulse.contracts.common.Money;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What became of each journey run (MongoDB {@code journey_runs}, one document per enrollment): the steps it
 * reached, the step it waits in, the branch it took at each split and when, its end and outcome, whether
 * its messages after a split were accepted, suppressed, delivered, opened, clicked or failed, and the
 * orders the customer placed within the attribution window after entering a branch (count, revenue per
 * currency). Reports read it per journey (docs/journeys.md).
 *
 * <p>Every write is idempotent — steps added to a set, flags set, times kept at their minimum, an order
 * counted only if its id is not yet listed, the wait only moved forward — so an event handled twice counts
 * once. An order finds the runs that put its customer in a branch through {@code journey_customer_runs}
 * (under the customer id), without a scan.
 */
public class JourneyResults {

    public static final String RUNS = "journey_runs";
    public static final String CUSTOMER_RUNS = "journey_customer_runs";

    /** One run, as the report reads it. Revenue and its square per currency. */
    public record Run(String enrollmentId, String customerId, int version, List<String> steps, String waitingAt, boolean ended,
                      String outcome, Map<String, String> arms, boolean accepted, boolean suppressed, boolean delivered, boolean opened,
                      boolean clicked, boolean failed, long orders, Map<String, BigDecimal> revenue, Map<String, Double> revenueSquares) {
    }

    private final MongoCollection<Document> runs;
    private final MongoCollection<Document> customerRuns;
    private final Duration attributionWindow;

    public JourneyResults(MongoDatabase database, Duration attributionWindow) {
        if (attributionWindow == null || attributionWindow.isNegative() || attributionWindow.isZero()) {
            throw new IllegalArgumentException("retailpulse.journeys.attribution-window must be a positive duration such as 7d, got "
                    + attributionWindow);
        }
        this.runs = database.getCollection(RUNS);
        this.customerRuns = database.getCollection(CUSTOMER_RUNS);
        this.attributionWindow = attributionWindow;
        runs.createIndex(new Document("journey", 1));
    }

    public Duration attributionWindow() {
        return attributionWindow;
    }

    private void upsert(String enrollment, String journey, String customer, List<Bson> changes) {
        List<Bson> all = new ArrayList<>(changes);
        all.add(Updates.setOnInsert("journey", journey));
        all.add(Updates.setOnInsert("customerId", customer));
        runs.updateOne(Filters.eq("_id", enrollment), Updates.combine(all), new UpdateOptions().upsert(true));
    }

    void entered(String enrollment, String journey, int version, String customer, Instant at) {
        upsert(enrollment, journey, customer, List.of(Updates.set("version", version), Updates.min("enteredAt", Date.from(at))));
    }

    /**
     * The run went through {@code steps}, took {@code arms} (split → branch) and now waits at {@code waitingAt}
     * (its {@code waits}-th wait; null: it ended there).
     */
    void moved(String enrollment, String journey, int version, String customer, List<String> steps, Map<String, String> arms,
               String waitingAt, int waits, Instant at) {
        List<Bson> changes = new ArrayList<>();
        changes.add(Updates.set("version", version));
        changes.add(Updates.addEachToSet("steps", steps));
        arms.forEach((split, branch) -> {
            // split ids are a–z, 0–9 and -: safe field names
            changes.add(Updates.set("arms." + split, branch));
            changes.add(Updates.min("armAt." + split, Date.from(at)));
        });
        upsert(enrollment, journey, customer, changes);
        // Only a later wait moves the run: an older move handled again changes nothing.
        runs.updateOne(Filters.and(Filters.eq("_id", enrollment), Filters.or(Filters.exists("waits", false), Filters.lt("waits", waits))),
                Updates.combine(Updates.set("waits", waits), Updates.set("waitingAt", waitingAt)));
        if (!arms.isEmpty()) {
            customerRuns.updateOne(Filters.eq("_id", customer), Updates.addToSet("runs", new Document("run", enrollment)
                    .append("at", Date.from(at))), new UpdateOptions().upsert(true));
        }
    }

    void ended(String enrollment, String journey, String customer, String outcome, Instant at) {
        upsert(enrollment, journey, customer, List.of(Updates.set("ended", 1), Updates.set("outcome", outcome),
                Updates.min("endedAt", Date.from(at))));
    }

    /** A message of the run sent after a split: {@code flag} accepted or suppressed; its receipts count from now on. */
    void message(String enrollment, String journey, String customer, String messageId, String flag) {
        upsert(enrollment, journey, customer, List.of(Updates.set(flag, 1), Updates.addToSet("armMessages", messageId)));
    }

    /** A receipt of a journey message ({@code journey:<enrollment>:<step>}): delivered, opened, clicked or failed. */
    void receipt(String messageId, String flag) {
        int first = messageId.indexOf(':');
        int last = messageId.lastIndexOf(':');
        if (first < 0 || last <= first) {
            return;
        }
        runs.updateOne(Filters.and(Filters.eq("_id", messageId.substring(first + 1, last)), Filters.eq("armMessages", messageId)),
                Updates.set(flag, 1));
    }

    /** An order counts for every run that put its customer in a branch within the attribution window before it. */
    void ordered(String customer, String orderId, Instant placedAt, String currency, BigDecimal total) {
        Document found = customerRuns.find(Filters.eq("_id", customer)).first();
        if (found == null) {
            return;
        }
        Instant earliest = placedAt.minus(attributionWindow);
        Map<String, Instant> firstArm = new LinkedHashMap<>();
        for (Document entry : found.getList("runs", Document.class)) {
            firstArm.merge(entry.getString("run"), entry.getDate("at").toInstant(), (a, b) -> a.isBefore(b) ? a : b);
        }
        firstArm.forEach((run, at) -> {
            if (at.isAfter(placedAt) || !at.isAfter(earliest)) {
                return;
            }
            Document doc = runs.find(Filters.eq("_id", run)).first();
            Document revenue = doc == null ? null : doc.get("revenue", Document.class);
            double before = revenue == null || revenue.get(currency) == null ? 0 : ((Number) revenue.get(currency)).doubleValue();
            double after = before + total.doubleValue();
            // Only this customer's events write their runs, one at a time (the processor sequences by customer):
            // read, add, write is safe, and the order id in the filter makes a second delivery a no-op.
            List<Bson> changes = new ArrayList<>(List.of(Updates.push("orderIds", orderId), Updates.inc("orders", 1)));
            if (Money.isCurrencyCode(currency)) {
                changes.add(Updates.set("revenue." + currency, after));
                changes.add(Updates.set("revenueSquares." + currency, after * after));
            }
            runs.updateOne(Filters.and(Filters.eq("_id", run), Filters.ne("orderIds", orderId)), Updates.combine(changes));
        });
    }

    void clear() {
        runs.deleteMany(new Document());
        customerRuns.deleteMany(new Document());
    }

    /** Every run of the journey seen so far. */
    public List<Run> runs(String journey) {
        List<Run> list = new ArrayList<>();
        runs.find(Filters.eq("journey", journey)).projection(Projections.exclude("armMessages", "orderIds", "armAt"))
                .forEach(d -> list.add(run(d)));
        return list;
    }

    private static Run run(Document d) {
        Map<String, String> arms = new TreeMap<>();
        Document a = d.get("arms", Document.class);
        if (a != null) {
            a.forEach((k, v) -> arms.put(k, (String) v));
        }
        Map<String, BigDecimal> revenue = new TreeMap<>();
        Document r = d.get("revenue", Document.class);
        if (r != null) {
            r.forEach((k, v) -> revenue.put(k, BigDecimal.valueOf(((Number) v).doubleValue())));
        }
        Map<String, Double> squares = new TreeMap<>();
        Document s = d.get("revenueSquares", Document.class);
        if (s != null) {
            s.forEach((k, v) -> squares.put(k, ((Number) v).doubleValue()));
        }
        List<String> steps = d.getList("steps", String.class);
        return new Run(d.getString("_id"), d.getString("customerId"), d.getInteger("version", 0), steps == null ? List.of() : steps,
                d.getString("waitingAt"), flag(d, "ended"), d.getString("outcome"), arms, flag(d, "accepted"), flag(d, "suppressed"),
                flag(d, "delivered"), flag(d, "opened"), flag(d, "clicked"), flag(d, "failed"),
                d.get("orders") == null ? 0 : ((Number) d.get("orders")).longValue(), revenue, squares);
    }

    private static boolean flag(Document d, String field) {
        Object value = d.get(field);
        return value instanceof Number n && n.intValue() == 1;
    }
}
