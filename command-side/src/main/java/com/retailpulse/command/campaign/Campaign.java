package com.retailpulse.command.campaign;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.retailpulse.contracts.campaign.CampaignAllocation;
import com.retailpulse.contracts.campaign.CampaignBatchDispatchedEvent;
import com.retailpulse.contracts.campaign.CampaignCompletedEvent;
import com.retailpulse.contracts.campaign.CampaignCreatedEvent;
import com.retailpulse.contracts.campaign.CampaignId;
import com.retailpulse.contracts.campaign.CampaignPausedEvent;
import com.retailpulse.contracts.campaign.CampaignPlan;
import com.retailpulse.contracts.campaign.CampaignResumedEvent;
import com.retailpulse.contracts.campaign.CampaignScheduledEvent;
import com.retailpulse.contracts.campaign.CampaignStartedEvent;
import com.retailpulse.contracts.campaign.CampaignState;
import com.retailpulse.contracts.campaign.CampaignUpdatedEvent;
import com.retailpulse.contracts.campaign.CompleteCampaignCommand;
import com.retailpulse.contracts.campaign.CampaignTrafficReallocatedEvent;
import com.retailpulse.contracts.campaign.CampaignWinnerDeclaredEvent;
import com.retailpulse.contracts.campaign.CreateCampaignCommand;
import com.retailpulse.contracts.campaign.DeclareCampaignWinnerCommand;
import com.retailpulse.contracts.campaign.PauseCampaignCommand;
import com.retailpulse.contracts.campaign.ReallocateCampaignTrafficCommand;
import com.retailpulse.contracts.campaign.RecordCampaignBatchCommand;
import com.retailpulse.contracts.campaign.ResumeCampaignCommand;
import com.retailpulse.contracts.campaign.ScheduleCampaignCommand;
import com.retailpulse.contracts.campaign.StartCampaignCommand;
import com.retailpulse.contracts.campaign.UpdateCampaignCommand;
import com.retailpulse.contracts.common.Money;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.jmolecules.ddd.annotation.AggregateRoot;
import org.jmolecules.ddd.annotation.Identity;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A campaign: its plan, where it is in its lifecycle, and what its dispatch reported. The plan's shape
 * is checked by the commands that carry it; the campaign decides what depends on its state and the time.
 * It does not send anything itself: the dispatch saga does, and records each batch here.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@AggregateRoot
public class Campaign {

    @AggregateIdentifier
    @Identity
    private CampaignId campaignId;
    private CampaignPlan plan;
    private CampaignState state;
    private BigDecimal spent = BigDecimal.ZERO;
    /** Batches 1..recordedThrough are recorded; recordedAhead holds any recorded out of order above it. */
    private int recordedThrough;
    private Set<Integer> recordedAhead = new HashSet<>();
    /** The variants' weights in force (the plan's until a reallocation) and their version (the plan's: 0). */
    private Map<String, Integer> weights = new LinkedHashMap<>();
    private int weightsVersion;
    /** The declared winner of an auto-winner campaign, or null. */
    private String winner;

    protected Campaign() {
        // for Axon
    }

    @CommandHandler
    public Campaign(CreateCampaignCommand command, Clock clock) {
        apply(new CampaignCreatedEvent(command.campaignId(), command.plan(), clock.instant()));
    }

    @CommandHandler
    public void handle(UpdateCampaignCommand command, Clock clock) {
        requireState("UpdateCampaignCommand", CampaignState.DRAFT);
        if (!command.plan().equals(plan)) {
            apply(new CampaignUpdatedEvent(campaignId, command.plan(), clock.instant()));
        }
    }

    @CommandHandler
    public void handle(ScheduleCampaignCommand command, Clock clock) {
        requireState("ScheduleCampaignCommand", CampaignState.DRAFT);
        Instant now = clock.instant();
        if (plan.sendAt().isBefore(now)) {
            throw new CampaignRuleViolation("sendAt: " + plan.sendAt() + " has passed (it is " + now
                    + "); update the draft with a later send time");
        }
        if (!plan.endsAt().isAfter(plan.sendAt())) {
            throw new CampaignRuleViolation("endsAt: must be after sendAt (" + plan.sendAt() + "), got " + plan.endsAt());
        }
        apply(new CampaignScheduledEvent(campaignId, plan, now));
    }

