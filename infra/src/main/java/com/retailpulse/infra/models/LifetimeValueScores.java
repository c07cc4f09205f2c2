package com.retailpulse.infra.models;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailpulse.intelligence.data.Purchase;
import com.retailpulse.intelligence.ltv.Backtest;
import com.retailpulse.intelligence.ltv.BgNbd;
import com.retailpulse.intelligence.ltv.BgNbdFit;
import com.retailpulse.intelligence.ltv.CustomerSummaries;
import com.retailpulse.intelligence.ltv.CustomerSummary;
import com.retailpulse.intelligence.ltv.DataWindow;
import com.retailpulse.intelligence.ltv.GammaGamma;
import com.retailpulse.intelligence.ltv.LifetimeValue;
import com.retailpulse.intelligence.ltv.ModelFitException;
import com.retailpulse.intelligence.ltv.PeriodUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Customer lifetime value on the platform (docs/models/ltv-and-clusters.md): BG/NBD for purchase days and
 * Gamma-Gamma for spend per purchase, in days. Before a version is trusted it is backtested: fitted on the
 * purchases before the last 90 days, it must predict each customer's purchases in those 90 days better
 * (Pearson correlation per customer) than the naive rate x / T. The version then served is fitted on all
 * purchases before the cutoff. Scores: probability alive, expected purchase days and spend over 90 days and
 * 12 months (of 30 days), undiscounted.
 */
@Component
class LifetimeValueScores implements CustomerScorer {

    static final String MODEL = "ltv";
    private static final Logger log = LoggerFactory.getLogger(LifetimeValueScores.class);
    private static final int BACKTEST_MONTHS = 3;

    private final ModelRegistry registry;
    private final Clock clock;
    private final ObjectMapper json;
    private final double dropoutPenalty;
    private volatile InService<LifetimeValue> served;

    LifetimeValueScores(ModelRegistry registry, Clock clock, ObjectMapper json,
                        @Value("${retailpulse.models.ltv.dropout-penalty}") double dropoutPenalty) {
        this.registry = registry;
        this.clock = clock;
        this.json = json;
        this.dropoutPenalty = dropoutPenalty;
        this.served = InService.load(registry, MODEL, bytes -> json.readValue(bytes, LifetimeValue.class));
    }

    @Override
    public String name() {
        return MODEL;
    }

    @Override
    public Object plan(Map<String, String> options) {
        return TrainableModel.withoutOptions(MODEL, options);
    }

    @Override
    public ModelRegistry.Version train(EventStorePurchases.Read data, Instant cutoff, Object plan, String trainedBy,
                                       Consumer<String> phase) {
        List<Purchase> purchases = data.purchases();
        if (purchases.isEmpty()) {
            throw new IllegalStateException("no purchases before " + cutoff + " in the event store: nothing to learn from");
        }
        LocalDate lastDay = LocalDate.ofInstant(cutoff, ZoneOffset.UTC);
        DataWindow calibration = DataWindow.of(lastDay.minusDays(BACKTEST_MONTHS * 30L), PeriodUnit.DAYS);
        phase.accept("backtest: fitting on purchases before " + calibration.cutoff() + ", predicting the 90 days after");
        List<String> reasons = new ArrayList<>();
        Map<String, Double> metrics = new LinkedHashMap<>();
        Map<String, Double> baseline = new LinkedHashMap<>();
        try {
            Backtest backtest = Backtest.run(purchases, calibration, BACKTEST_MONTHS, dropoutPenalty);
            metrics.put("backtestCustomers", (double) backtest.customers());
            metrics.put("actualPurchases", backtest.actualPurchases());
            metrics.put("predictedPurchases", backtest.model().predictedPurchases());
            metrics.put("correlation", backtest.model().correlation());
            metrics.put("meanAbsoluteError", backtest.model().meanAbsoluteError());
            metrics.put("predictedSpend", backtest.predictedSpend());
            metrics.put("actualSpend", backtest.actualSpend());
            baseline.put("predictedPurchases", backtest.naive().predictedPurchases());
            baseline.put("correlation", backtest.naive().correlation());
            baseline.put("meanAbsoluteError", backtest.naive().meanAbsoluteError());
            if (!(backtest.model().correlation() > backtest.naive().correlation())) {
                reasons.add(String.format(Locale.ROOT, "per-customer correlation %.4f does not beat the naive rate's %.4f",
                        backtest.model().correlation(), backtest.naive().correlation()));
            }
        } catch (ModelFitException | IllegalArgumentException e) {
            reasons.add("the backtest fit failed: " + e.getMessage());
        }
        phase.accept("fitting BG/NBD and Gamma-Gamma on all purchases before " + cutoff);
        CustomerSummaries summaries = CustomerSummaries.asOf(purchases, new DataWindow(cutoff, PeriodUnit.DAYS));
        LifetimeValue model;
        try {
            BgNbdFit fit = BgNbd.fit(summaries, dropoutPenalty);
            model = new LifetimeValue(fit, GammaGamma.fit(summaries));
            metrics.put("r", fit.r());
            metrics.put("alpha", fit.alpha());
            metrics.put("a", fit.a());
            metrics.put("b", fit.b());
            metrics.put("p", model.spend().p());
            metrics.put("q", model.spend().q());
            metrics.put("v", model.spend().v());
        } catch (ModelFitException e) {
            throw new IllegalStateException("BG/NBD or Gamma-Gamma did not fit the purchases before " + cutoff + ": " + e.getMessage(), e);
        }
        byte[] bytes = bytes(model);
        boolean promoted = reasons.isEmpty();
        ModelRegistry.Version version = registry.register(new ModelRegistry.Version(MODEL, 0, "bg-nbd+gamma-gamma", clock.instant(),
                trainedBy, data.from(), data.to(), cutoff, summaries.size(), metrics, baseline, promoted,
                promoted ? List.of("predicts the 90-day backtest better than the naive rate (per-customer correlation)") : reasons,
                bytes.length), bytes);
        if (promoted) {
            served = InService.now(version, model);
        }
        log.info("LTV model version {}: {} against naive {}; {}", version.version(), metrics, baseline,
                promoted ? "in service" : "not promoted: " + reasons);
        return version;
    }

    @Override
    public Optional<Instant> inServiceSince() {
        InService<LifetimeValue> s = served;
        return s == null ? Optional.empty() : Optional.of(s.since());
    }

    @Override
    public Optional<Score> score(String customerId, List<Purchase> history, Instant at) {
        InService<LifetimeValue> s = served;
        if (s == null) {
            return Optional.empty();
        }
        return CustomerSummary.asOf(customerId, history, new DataWindow(at, PeriodUnit.DAYS)).map(summary -> {
            Map<String, Double> values = new LinkedHashMap<>();
            values.put("probabilityAlive", CustomerScorer.round(s.model().purchases().probabilityAlive(summary), 4));
            values.put("expectedPurchases90d", CustomerScorer.round(s.model().purchases().conditionalExpectedPurchases(90, summary), 4));
            values.put("expectedValue90d", CustomerScorer.round(s.model().expectedSpend(summary, 3, 0), 2));
            values.put("expectedValue12m", CustomerScorer.round(s.model().expectedSpend(summary, 12, 0), 2));
            return new Score(MODEL, s.version().version(), values, null);
        });
    }

    private byte[] bytes(LifetimeValue model) {
        try {
            return json.writeValueAsBytes(model);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
