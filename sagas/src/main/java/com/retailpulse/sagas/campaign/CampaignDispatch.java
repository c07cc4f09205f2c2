package com.retailpulse.sagas.campaign;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.retailpulse.contracts.campaign.CampaignCompletedEvent;
import com.retailpulse.contracts.campaign.CampaignId;
import com.retailpulse.contracts.campaign.CampaignPausedEvent;
import com.retailpulse.contracts.campaign.CampaignPlan;
import com.retailpulse.contracts.campaign.CampaignResumedEvent;
import com.retailpulse.contracts.campaign.CampaignScheduledEvent;
import com.retailpulse.contracts.campaign.CampaignStartedEvent;
import com.retailpulse.contracts.campaign.CampaignTrafficReallocatedEvent;
import com.retailpulse.contracts.campaign.CampaignWinnerDeclaredEvent;
import com.retailpulse.contracts.campaign.CampaignVariant;
import com.retailpulse.contracts.campaign.CompleteCampaignCommand;
import com.retailpulse.contracts.campaign.RecordCampaignBatchCommand;
import com.retailpulse.contracts.campaign.StartCampaignCommand;
import com.retailpulse.contracts.common.Assignment;
import com.retailpulse.contracts.common.Money;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.DeliverMessageCommand;
import com.retailpulse.contracts.customer.RecordCampaignHoldoutCommand;
import com.retailpulse.contracts.message.MessageId;
import com.retailpulse.contracts.message.MessageRequest;
import com.retailpulse.contracts.message.MessageSource;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sends a scheduled campaign: starts it at {@code sendAt}; while it runs, one batch of
 * {@code messagesPerSecond} audience customers each second, each customer assigned to a variant or the
 * holdout by {@link Assignment} (experiment key: the campaign id) and asked one message per treated
 * customer, or told it is held out; each batch recorded on the campaign. Completes the campaign when the audience is exhausted,
 * when the budget cannot pay for the next message, or at {@code endsAt}.
 *
 * <p>Re-running a batch (a redelivered deadline, a crash before the saga was saved) repeats the same
 * customers with the same message ids and the same batch number: customers' guardrails answer DUPLICATE,
 * a holdout recorded before is not recorded again, and the campaign ignores the batch, so nobody gets a
 * message twice. The saga keeps only its place in
 * the audience and running totals, never the audience.
 *
 * <p>Traffic allocation (ADR 0022): a {@link CampaignTrafficReallocatedEvent} or
 * {@link CampaignWinnerDeclaredEvent} replaces the variants' weights for the batches that follow. A
 * customer's arm is {@link Assignment} of the campaign id and the customer id under the weights version in
 * force when their batch runs: deterministic for that version. Customers decided before keep their arm (the
 * cursor never goes back); the holdout share never changes, so the held-out customers are the same under
 * every version.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class CampaignDispatch {

    static final String CAMPAIGN_ID = "campaignId";
    static final String START = "campaign-start";
    public static final String NEXT_BATCH = "campaign-next-batch";
    static final String PERIOD_END = "campaign-period-end";
    /** One batch of {@code messagesPerSecond} customers per interval: the throttle. */
    static final Duration BATCH_INTERVAL = Duration.ofSeconds(1);
    static final int MESSAGE_SOURCE_VERSION = 1;

    private CampaignId campaignId;
    private CampaignPlan plan;
    private boolean running;
    /** A CompleteCampaignCommand is on its way: no more batches. */
    private boolean completing;
    /** The last customer decided (sent or held out); the next page starts after it. */
    private String cursor;
    private int batch;
    private Instant nextBatchAt;
    private Map<String, Long> sentPerArm = new TreeMap<>();
    private long heldOut;
    private BigDecimal spent = BigDecimal.ZERO;
    /** The variants' weights in force, by key (null: the plan's), and their version (the plan's: 0). */
    private Map<String, Integer> weights;
    private int weightsVersion;
    /**
     * The pending deadlines' schedule ids. Cancelled by id: a cancel-all looks each pending deadline of the
     * name up first, and one that fires meanwhile makes that lookup fail.
     */
    private String startSchedule;
    private String nextBatchSchedule;
    private String periodEndSchedule;

    @StartSaga
    @SagaEventHandler(associationProperty = CAMPAIGN_ID)
    void on(CampaignScheduledEvent event, DeadlineManager deadlines) {
        campaignId = event.campaignId();
        plan = event.plan();
        startSchedule = deadlines.schedule(plan.sendAt(), START, campaignId);
        periodEndSchedule = deadlines.schedule(plan.endsAt(), PERIOD_END, campaignId);
    }

    // A deadline handler's first parameter is the deadline's payload: the campaign id, for all three.

    @DeadlineHandler(deadlineName = START)
    void sendTimeReached(CampaignId campaign, CommandGateway commands) {
        startSchedule = null;
        commands.send(new StartCampaignCommand(campaignId));
    }

    @SagaEventHandler(associationProperty = CAMPAIGN_ID)
    void on(CampaignStartedEvent event, CommandGateway commands, CampaignAudience audience, ChannelCosts costs,
            DeadlineManager deadlines) {
        running = true;
        startSchedule = cancel(START, startSchedule, deadlines); // in case it was started by hand before its send time
        dispatchBatch(event.startedAt(), commands, audience, costs, deadlines);
    }

    @DeadlineHandler(deadlineName = NEXT_BATCH)
    void batchDue(CampaignId campaign, CommandGateway commands, CampaignAudience audience, ChannelCosts costs, DeadlineManager deadlines) {
        nextBatchSchedule = null;
        if (running && !completing) {
            dispatchBatch(nextBatchAt, commands, audience, costs, deadlines);
        }
    }

    @SagaEventHandler(associationProperty = CAMPAIGN_ID)
    void on(CampaignPausedEvent event, DeadlineManager deadlines) {
        running = false;
        nextBatchSchedule = cancel(NEXT_BATCH, nextBatchSchedule, deadlines);
    }

    /** Carries on after the cursor, but never sooner than one interval after the last batch. */
    @SagaEventHandler(associationProperty = CAMPAIGN_ID)
    void on(CampaignResumedEvent event, CommandGateway commands, CampaignAudience audience, ChannelCosts costs,
            DeadlineManager deadlines) {
        running = true;
        if (completing) {
            return;
        }
        if (nextBatchAt != null && nextBatchAt.isAfter(event.resumedAt())) {
            nextBatchSchedule = deadlines.schedule(nextBatchAt, NEXT_BATCH, campaignId);
        } else {
            dispatchBatch(event.resumedAt(), commands, audience, costs, deadlines);
        }
    }

    /** The weights of the batches that follow; an older version seen late changes nothing. */
    @SagaEventHandler(associationProperty = CAMPAIGN_ID)
    void on(CampaignTrafficReallocatedEvent event) {
        if (event.version() > weightsVersion) {
            weights = new LinkedHashMap<>(event.weights());
            weightsVersion = event.version();
        }
    }

    /** Every treated customer of the batches that follow gets the winner; the holdout share is unchanged. */
    @SagaEventHandler(associationProperty = CAMPAIGN_ID)
    void on(CampaignWinnerDeclaredEvent event) {
        if (event.version() > weightsVersion) {
            weights = new LinkedHashMap<>(Map.of(event.winner(), 1));
            weightsVersion = event.version();
        }
    }

    @DeadlineHandler(deadlineName = PERIOD_END)
    void periodEnded(CampaignId campaign, CommandGateway commands, DeadlineManager deadlines) {
        periodEndSchedule = null;
        nextBatchSchedule = cancel(NEXT_BATCH, nextBatchSchedule, deadlines);
        complete(CompleteCampaignCommand.PERIOD_ENDED, commands);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = CAMPAIGN_ID)
    void on(CampaignCompletedEvent event, DeadlineManager deadlines) {
        startSchedule = cancel(START, startSchedule, deadlines);
        nextBatchSchedule = cancel(NEXT_BATCH, nextBatchSchedule, deadlines);
        periodEndSchedule = cancel(PERIOD_END, periodEndSchedule, deadlines);
    }

    private void dispatchBatch(Instant due, CommandGateway commands, CampaignAudience audience, ChannelCosts costs,
                               DeadlineManager deadlines) {
        if (!due.isBefore(plan.endsAt())) {
            return; // the period-end deadline completes the campaign
        }
        String currency = plan.budget().currency();
        BigDecimal remaining = plan.budget().amount().subtract(spent);
        Map<String, BigDecimal> unitCosts = unitCosts(costs, currency);
        Assignment assignment = weights == null ? plan.assignment() : plan.assignment(weights);

        CampaignAudience.Page page = audience.page(campaignId, plan.segments(), plan.excludedSegments(), cursor,
                plan.messagesPerSecond());
        Map<String, Integer> sent = new TreeMap<>();
        int held = 0;
        BigDecimal cost = BigDecimal.ZERO;
        String last = cursor;
        boolean budgetReached = false;
        for (CustomerId customer : page.customers()) {
            String arm = assignment.armOf(campaignId.value(), customer.value());
            if (!Assignment.HOLDOUT.equals(arm)) {
                BigDecimal unit = unitCosts.get(arm);
                if (cost.add(unit).compareTo(remaining) > 0) {
                    budgetReached = true;
                    break;
                }
                cost = cost.add(unit);
                commands.send(new DeliverMessageCommand(customer, request(customer, plan.variant(arm))));
                sent.merge(arm, 1, Integer::sum);
            } else {
                // Recorded on the customer: nothing else would show why they got no message.
                commands.send(new RecordCampaignHoldoutCommand(customer, campaignId));
                held++;
            }
            last = customer.value();
        }
        if (held > 0 || !sent.isEmpty()) {
            batch++;
            commands.send(new RecordCampaignBatchCommand(campaignId, batch, last, sent, held, new Money(cost, currency)));
            cursor = last;
            heldOut += held;
            sent.forEach((arm, n) -> sentPerArm.merge(arm, (long) n, Long::sum));
            spent = spent.add(cost);
        }
        nextBatchAt = due.plus(BATCH_INTERVAL);

        BigDecimal cheapest = unitCosts.values().stream().min(BigDecimal::compareTo).orElseThrow();
        if (budgetReached) {
            complete(CompleteCampaignCommand.BUDGET_SPENT, commands);
        } else if (page.exhausted()) {
            complete(CompleteCampaignCommand.AUDIENCE_EXHAUSTED, commands);
        } else if (plan.budget().amount().subtract(spent).compareTo(cheapest) < 0) {
            complete(CompleteCampaignCommand.BUDGET_SPENT, commands); // not one more message would fit
        } else if (nextBatchAt.isBefore(plan.endsAt())) {
            nextBatchSchedule = deadlines.schedule(nextBatchAt, NEXT_BATCH, campaignId);
        }
    }

    private MessageRequest request(CustomerId customer, CampaignVariant variant) {
        MessageId id = new MessageId("campaign:" + campaignId.value() + ":" + customer.value());
        MessageSource source = new MessageSource(MessageSource.CAMPAIGN, campaignId.value(), MESSAGE_SOURCE_VERSION,
                campaignId.value(), variant.key(), variant.key());
        return new MessageRequest(id, variant.channel(), variant.title(), variant.body(), variant.offerId(), null, source,
                plan.priority());
    }

    private Map<String, BigDecimal> unitCosts(ChannelCosts costs, String currency) {
        Map<String, BigDecimal> units = new HashMap<>();
        for (CampaignVariant variant : plan.variants()) {
            Money unit = costs.unitCost(variant.channel(), currency);
            if (unit == null || !unit.currency().equals(currency) || unit.amount().signum() < 0) {
                throw new IllegalStateException("channel costs: a " + variant.channel().code() + " message must cost zero or more "
                        + currency + " (the budget's currency), got " + unit);
            }
            units.put(variant.key(), unit.amount());
        }
        return units;
    }

    /** Cancels a pending deadline, if there is one; answers the schedule id left: none. */
    private static String cancel(String deadline, String scheduleId, DeadlineManager deadlines) {
        if (scheduleId != null) {
            deadlines.cancelSchedule(deadline, scheduleId);
        }
        return null;
    }

    private void complete(String reason, CommandGateway commands) {
        if (!completing) {
            completing = true;
            commands.send(new CompleteCampaignCommand(campaignId, reason));
        }
    }
}
