package com.retailpulse.infra.campaigns;

import com.retailpulse.contracts.campaign.CampaignGoal;
import com.retailpulse.contracts.campaign.CampaignPlan;
import com.retailpulse.contracts.campaign.CampaignState;
import com.retailpulse.contracts.campaign.CampaignVariant;
import com.retailpulse.contracts.common.Assignment;
import com.retailpulse.contracts.common.Money;
import com.retailpulse.intelligence.experiment.ArmTally;
import com.retailpulse.intelligence.experiment.ExperimentReport;
import com.retailpulse.projections.campaign.CampaignCatalogue;
import com.retailpulse.projections.campaign.CampaignResults;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A campaign's results per arm (each variant and the holdout) from {@link CampaignResults}, and the
 * experiment: conversion of each variant against the control (the holdout, or the first variant when there
 * is none) judged by the platform's experiment statistics ({@link ExperimentReport}: Newcombe interval,
 * z-test, always-valid p-value, probability to beat, the sequential-safe winner rule), with revenue per
 * customer compared by Welch's interval. Units are the customers assigned to an arm, whether or not their
 * message passed the guardrails (intention to treat): the holdout has no guardrails to pass, so comparing
 * only the customers who got a message would compare different people.
 */
@Component
class CampaignReports {

    static final String CONVERSION = "conversion";
    static final String REVENUE = "revenue";
    /** A mean needs a variance: arms with fewer customers are left out of the comparisons. */
    static final int MIN_UNITS = 2;

    private final CampaignResults results;

    CampaignReports(CampaignResults results) {
        this.results = results;
    }

    /**
     * One arm: customers assigned; messages accepted (exposure), suppressed and deferred by the guardrails;
     * receipts; customers who converted and their orders; revenue in the budget's currency.
     */
    record ArmView(String arm, long assigned, long accepted, long suppressed, long deferred, long delivered, long opened,
                   long clicked, long failed, long converted, Double conversionRate, long orders, Money revenue,
                   Money revenuePerCustomer) {
    }

    record Decision(String winner, boolean stop, String rule) {
    }

    record ExperimentView(String control, String primary, double confidence, double alpha,
                          List<ExperimentReport.Comparison> comparisons, Map<String, Double> banditShares, Decision decision) {
    }

    /**
     * The report; {@code allocation} is how the campaign splits its treated traffic now (mode, weights in force
     * and their version, declared winner, every reallocation; docs/campaigns.md).
     */
    record ReportView(String campaignId, String name, CampaignGoal goal, CampaignState state, String currency,
                      Duration attributionWindow, String control, List<ArmView> arms, ExperimentView experiment, List<String> notes,
                      CampaignCatalogue.Allocation allocation) {
    }

    ReportView report(CampaignCatalogue.CampaignView campaign, double confidence, double alpha) {
        CampaignPlan plan = campaign.plan();
        String currency = plan.budget().currency();
        int scale = fractionDigits(currency);
        Map<String, CampaignResults.ArmResult> found = results.arms(campaign.campaignId(), currency);
        List<String> armKeys = new ArrayList<>(plan.variants().stream().map(CampaignVariant::key).toList());
        boolean holdout = plan.holdoutShare() > 0;
        if (holdout) {
            armKeys.add(Assignment.HOLDOUT);
        }
        String control = holdout ? Assignment.HOLDOUT : armKeys.get(0);

        List<ArmView> arms = new ArrayList<>();
        Map<String, ArmTally> tallies = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        for (String key : armKeys) {
            CampaignResults.ArmResult r = found.getOrDefault(key, new CampaignResults.ArmResult(key, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                    currency, BigDecimal.ZERO, 0));
            arms.add(new ArmView(key, r.assigned(), r.accepted(), r.suppressed(), r.deferred(), r.delivered(), r.opened(),
                    r.clicked(), r.failed(), r.converted(), r.assigned() == 0 ? null : (double) r.converted() / r.assigned(),
                    r.orders(), new Money(r.revenue().setScale(scale, RoundingMode.HALF_UP), currency),
                    r.assigned() == 0 ? null : new Money(r.revenue().divide(BigDecimal.valueOf(r.assigned()), scale, RoundingMode.HALF_UP),
                            currency)));
            if (r.assigned() >= MIN_UNITS) {
                tallies.put(key, new ArmTally(key, r.assigned(), r.converted(), r.revenue().doubleValue(), r.revenueSquares()));
            } else {
                notes.add("arm " + key + " has " + r.assigned() + " customer" + (r.assigned() == 1 ? "" : "s")
                        + "; it is compared from " + MIN_UNITS + " on");
            }
        }
        ExperimentView experiment = null;
        if (!tallies.containsKey(control)) {
            notes.add("no comparison yet: the control arm " + control + " needs at least " + MIN_UNITS + " customers");
        } else if (tallies.size() < 2) {
            notes.add("no comparison yet: no variant besides the control has " + MIN_UNITS + " customers");
        } else {
            ExperimentReport report = ExperimentReport.of(control, CONVERSION, Map.of(CONVERSION, tallies), Map.of(REVENUE, tallies),
                    confidence, alpha);
            long treatments = tallies.size() - 1;
            String rule = "an arm wins when its conversion rate is above " + control + "'s and its always-valid p-value against "
                    + control + " is at most alpha / " + treatments + " (" + alpha / treatments + "); the highest such rate wins."
                    + " Safe to read at any time: looking early does not raise the chance of a false winner above alpha";
            experiment = new ExperimentView(control, CONVERSION, confidence, alpha, report.comparisons(), report.banditShares(),
                    new Decision(report.winner(), report.winner() != null, rule));
        }
        return new ReportView(campaign.campaignId(), campaign.name(), plan.goal(), campaign.state(), currency, results.attributionWindow(),
                control, arms, experiment, notes, campaign.allocation());
    }

    private static int fractionDigits(String currency) {
        try {
            return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException e) {
            return 2; // a code Java does not know: cents
        }
    }
}
