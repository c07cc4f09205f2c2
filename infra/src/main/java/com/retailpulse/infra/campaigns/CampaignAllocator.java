package com.retailpulse.infra.campaigns;

import com.retailpulse.command.campaign.CampaignRuleViolation;
import com.retailpulse.contracts.campaign.CampaignAllocation;
import com.retailpulse.contracts.campaign.CampaignArmTally;
import com.retailpulse.contracts.campaign.CampaignId;
import com.retailpulse.contracts.campaign.CampaignPlan;
import com.retailpulse.contracts.campaign.CampaignState;
import com.retailpulse.contracts.campaign.CampaignVariant;
import com.retailpulse.contracts.campaign.DeclareCampaignWinnerCommand;
import com.retailpulse.contracts.campaign.ReallocateCampaignTrafficCommand;
import com.retailpulse.infra.config.AxonConfig;
import com.retailpulse.intelligence.experiment.ExperimentReport;
import com.retailpulse.projections.campaign.CampaignCatalogue;
import com.retailpulse.projections.campaign.CampaignCatalogue.CampaignView;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves a running campaign's traffic by its report (ADR 0022). Every {@code retailpulse.campaigns.reallocation-interval}
 * it reads the report of each RUNNING or PAUSED campaign whose allocation is not fixed (results keep coming
 * in while a campaign is paused; the dispatch applies a decision when it resumes), with the report's default
 * confidence and α ({@value #CONFIDENCE}, {@value #ALPHA}):
 * <ul>
 *   <li>auto-winner: once the report's sequential-safe decision names a winner, it sends
 *       {@link DeclareCampaignWinnerCommand} with the evidence (the winner's always-valid p-value against the
 *       control, the threshold α / variants compared, the tallies);</li>
 *   <li>thompson: once every variant has a tally, it turns the report's Thompson-sampling shares of the variants
 *       (the holdout's share left out: the holdout share is fixed) into weights with the plan's floor, and sends
 *       {@link ReallocateCampaignTrafficCommand} when they differ from the weights in force.</li>
 * </ul>
 * The statistics stay in intelligence ({@link ExperimentReport}, through {@link CampaignReports}); the campaign
 * records the decisions, and the dispatch applies them. {@link #reallocateAll()} may also be called at any time
 * (tests do): both commands are idempotent, so two looks at once record one decision.
 */
@Component
class CampaignAllocator implements SchedulingConfigurer {

    static final double CONFIDENCE = 0.95;
    static final double ALPHA = 0.05;
    /** Weights are per mille of the treated traffic. */
    static final int SCALE = 1000;
    static final String ISSUER = "campaign-allocator";

    private static final Logger log = LoggerFactory.getLogger(CampaignAllocator.class);

    private final CampaignCatalogue catalogue;
    private final CampaignReports reports;
    private final CommandGateway commands;
    private final CampaignSettings settings;
    private final Clock clock;

    CampaignAllocator(CampaignCatalogue catalogue, CampaignReports reports, CommandGateway commands, CampaignSettings settings,
                      Clock clock) {
        this.catalogue = catalogue;
        this.reports = reports;
        this.commands = commands;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::reallocateAllQuietly, settings.reallocationInterval(),
                settings.reallocationInterval()));
    }

    /** One look at every running or paused campaign that moves its traffic; answers the decisions recorded, one line each. */
    public synchronized List<String> reallocateAll() {
        List<String> recorded = new ArrayList<>();
        List<CampaignView> campaigns = new ArrayList<>(catalogue.campaigns(CampaignState.RUNNING));
        campaigns.addAll(catalogue.campaigns(CampaignState.PAUSED));
        for (CampaignView campaign : campaigns) {
            if (campaign.plan().allocationOrDefault() == CampaignAllocation.FIXED) {
                continue;
            }
            try {
                String decision = reallocate(campaign);
                if (decision != null) {
                    recorded.add(decision);
                }
            } catch (CampaignRuleViolation e) {
                // completed since the catalogue was read: the next look sees its new state
                log.info("campaign {}: allocation not changed: {}", campaign.campaignId(), e.getMessage());
            }
        }
        return recorded;
    }

    private void reallocateAllQuietly() {
        try {
            reallocateAll();
        } catch (RuntimeException e) {
            log.warn("campaign allocation failed; next look in {}", settings.reallocationInterval(), e);
        }
    }

    /** The decision this campaign's report calls for now and recorded, or null when there is none or nothing changed. */
    String reallocate(CampaignView campaign) {
        CampaignReports.ReportView report = reports.report(campaign, CONFIDENCE, ALPHA);
        CampaignReports.ExperimentView experiment = report.experiment();
        if (experiment == null) {
            return null; // not enough customers yet (the report's notes say which arm)
        }
        return switch (campaign.plan().allocationOrDefault()) {
            case AUTO_WINNER -> declareWinner(campaign, report, experiment);
            case THOMPSON -> reallocateByThompson(campaign, report, experiment);
            case FIXED -> null;
        };
    }

    private String declareWinner(CampaignView campaign, CampaignReports.ReportView report, CampaignReports.ExperimentView experiment) {
        String winner = experiment.decision().winner();
        if (winner == null || campaign.allocation().winner() != null) {
            return null;
        }
        ExperimentReport.Comparison comparison = experiment.comparisons().stream()
                .filter(c -> c.arm().equals(winner) && c.metric().equals(CampaignReports.CONVERSION)).findFirst().orElseThrow();
        long compared = experiment.comparisons().stream().filter(c -> c.metric().equals(CampaignReports.CONVERSION)).count();
        double threshold = experiment.alpha() / compared;
        boolean recorded = send(campaign, new DeclareCampaignWinnerCommand(new CampaignId(campaign.campaignId()), winner,
                experiment.control(), comparison.alwaysValidPValue(), threshold, tallies(report, null)));
        return recorded ? campaign.campaignId() + ": winner " + winner : null;
    }

    private String reallocateByThompson(CampaignView campaign, CampaignReports.ReportView report,
                                        CampaignReports.ExperimentView experiment) {
        CampaignPlan plan = campaign.plan();
        Map<String, Double> variantShares = new LinkedHashMap<>();
        for (CampaignVariant v : plan.variants()) {
            Double share = experiment.banditShares().get(v.key());
            if (share == null) {
                return null; // a variant without a tally yet: its share is unknown, keep the weights in force
            }
            variantShares.put(v.key(), share);
        }
        Map<String, Integer> weights = weights(variantShares, plan.minimumShareOrDefault());
        if (weights == null || weights.equals(campaign.allocation().weights())) {
            return null;
        }
        long customers = report.arms().stream().mapToLong(CampaignReports.ArmView::assigned).sum();
        String reason = "thompson sampling on conversion over " + customers + " customers, each variant at least "
                + plan.minimumShareOrDefault() + " of the treated traffic";
        boolean recorded = send(campaign, new ReallocateCampaignTrafficCommand(new CampaignId(campaign.campaignId()), weights, reason,
                tallies(report, normalised(variantShares))));
        return recorded ? campaign.campaignId() + ": weights " + weights : null;
    }

    /**
     * Per-mille weights of the variants from their bandit shares: the shares renormalised over the variants
     * ({@code s}), then {@code m + (1 − n·m)·s} so that each of the {@code n} variants keeps at least the floor
     * {@code m} and they still add up to 1. Null when the shares say nothing (all zero).
     */
    static Map<String, Integer> weights(Map<String, Double> shares, double floor) {
        Map<String, Double> s = normalised(shares);
        if (s == null) {
            return null;
        }
        int n = s.size();
        Map<String, Integer> weights = new LinkedHashMap<>();
        s.forEach((arm, share) -> weights.put(arm, (int) Math.round((floor + (1 - n * floor) * share) * SCALE)));
        return weights;
    }

    private static Map<String, Double> normalised(Map<String, Double> shares) {
        double total = shares.values().stream().mapToDouble(Double::doubleValue).sum();
        if (!(total > 0)) {
            return null;
        }
        Map<String, Double> out = new LinkedHashMap<>();
        shares.forEach((arm, share) -> out.put(arm, share / total));
        return out;
    }

    /** Each arm's customers and conversions in the report, with its bandit share among the variants when given. */
    private static List<CampaignArmTally> tallies(CampaignReports.ReportView report, Map<String, Double> shares) {
        return report.arms().stream().map(a -> new CampaignArmTally(a.arm(), a.assigned(), a.converted(),
                shares == null ? null : shares.get(a.arm()))).toList();
    }

    private boolean send(CampaignView campaign, Object command) {
        MetaData meta = MetaData.with(AxonConfig.ISSUED_BY, ISSUER).and(AxonConfig.SOURCE, "scheduler:" + ISSUER)
                .and(AxonConfig.RECEIVED_AT, clock.instant().toString());
        Object result = commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(meta));
        boolean recorded = Boolean.TRUE.equals(result);
        if (recorded) {
            log.info("campaign {}: {}", campaign.campaignId(), command);
        }
        return recorded;
    }
}
