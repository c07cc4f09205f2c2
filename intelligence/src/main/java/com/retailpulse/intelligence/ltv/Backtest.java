package com.retailpulse.intelligence.ltv;

import com.retailpulse.intelligence.data.Purchase;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How well models fitted on purchases before a cutoff predict the next months: fit on the calibration
 * period, predict each calibration customer's transactions and spend over the holdout, and compare with
 * what they did. Transactions are counted as in {@link CustomerSummary} (purchase days, returns excluded).
 * The naive baseline repeats each customer's calibration rate x / T, so a refit can be judged against
 * the simplest forecast. The platform runs it before it trusts a refit; the tests run it on Online Retail.
 *
 * @param customers       customers with a purchase before the cutoff (those the models predict for)
 * @param actualPurchases sum over those customers of their transactions in the holdout
 * @param model           BG/NBD's predicted transactions against the actual ones
 * @param naive           the x / T baseline's (0 for a customer first seen on the last day)
 * @param predictedSpend  sum of expected holdout spend (undiscounted {@link LifetimeValue})
 * @param actualSpend     sum of holdout purchase value
 */
public record Backtest(BgNbdFit purchaseModel, GammaGammaFit spendModel, int months, int customers, double actualPurchases,
                       Accuracy model, Accuracy naive, double predictedSpend, double actualSpend) {

    /**
     * @param predictedPurchases sum over customers of the predicted transactions
     * @param meanAbsoluteError  per customer, in transactions
     * @param correlation        Pearson, predicted vs actual transactions per customer
     */
    public record Accuracy(double predictedPurchases, double meanAbsoluteError, double correlation) {

        static Accuracy of(double[] predicted, double[] actual) {
            double absoluteError = 0;
            for (int i = 0; i < predicted.length; i++) {
                absoluteError += Math.abs(predicted[i] - actual[i]);
            }
            return new Accuracy(Arrays.stream(predicted).sum(), absoluteError / predicted.length,
                    new PearsonsCorrelation().correlation(predicted, actual));
        }
    }

    /** Fits both models on purchases before the cutoff (BG/NBD with {@code dropoutPenalty}) and scores the next months. */
    public static Backtest run(Collection<Purchase> purchases, DataWindow calibration, int months, double dropoutPenalty) {
        if (months <= 0) {
            throw new IllegalArgumentException("holdout must be at least one month, got " + months);
        }
        CustomerSummaries summaries = CustomerSummaries.asOf(purchases, calibration);
        BgNbdFit purchaseModel = BgNbd.fit(summaries, dropoutPenalty);
        GammaGammaFit spendModel = GammaGamma.fit(summaries);
        LifetimeValue value = new LifetimeValue(purchaseModel, spendModel);

        Instant end = calibration.cutoff().plus(months * (long) LifetimeValue.DAYS_PER_MONTH, ChronoUnit.DAYS);
        Map<String, Set<LocalDate>> holdoutDays = new HashMap<>();
        Map<String, Double> holdoutSpend = new HashMap<>();
        for (Purchase purchase : purchases) {
            if (purchase.isReturn() || calibration.observes(purchase.at()) || !purchase.at().isBefore(end)) {
                continue;
            }
            holdoutDays.computeIfAbsent(purchase.customerId(), id -> new HashSet<>())
                    .add(LocalDate.ofInstant(purchase.at(), ZoneOffset.UTC));
            holdoutSpend.merge(purchase.customerId(), purchase.amount(), Double::sum);
        }

        double horizon = calibration.unit().fromDays(months * LifetimeValue.DAYS_PER_MONTH);
        List<CustomerSummary> customers = summaries.customers();
        double[] predicted = new double[customers.size()];
        double[] naive = new double[customers.size()];
        double[] actual = new double[customers.size()];
        double predictedSpend = 0;
        double actualSpend = 0;
        for (int i = 0; i < predicted.length; i++) {
            CustomerSummary customer = customers.get(i);
            predicted[i] = purchaseModel.conditionalExpectedPurchases(horizon, customer);
            naive[i] = customer.age() == 0 ? 0 : customer.frequency() / customer.age() * horizon;
            actual[i] = holdoutDays.getOrDefault(customer.customerId(), Set.of()).size();
            predictedSpend += value.expectedSpend(customer, months, 0);
            actualSpend += holdoutSpend.getOrDefault(customer.customerId(), 0.0);
        }
        return new Backtest(purchaseModel, spendModel, months, predicted.length, Arrays.stream(actual).sum(),
                Accuracy.of(predicted, actual), Accuracy.of(naive, actual), predictedSpend, actualSpend);
    }
}
