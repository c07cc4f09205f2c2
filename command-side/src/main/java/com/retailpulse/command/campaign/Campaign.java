package com.retailpulse.command.campaign;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
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
import com.retailpulse.contracts.campaign.CreateCampaignCommand;
import com.retailpulse.contracts.campaign.PauseCampaignCommand;
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
                        + " (variants: " + plan.variants().stream().map(v -> v.key()).collect(Collectors.joining(", ")) + ")");
            }
        }
        Money total = new Money(spent.add(command.spent().amount()), currency);
        apply(new CampaignBatchDispatchedEvent(campaignId, command.batch(), command.cursor(), command.sentPerArm(),
                command.heldOut(), command.spent(), total, clock.instant()));
        return true;
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
        state = CampaignState.DRAFT;
    }

    @EventSourcingHandler
    void on(CampaignUpdatedEvent event) {
        plan = event.plan();
    }

    @EventSourcingHandler
    void on(CampaignScheduledEvent event) {
        plan = event.plan();
        state = CampaignState.SCHEDULED;
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