    @CommandHandler
    public void handle(StartCampaignCommand command, Clock clock) {
        requireState("StartCampaignCommand", CampaignState.SCHEDULED);
        apply(new CampaignStartedEvent(campaignId, clock.instant()));
    }

    @CommandHandler
    public void handle(PauseCampaignCommand command, Clock clock) {
        requireState("PauseCampaignCommand", CampaignState.RUNNING);
        apply(new CampaignPausedEvent(campaignId, clock.instant()));
    }

    @CommandHandler
    public void handle(ResumeCampaignCommand command, Clock clock) {
        requireState("ResumeCampaignCommand", CampaignState.PAUSED);
        apply(new CampaignResumedEvent(campaignId, clock.instant()));
    }

    @CommandHandler
    public void handle(CompleteCampaignCommand command, Clock clock) {
        requireState("CompleteCampaignCommand", CampaignState.RUNNING, CampaignState.PAUSED);
        apply(new CampaignCompletedEvent(campaignId, command.reason(), clock.instant()));
    }

    /**
     * Accepted after completion too: a batch sent just before the end cost what it cost. Answers false,
     * changing nothing, for a batch number recorded before.
     */
    @CommandHandler
    public boolean handle(RecordCampaignBatchCommand command, Clock clock) {
        requireState("RecordCampaignBatchCommand", CampaignState.RUNNING, CampaignState.PAUSED, CampaignState.COMPLETED);
        if (recorded(command.batch())) {
            return false;
        }
        String currency = plan.budget().currency();
        if (!command.spent().currency().equals(currency)) {
            throw new CampaignRuleViolation("spent.currency: the budget of campaign " + campaignId + " is in " + currency
                    + ", got " + command.spent().currency());
        }
        for (String arm : command.sentPerArm().keySet()) {
            if (plan.variant(arm) == null) {
                throw new CampaignRuleViolation("sentPerArm: '" + arm + "' is not a variant of campaign " + campaignId
                        + " (variants: " + variantKeys() + ")");
            }
        }
        Money total = new Money(spent.add(command.spent().amount()), currency);
        apply(new CampaignBatchDispatchedEvent(campaignId, command.batch(), command.cursor(), command.sentPerArm(),
                command.heldOut(), command.spent(), total, clock.instant()));
        return true;
    }

    /**
     * New weights for a Thompson-sampling campaign's next batches. Refused unless the campaign runs or is
     * paused with a thompson allocation, when an arm is not one of its variants or a variant is missing, and
     * when a variant's share is below the plan's floor (half a per-mille of rounding allowed). Answers false,
     * recording nothing, when the weights are those in force.
     */
    @CommandHandler
    public boolean handle(ReallocateCampaignTrafficCommand command, Clock clock) {
        requireState("ReallocateCampaignTrafficCommand", CampaignState.RUNNING, CampaignState.PAUSED);
        requireAllocation("ReallocateCampaignTrafficCommand", CampaignAllocation.THOMPSON);
        for (String arm : command.weights().keySet()) {
            if (plan.variant(arm) == null) {
                throw new CampaignRuleViolation("weights: '" + arm + "' is not a variant of campaign " + campaignId + " (variants: "
                        + variantKeys() + ")");
            }
        }
        Map<String, Integer> next = new LinkedHashMap<>();
        for (String key : plan.weights().keySet()) {
            Integer weight = command.weights().get(key);
            if (weight == null) {
                throw new CampaignRuleViolation("weights: variant '" + key + "' of campaign " + campaignId + " has no weight; give every "
                        + "variant one (" + variantKeys() + ")");
            }
            next.put(key, weight);
        }
        double total = next.values().stream().mapToInt(Integer::intValue).sum();
        double floor = plan.minimumShareOrDefault();
        for (Map.Entry<String, Integer> e : next.entrySet()) {
            double share = e.getValue() / total;
            if (share < floor - 0.0005) {
                throw new CampaignRuleViolation("weights." + e.getKey() + ": a share of " + share + " is below the campaign's minimumShare "
                        + floor);
            }
        }
        if (next.equals(weights)) {
            return false;
        }
        apply(new CampaignTrafficReallocatedEvent(campaignId, weightsVersion + 1, next, command.reason(), command.basedOn(),
                clock.instant()));
        return true;
    }

