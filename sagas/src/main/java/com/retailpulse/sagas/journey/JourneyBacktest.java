package com.retailpulse.sagas.journey;

import com.retailpulse.contracts.customer.ConsentGivenEvent;
import com.retailpulse.contracts.customer.ConsentPurpose;
import com.retailpulse.contracts.customer.ConsentWithdrawnEvent;
import com.retailpulse.contracts.customer.CustomerCreatedEvent;
import com.retailpulse.contracts.customer.CustomerEvent;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.CustomerMergedIntoEvent;
import com.retailpulse.contracts.customer.IdentifierLinkedEvent;
import com.retailpulse.contracts.customer.IdentifierType;
import com.retailpulse.contracts.customer.MessageAcceptedEvent;
import com.retailpulse.contracts.customer.OrderPlacedEvent;
import com.retailpulse.contracts.customer.PersonalDataErasedEvent;
import com.retailpulse.contracts.customer.SegmentEnteredEvent;
import com.retailpulse.contracts.customer.SegmentLeftEvent;
import com.retailpulse.contracts.journey.EventSpec;
import com.retailpulse.contracts.journey.JourneyGraph;
import com.retailpulse.contracts.journey.JourneyKey;
import com.retailpulse.contracts.journey.JourneyNode;
import com.retailpulse.contracts.journey.Reentry;
import com.retailpulse.contracts.journey.Trigger;
import com.retailpulse.contracts.message.Channel;
import com.retailpulse.contracts.message.SuppressionReason;
import com.retailpulse.contracts.offer.OfferTerms;
import com.retailpulse.contracts.offer.Reward;
import com.retailpulse.contracts.tag.TagCondition;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * A journey run against a past period of stored events, sending nothing (docs/backtests.md): the customer
 * events of the period, in business-time order, trigger the journey as {@code JourneyTriggers} would; each
 * run walks the graph with {@link JourneyWalk} as a live {@link JourneyRun} does, its waits on the
 * simulated clock; each message meets the guardrails a live one would (consent, address, quiet hours,
 * frequency caps against the messages the customer really got and the simulated ones, priority);
 * coupons meet the offer's validity, stock and per-customer limit. What follows is measured from the
 * stored events: the orders within the conversion window after a message the guardrails let through, and
 * what the coupons would have cost on them.
 *
 * <p>Add the stored events (any order, each with its store position) with {@link #add}, then {@link #run}.
 * Only what the simulation needs is kept; everything else is dropped on the way in.
 */
public final class JourneyBacktest {

    /** The messaging guardrails in force (those of {@code retailpulse.messaging}). */
    public record Limits(int dailyCap, int weeklyCap, Map<Channel, Integer> channelDailyCaps, Map<Channel, Integer> channelWeeklyCaps,
                         Duration priorityWindow, QuietHours quietHours) {
        public Limits {
            channelDailyCaps = Map.copyOf(channelDailyCaps);
            channelWeeklyCaps = Map.copyOf(channelWeeklyCaps);
        }
    }

    /** When quiet hours hold a message on the channel back at {@code at} in {@code zone}: their end, else null. */
    public interface QuietHours {
        Instant until(Channel channel, Instant at, ZoneId zone);
    }

    /** The customers' profiles as they stood at a moment of the period. */
    public interface Profiles {
        boolean matches(CustomerId customer, TagCondition condition, Instant at);

        ZoneId zoneOf(CustomerId customer, Instant at);
    }

    /** The terms of an offer a journey issues coupons of; empty when there is no such offer. */
    public interface Offers {
        Optional<OfferTerms> terms(String offerId);
    }

    /** The journey tried, the period its triggers count in, and how long after a message an order counts as following it. */
    public record Plan(JourneyKey journey, int version, JourneyGraph graph, Instant from, Instant to, Duration conversionWindow,
                       List<Instant> scheduleFireTimes) {
        public Plan {
            if (!to.isAfter(from)) {
                throw new IllegalArgumentException("to: must be after from (" + from + "), got " + to);
            }
            if (conversionWindow.isNegative() || conversionWindow.isZero()) {
                throw new IllegalArgumentException("conversionWindow: must be positive, got " + conversionWindow);
            }
            scheduleFireTimes = List.copyOf(scheduleFireTimes);
        }
    }

    /** A path through the journey, for the first customers enrolled: what a marketer reads to check the graph. */
    public record Path(String customer, Instant enrolledAt, String trigger, List<String> steps, List<String> messages, String outcome) {
    }

    /** What the journey would have done. Counts per step, channel, reason and outcome in their natural order. */
    public record Result(long eventsInPeriod, long triggeringEvents, long enrollments, long customersEnrolled, long reentriesRefused,
                         Map<String, Long> steps, Map<String, ChannelTally> messages, long messagesSent, long frequencyCapCollisions,
                         long outranked, CouponTally coupons, Map<String, Long> outcomes, Map<String, Long> tags,
                         Map<String, Long> webhooks, Conversions conversions, List<Path> paths) {
    }

    /** Messages of one channel: let through, held back by quiet hours first, and silenced by reason. */
    public record ChannelTally(long sent, long deferred, Map<String, Long> suppressed) {
    }

    /** Coupons issued and refused (by reason), their face value, and the discount they would have given on the orders that followed. */
    public record CouponTally(long issued, Map<String, Long> refused, Map<String, BigDecimal> faceValue,
                              Map<String, BigDecimal> costOnFollowingOrders, long redeemable) {
    }

    /** Orders within the window after a message let through: how many, by how many customers, their revenue per currency. */
    public record Conversions(long orders, long customers, long customersMessaged, Double rate, Map<String, BigDecimal> revenue,
                              long goalReached) {
    }

    private static final int PATHS_KEPT = 10;
    private static final Duration CAP_LOOKBACK = Duration.ofDays(7);

    private record Stored(Instant at, long position, CustomerEvent event) {
    }

    private final Plan plan;
    private final Limits limits;
    private final Profiles profiles;
    private final Offers offers;
    private final List<Stored> stored = new ArrayList<>();
    private long eventsInPeriod;

    public JourneyBacktest(Plan plan, Limits limits, Profiles profiles, Offers offers) {
        this.plan = plan;
        this.limits = limits;
        this.profiles = profiles;
        this.offers = offers;
    }

    /** Offers a stored event; answers whether the simulation keeps it. */
    public boolean add(CustomerEvent event, Instant storedAt, long position) {
        Instant at = CustomerEvent.timeOf(event, storedAt);
        boolean state = event instanceof ConsentGivenEvent || event instanceof ConsentWithdrawnEvent || event instanceof CustomerCreatedEvent
                || event instanceof IdentifierLinkedEvent || event instanceof PersonalDataErasedEvent || event instanceof CustomerMergedIntoEvent
                || event instanceof SegmentEnteredEvent || event instanceof SegmentLeftEvent;
        boolean inPeriod = !at.isBefore(plan.from()) && at.isBefore(plan.to());
        boolean keep;
        if (state) {
            keep = at.isBefore(plan.to());
        } else if (event instanceof MessageAcceptedEvent) {
            keep = !at.isBefore(plan.from().minus(CAP_LOOKBACK)) && at.isBefore(plan.to());
        } else if (event instanceof OrderPlacedEvent) {
            keep = !at.isBefore(plan.from()) && at.isBefore(plan.to().plus(plan.conversionWindow()));
        } else {
            keep = inPeriod && EventSpec.nameOf(event) != null;
        }
        if (inPeriod) {
            eventsInPeriod++;
        }
        if (keep) {
            stored.add(new Stored(at, position, event));
        }
        return keep;
    }

    /** Runs the journey over the events added, stopping early (null) when {@code cancelled} says so. */
    public Result run(BooleanSupplier cancelled) {
        stored.sort(Comparator.comparing(Stored::at).thenComparingLong(Stored::position));
        Simulation simulation = new Simulation();
        for (Instant fire : plan.scheduleFireTimes()) {
            if (!fire.isBefore(plan.from()) && fire.isBefore(plan.to())) {
                simulation.schedule(fire, null, Deadline.Kind.SCHEDULE, null);
            }
        }
        int i = 0;
        for (Stored s : stored) {
            if (++i % 10_000 == 0 && cancelled.getAsBoolean()) {
                return null;
            }
            simulation.fireUntil(s.at());
            simulation.on(s);
        }
        simulation.fireUntil(plan.to());
        return simulation.result();
    }

    private record Deadline(Instant at, long sequence, CustomerId customer, Kind kind, Object payload) {
        enum Kind { WAIT, DEFERRED, SCHEDULE }
    }

    private record Sent(Instant at, Channel channel, int priority) {
    }

    private record Coupon(String offerId, Reward reward, String currency, Instant issuedAt, Instant validUntil) {
    }

    /** A simulated run: the step it waits in, its waits so far, its branch. */
    private static final class Run {
        final String enrollment;
        final Instant enrolledAt;
        final String trigger;
        String waitingAt;
        int waits;
        String arm;
        final List<String> pathSteps = new ArrayList<>();
        final List<String> pathMessages = new ArrayList<>();

        Run(String enrollment, Instant enrolledAt, String trigger) {
            this.enrollment = enrollment;
            this.enrolledAt = enrolledAt;
            this.trigger = trigger;
        }
    }

    /** What the simulation knows of a customer at the simulated moment. */
    private static final class Customer {
        final Set<String> consents = new HashSet<>();
        final Set<IdentifierType> identifiers = new HashSet<>();
        final Set<String> segments = new HashSet<>();
        final Deque<Sent> ledger = new ArrayDeque<>();
        final List<Instant> messagedAt = new ArrayList<>();
        final List<Coupon> coupons = new ArrayList<>();
        final Map<String, Integer> couponsHeld = new HashMap<>();
        boolean erased;
        boolean merged;
        Run run;
        Instant lastEnteredAt;
        boolean keepPath;
    }

    private final class Simulation {
        private final Map<CustomerId, Customer> customers = new HashMap<>();
        private final PriorityQueue<Deadline> deadlines = new PriorityQueue<>(Comparator.comparing(Deadline::at)
                .thenComparingLong(Deadline::sequence));
        private long sequence;
        private long triggering;
        private long enrollments;
        private long reentriesRefused;
        private final Set<CustomerId> enrolled = new HashSet<>();
        private final Map<String, Long> steps = new LinkedHashMap<>();
        private final Map<Channel, long[]> sentDeferred = new TreeMap<>();
        private final Map<Channel, Map<String, Long>> suppressed = new TreeMap<>();
        private long messagesSent;
        private long capCollisions;
        private long outranked;
        private long couponsIssued;
        private final Map<String, Long> couponsRefused = new TreeMap<>();
        private final Map<String, BigDecimal> faceValue = new TreeMap<>();
        private final Map<String, Long> outcomes = new TreeMap<>();
        private final Map<String, Long> tags = new TreeMap<>();
        private final Map<String, Long> webhooks = new TreeMap<>();
        private final Map<String, Long> issuedPerOffer = new HashMap<>();
        private final Map<CustomerId, List<OrderPlacedEvent>> orders = new HashMap<>();
        private long goalReached;
        private final List<Path> paths = new ArrayList<>();
        private int pathsStarted;

        Simulation() {
            plan.graph().nodes().forEach(n -> steps.put(n.id(), 0L));
        }

        void schedule(Instant at, CustomerId customer, Deadline.Kind kind, Object payload) {
            deadlines.add(new Deadline(at, sequence++, customer, kind, payload));
        }

        /**
         * Fires the deadlines due before {@code at} (an event of that very moment comes first), never one at or
         * after the period's end: the orders read after it only measure conversions, and runs still waiting then
         * are counted as such.
         */
        void fireUntil(Instant at) {
            Instant until = at.isAfter(plan.to()) ? plan.to() : at;
            while (!deadlines.isEmpty() && deadlines.peek().at().isBefore(until)) {
                Deadline d = deadlines.poll();
                switch (d.kind()) {
                    case WAIT -> waited(d);
                    case DEFERRED -> {
                        Customer c = customers.get(d.customer());
                        send(d.customer(), c, (JourneyNode.SendMessage) d.payload(), d.at(), c.run);
                    }
                    case SCHEDULE -> scheduled(d.at());
                }
            }
        }

        void on(Stored s) {
            CustomerEvent event = s.event();
            CustomerId id = event.customerId();
            Customer c = customers.computeIfAbsent(id, k -> new Customer());
            Instant at = s.at();
            if (event instanceof ConsentGivenEvent e) {
                c.consents.add(e.channel().code() + "/" + e.purpose().code());
            } else if (event instanceof ConsentWithdrawnEvent e) {
                c.consents.remove(e.channel().code() + "/" + e.purpose().code());
            } else if (event instanceof CustomerCreatedEvent e) {
                c.identifiers.add(e.identifier().type());
            } else if (event instanceof IdentifierLinkedEvent e) {
                c.identifiers.add(e.identifier().type());
            } else if (event instanceof PersonalDataErasedEvent) {
                c.erased = true;
            } else if (event instanceof CustomerMergedIntoEvent) {
                c.merged = true;
            } else if (event instanceof SegmentLeftEvent e) {
                c.segments.remove(e.segment());
            } else if (event instanceof MessageAcceptedEvent e) {
                c.ledger.add(new Sent(at, e.request().channel(), e.request().priority()));
            } else if (event instanceof OrderPlacedEvent e) {
                orders.computeIfAbsent(id, k -> new ArrayList<>()).add(e);
            }
            if (event instanceof SegmentEnteredEvent e) {
                c.segments.add(e.segment());
            }
            if (at.isBefore(plan.from()) || !at.isBefore(plan.to())) {
                return;
            }
            if (c.run != null) {
                observed(id, c, event, at);
            }
            String name = Trigger.causeOf(event);
            if (name != null && plan.graph().trigger().enrolledBy(event)) {
                triggering++;
                enroll(id, c, name, at, "event@" + s.position());
            }
        }

        private void scheduled(Instant at) {
            Trigger.OnSchedule schedule = (Trigger.OnSchedule) plan.graph().trigger();
            List<CustomerId> members = customers.entrySet().stream()
                    .filter(e -> e.getValue().segments.stream().anyMatch(schedule.segments()::contains))
                    .map(Map.Entry::getKey).sorted(Comparator.comparing(CustomerId::value)).toList();
            for (CustomerId id : members) {
                triggering++;
                enroll(id, customers.get(id), "schedule", at, "schedule@" + at);
            }
        }

        /** The customer aggregate's re-entry rule (one run at a time; never, after exit, after cooldown). */
        private void enroll(CustomerId id, Customer c, String trigger, Instant at, String cause) {
            if (c.merged) {
                return;
            }
            if (c.lastEnteredAt != null) {
                Reentry reentry = plan.graph().reentry() == null ? Reentry.never() : plan.graph().reentry();
                boolean again = c.run == null && switch (reentry.policy()) {
                    case NEVER -> false;
                    case AFTER_EXIT -> true;
                    case AFTER_COOLDOWN -> !at.isBefore(c.lastEnteredAt.plus(reentry.cooldown()));
                };
                if (!again) {
                    reentriesRefused++;
                    return;
                }
            }
            enrollments++;
            enrolled.add(id);
            c.lastEnteredAt = at;
            c.run = new Run(plan.journey() + "|" + cause, at, trigger);
            if (pathsStarted < PATHS_KEPT) {
                pathsStarted++;
                c.keepPath = true;
            } else {
                c.keepPath = false;
            }
            walk(id, c, plan.graph().start(), at);
        }

        private void observed(CustomerId id, Customer c, CustomerEvent event, Instant at) {
            JourneyGraph graph = plan.graph();
            if (graph.goal() != null && graph.goal().matches(event)) {
                goalReached++;
                end(id, c, "goal");
                return;
            }
            Run run = c.run;
            if (run.waitingAt != null && graph.node(run.waitingAt).orElse(null) instanceof JourneyNode.WaitForEvent wait
                    && wait.event().matches(event)) {
                run.waitingAt = null; // the deadline of this wait no longer matches: it is as cancelled
                walk(id, c, wait.onEvent(), at);
            }
        }

        private void waited(Deadline d) {
            Customer c = customers.get(d.customer());
            Run run = c == null ? null : c.run;
            if (run == null || run.waitingAt == null || !d.payload().equals(run.enrollment + "@" + run.waitingAt + "@" + run.waits)) {
                return;
            }
            JourneyNode node = plan.graph().node(run.waitingAt).orElseThrow();
            run.waitingAt = null;
            walk(d.customer(), c, JourneyWalk.afterWait(node), d.at());
        }

        private void walk(CustomerId id, Customer c, String from, Instant at) {
            Run run = c.run;
            JourneyWalk.Walked walked = JourneyWalk.from(from, plan.journey(), plan.version(), plan.graph(), id, run.arm, at,
                    new JourneyWalk.Actions() {
                        @Override
                        public boolean matches(TagCondition condition) {
                            return profiles.matches(id, condition, at);
                        }

                        @Override
                        public ZoneId zone() {
                            return profiles.zoneOf(id, at);
                        }

                        @Override
                        public void send(JourneyNode.SendMessage step, String arm) {
                            run.arm = arm;
                            Simulation.this.send(id, c, step, at, run);
                        }

                        @Override
                        public String issue(JourneyNode.IssueCoupon step) {
                            return Simulation.this.issue(c, step.offerId(), at);
                        }

                        @Override
                        public void tag(JourneyNode.SetTag step) {
                            tags.merge(step.tag(), 1L, Long::sum);
                        }

                        @Override
                        public void callWebhook(JourneyNode.CallWebhook step) {
                            webhooks.merge(step.id(), 1L, Long::sum);
                        }
                    });
            run.arm = walked.arm();
            walked.steps().forEach(s -> steps.merge(s, 1L, Long::sum));
            if (c.keepPath) {
                run.pathSteps.addAll(walked.steps());
            }
            if (walked.waiting()) {
                run.waitingAt = walked.waitingAt();
                run.waits++;
                schedule(at.plus(walked.waitFor()), id, Deadline.Kind.WAIT, run.enrollment + "@" + run.waitingAt + "@" + run.waits);
            } else {
                end(id, c, walked.ended());
            }
        }

        private void end(CustomerId id, Customer c, String outcome) {
            Run run = c.run;
            outcomes.merge(outcome.startsWith("coupon refused") ? "coupon refused" : outcome, 1L, Long::sum);
            if (c.keepPath) {
                paths.add(new Path(id.value(), run.enrolledAt, run.trigger, List.copyOf(run.pathSteps), List.copyOf(run.pathMessages), outcome));
            }
            c.run = null;
        }

        /** The guardrails of the customer aggregate, in its order, on the simulated ledger. */
        private void send(CustomerId id, Customer c, JourneyNode.SendMessage step, Instant at, Run run) {
            Channel channel = step.channel();
            long[] tally = sentDeferred.computeIfAbsent(channel, k -> new long[2]);
            String suppressedBy = null;
            if (c.merged) {
                suppressedBy = SuppressionReason.MERGED.name();
            } else if (c.erased) {
                suppressedBy = SuppressionReason.ERASED.name();
            } else if (!hasMarketingConsent(c, channel)) {
                suppressedBy = SuppressionReason.NO_CONSENT.name();
            } else if (channel.address() != null && !c.identifiers.contains(channel.address())) {
                suppressedBy = SuppressionReason.NO_ADDRESS.name();
            }
            if (suppressedBy == null) {
                Instant quietUntil = limits.quietHours().until(channel, at, profiles.zoneOf(id, at));
                if (quietUntil != null) {
                    tally[1]++;
                    if (c.keepPath && run != null) {
                        run.pathMessages.add(step.id() + " " + channel.code() + " deferred to " + quietUntil);
                    }
                    schedule(quietUntil, id, Deadline.Kind.DEFERRED, step);
                    return;
                }
                suppressedBy = capped(c, channel, at);
            }
            if (suppressedBy == null) {
                int priority = plan.graph().priority();
                Instant window = at.minus(limits.priorityWindow());
                boolean outranks = c.ledger.stream().anyMatch(s -> s.priority() > priority && !s.at().isBefore(window) && !s.at().isAfter(at));
                if (outranks) {
                    suppressedBy = SuppressionReason.OUTRANKED.name();
                    outranked++;
                }
            } else if (suppressedBy.endsWith("_CAP")) {
                capCollisions++;
            }
            if (c.keepPath && run != null) {
                run.pathMessages.add(step.id() + " " + channel.code() + (suppressedBy == null ? " sent" : " suppressed: " + suppressedBy));
            }
            if (suppressedBy != null) {
                suppressed.computeIfAbsent(channel, k -> new TreeMap<>()).merge(suppressedBy, 1L, Long::sum);
                return;
            }
            tally[0]++;
            messagesSent++;
            c.ledger.add(new Sent(at, channel, plan.graph().priority()));
            c.messagedAt.add(at);
        }

        private boolean hasMarketingConsent(Customer c, Channel channel) {
            String marketing = "/" + ConsentPurpose.MARKETING.code();
            return channel.consent() == null ? c.consents.stream().anyMatch(k -> k.endsWith(marketing))
                    : c.consents.contains(channel.consent().code() + marketing);
        }

        private String capped(Customer c, Channel channel, Instant at) {
            Instant day = at.minus(Duration.ofDays(1));
            Instant week = at.minus(CAP_LOOKBACK);
            if (channel != Channel.WEBHOOK) {
                if (count(c, null, day, at) >= limits.dailyCap()) {
                    return SuppressionReason.GLOBAL_DAILY_CAP.name();
                }
                if (count(c, null, week, at) >= limits.weeklyCap()) {
                    return SuppressionReason.GLOBAL_WEEKLY_CAP.name();
                }
            }
            Integer daily = limits.channelDailyCaps().get(channel);
            if (daily != null && count(c, channel, day, at) >= daily) {
                return SuppressionReason.CHANNEL_DAILY_CAP.name();
            }
            Integer weekly = limits.channelWeeklyCaps().get(channel);
            if (weekly != null && count(c, channel, week, at) >= weekly) {
                return SuppressionReason.CHANNEL_WEEKLY_CAP.name();
            }
            return null;
        }

        /** Messages of the channel (null: all), webhooks never, let through from {@code since} to {@code at}, as the aggregate's ledger counts. */
        private long count(Customer c, Channel channel, Instant since, Instant at) {
            return c.ledger.stream().filter(s -> s.channel() != Channel.WEBHOOK && !s.at().isBefore(since) && !s.at().isAfter(at)
                    && (channel == null || s.channel() == channel)).count();
        }

        /** The offer's rules on the simulated issuance: null when issued, else why not. */
        private String issue(Customer c, String offerId, Instant at) {
            Optional<OfferTerms> found = offers.terms(offerId);
            String refused;
            if (found.isEmpty()) {
                refused = "no such offer";
            } else if (!found.get().validAt(at)) {
                refused = "offer not valid at that time";
            } else if (c.couponsHeld.getOrDefault(offerId, 0) >= found.get().perCustomerLimit()) {
                refused = "per-customer limit";
            } else if (issuedPerOffer.getOrDefault(offerId, 0L) >= found.get().stock()) {
                refused = "out of stock";
            } else {
                OfferTerms terms = found.get();
                couponsIssued++;
                issuedPerOffer.merge(offerId, 1L, Long::sum);
                c.couponsHeld.merge(offerId, 1, Integer::sum);
                c.coupons.add(new Coupon(offerId, terms.reward(), terms.currency(), at, terms.validUntil()));
                faceValue.merge(terms.currency(), faceValueOf(terms.reward()), BigDecimal::add);
                return null;
            }
            couponsRefused.merge(refused, 1L, Long::sum);
            return refused;
        }

        private BigDecimal faceValueOf(Reward reward) {
            if (reward instanceof Reward.Voucher voucher) {
                return voucher.amount();
            } else if (reward instanceof Reward.ThresholdDiscount tiers) {
                return tiers.tiers().stream().map(Reward.Tier::discount).max(BigDecimal::compareTo).orElse(BigDecimal.ZERO);
            }
            return BigDecimal.ZERO; // a gift is a product, not an amount
        }

        Result result() {
            // still waiting at the end of the period
            customers.forEach((id, c) -> {
                if (c.run != null) {
                    end(id, c, "still in the journey at the end of the period");
                }
            });
            long converted = 0;
            long ordersFollowing = 0;
            long messaged = 0;
            Map<String, BigDecimal> revenue = new TreeMap<>();
            Map<String, BigDecimal> couponCost = new TreeMap<>();
            long redeemable = 0;
            List<CustomerId> ids = customers.keySet().stream().sorted(Comparator.comparing(CustomerId::value)).toList();
            for (CustomerId id : ids) {
                Customer c = customers.get(id);
                if (c.messagedAt.isEmpty()) {
                    continue;
                }
                messaged++;
                boolean any = false;
                List<OrderPlacedEvent> placed = new ArrayList<>(orders.getOrDefault(id, List.of()));
                placed.sort(Comparator.comparing(OrderPlacedEvent::placedAt).thenComparing(OrderPlacedEvent::orderId));
                List<Coupon> unused = new ArrayList<>(c.coupons);
                for (OrderPlacedEvent o : placed) {
                    boolean follows = c.messagedAt.stream().anyMatch(m -> !o.placedAt().isBefore(m)
                            && !o.placedAt().isAfter(m.plus(plan.conversionWindow())));
                    if (!follows) {
                        continue;
                    }
                    any = true;
                    ordersFollowing++;
                    revenue.merge(o.currency(), o.total(), BigDecimal::add);
                    for (Coupon coupon : unused) {
                        if (!o.placedAt().isBefore(coupon.issuedAt()) && o.placedAt().isBefore(coupon.validUntil())
                                && coupon.currency().equals(o.currency())) {
                            var benefit = coupon.reward().benefitFor(o.total());
                            if (benefit.isPresent()) {
                                redeemable++;
                                couponCost.merge(coupon.currency(), benefit.get().discount() == null ? BigDecimal.ZERO
                                        : benefit.get().discount(), BigDecimal::add);
                                unused.remove(coupon);
                                break;
                            }
                        }
                    }
                }
                converted += any ? 1 : 0;
            }
            Map<String, ChannelTally> messages = new LinkedHashMap<>();
            Set<Channel> channels = new java.util.TreeSet<>(sentDeferred.keySet());
            channels.addAll(suppressed.keySet());
            for (Channel ch : channels) {
                long[] t = sentDeferred.getOrDefault(ch, new long[2]);
                messages.put(ch.code(), new ChannelTally(t[0], t[1], suppressed.getOrDefault(ch, Map.of())));
            }
            paths.sort(Comparator.comparing(Path::enrolledAt).thenComparing(Path::customer));
            return new Result(eventsInPeriod, triggering, enrollments, enrolled.size(), reentriesRefused, steps, messages, messagesSent,
                    capCollisions, outranked, new CouponTally(couponsIssued, couponsRefused, faceValue, couponCost, redeemable), outcomes,
                    tags, webhooks, new Conversions(ordersFollowing, converted, messaged,
                    messaged == 0 ? null : (double) converted / messaged, revenue, goalReached), List.copyOf(paths));
        }
    }
}