    /**
     * The winner of an auto-winner campaign: every later treated customer gets it. Refused unless the
     * campaign runs or is paused with an auto-winner allocation, when the winner is not a variant, and
     * when another winner was declared. Answers false, recording nothing, when this winner was declared before.
     */
    @CommandHandler
    public boolean handle(DeclareCampaignWinnerCommand command, Clock clock) {
        requireState("DeclareCampaignWinnerCommand", CampaignState.RUNNING, CampaignState.PAUSED);
        requireAllocation("DeclareCampaignWinnerCommand", CampaignAllocation.AUTO_WINNER);
        if (plan.variant(command.winner()) == null) {
            throw new CampaignRuleViolation("winner: '" + command.winner() + "' is not a variant of campaign " + campaignId
                    + " (variants: " + variantKeys() + ")");
        }
        if (winner != null) {
            if (winner.equals(command.winner())) {
                return false;
            }
            throw new CampaignRuleViolation("winner: campaign " + campaignId + " declared " + winner + " the winner already; a campaign"
                    + " declares one winner at most, got " + command.winner());
        }
        apply(new CampaignWinnerDeclaredEvent(campaignId, weightsVersion + 1, command.winner(), command.control(),
                command.alwaysValidPValue(), command.threshold(), command.basedOn(), clock.instant()));
        return true;
    }

    private void requireAllocation(String command, CampaignAllocation needed) {
        CampaignAllocation mode = plan.allocationOrDefault();
        if (mode != needed) {
            throw new CampaignRuleViolation("allocation: campaign " + campaignId + " is " + mode.code() + "; " + command + " needs "
                    + needed.code());
        }
    }

    private String variantKeys() {
        return plan.variants().stream().map(v -> v.key()).collect(Collectors.joining(", "));
    }

    private void requireState(String command, CampaignState... allowed) {
        if (Arrays.asList(allowed).contains(state)) {
            return;
        }
        String needs = Arrays.stream(allowed).map(Enum::name).collect(Collectors.joining(" or "));
        throw new CampaignRuleViolation("state: campaign " + campaignId + " is " + state + "; " + command + " needs " + needs);
    }

    private boolean recorded(int batch) {
        return batch <= recordedThrough || recordedAhead.contains(batch);
    }

    @EventSourcingHandler
    void on(CampaignCreatedEvent event) {
        campaignId = event.campaignId();
        plan = event.plan();
        weights = plan.weights();
        state = CampaignState.DRAFT;
    }

    @EventSourcingHandler
    void on(CampaignUpdatedEvent event) {
        plan = event.plan();
        weights = plan.weights();
    }

    @EventSourcingHandler
    void on(CampaignScheduledEvent event) {
        plan = event.plan();
        weights = plan.weights();
        state = CampaignState.SCHEDULED;
    }

    @EventSourcingHandler
    void on(CampaignTrafficReallocatedEvent event) {
        weights = new LinkedHashMap<>(event.weights());
        weightsVersion = event.version();
    }

    @EventSourcingHandler
    void on(CampaignWinnerDeclaredEvent event) {
        winner = event.winner();
        weights = new LinkedHashMap<>();
        for (String key : plan.weights().keySet()) {
            weights.put(key, key.equals(winner) ? 1 : 0);
        }
        weightsVersion = event.version();
    }

    @EventSourcingHandler
    void on(CampaignStartedEvent event) {
        state = CampaignState.RUNNING;
    }

    @EventSourcingHandler
    void on(CampaignPausedEvent event) {
        state = CampaignState.PAUSED;
    }

    @EventSourcingHandler
    void on(CampaignResumedEvent event) {
        state = CampaignState.RUNNING;
    }

    @EventSourcingHandler
    void on(CampaignCompletedEvent event) {
        state = CampaignState.COMPLETED;
    }

    @EventSourcingHandler
    void on(CampaignBatchDispatchedEvent event) {
        spent = event.totalSpent().amount();
        recordedAhead.add(event.batch());
        while (recordedAhead.remove(recordedThrough + 1)) {
            recordedThrough++;
        }
    }
}
