package com.retailpulse.infra.models;

import com.retailpulse.intelligence.churn.BoostedChurnModel;
import com.retailpulse.intelligence.churn.BoostingParameters;
import com.retailpulse.intelligence.churn.ChurnLabel;
import com.retailpulse.intelligence.churn.ChurnTraining;
import com.retailpulse.intelligence.churn.HoldoutMetrics;
import com.retailpulse.intelligence.churn.PointInTimeFeatures;
import com.retailpulse.intelligence.churn.PromotionGate;
import com.retailpulse.intelligence.churn.TrainedChurnModel;
import com.retailpulse.intelligence.data.Purchase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The churn model on the platform (docs/models/churn.md): XGBoost with Platt scaling against a logistic
 * baseline, trained on monthly cutoffs from the event store with a time-based holdout; promoted only when
 * it beats the baseline on ROC AUC and PR AUC with an expected calibration error below 0.05. Scores are
 * the probability of no purchase in the 90 days after scoring.
 *
 * <p>Options of a training (all optional): {@code holdout} (instant; default: 90 days before the day of the
 * last purchase, so the holdout's label window closes within the data), {@code calibration} (instant or
 * {@code none}; default one year before the holdout when the data reach back that far), {@code trainingFrom}
 * / {@code trainingTo} (months, yyyy-MM; default from the first full month after 90 days of data to the last
 * whose label window closes by the holdout), {@code activeWithinDays} (default 365).
 */
@Component
class ChurnScores implements CustomerScorer {

    static final String MODEL = "churn";
    private static final Logger log = LoggerFactory.getLogger(ChurnScores.class);
    private static final Set<String> OPTIONS = Set.of("holdout", "calibration", "trainingFrom", "trainingTo", "activeWithinDays");

    record Plan(Optional<Instant> holdout, Optional<Optional<Instant>> calibration, Optional<YearMonth> trainingFrom,
                Optional<YearMonth> trainingTo, Duration activeWithin) {
    }

    private final ModelRegistry registry;
    private final Clock clock;
    private volatile InService<BoostedChurnModel> served;

    ChurnScores(ModelRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        this.served = InService.load(registry, MODEL, bytes -> BoostedChurnModel.fromBytes(bytes, 1));
    }

    @Override
    public String name() {
        return MODEL;
    }

    @Override
    public Plan plan(Map<String, String> options) {
        for (String key : options.keySet()) {
            if (!OPTIONS.contains(key)) {
                throw new IllegalArgumentException("unknown option '" + key + "' for model churn; known: " + new java.util.TreeSet<>(OPTIONS));
            }
        }
        try {
            Optional<Instant> holdout = Optional.ofNullable(options.get("holdout")).map(Instant::parse);
            Optional<Optional<Instant>> calibration = Optional.ofNullable(options.get("calibration"))
                    .map(c -> "none".equals(c) ? Optional.empty() : Optional.of(Instant.parse(c)));
            Optional<YearMonth> from = Optional.ofNullable(options.get("trainingFrom")).map(YearMonth::parse);
            Optional<YearMonth> to = Optional.ofNullable(options.get("trainingTo")).map(YearMonth::parse);
            if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
                throw new IllegalArgumentException("trainingFrom " + from.get() + " is after trainingTo " + to.get());
            }
            int days = Integer.parseInt(options.getOrDefault("activeWithinDays", "365"));
            if (days < 1) {
                throw new IllegalArgumentException("activeWithinDays must be at least 1, got " + days);
            }
            return new Plan(holdout, calibration, from, to, Duration.ofDays(days));
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("churn option: " + e.getMessage() + " (instants as 2011-09-10T00:00:00Z, months as 2011-06)");
        }
    }

    @Override
    public ModelRegistry.Version train(EventStorePurchases.Read data, Instant cutoff, Object planObject, String trainedBy,
                                       Consumer<String> phase) {
        Plan plan = (Plan) planObject;
        List<Purchase> purchases = data.purchases();
        if (purchases.isEmpty()) {
            throw new IllegalStateException("no purchases before " + cutoff + " in the event store: nothing to learn from");
        }
        Instant holdout = plan.holdout().orElse(startOfDay(data.to()).minus(ChurnLabel.WINDOW));
        Optional<Instant> calibration = plan.calibration().orElseGet(() -> {
            Instant yearBefore = holdout.minus(Duration.ofDays(365));
            return yearBefore.isAfter(data.from().plus(ChurnLabel.WINDOW)) ? Optional.of(yearBefore) : Optional.empty();
        });
        YearMonth from = plan.trainingFrom().orElse(YearMonth.from(data.from().plus(ChurnLabel.WINDOW).atOffset(ZoneOffset.UTC)).plusMonths(1));
        YearMonth to = plan.trainingTo().orElse(YearMonth.from(holdout.minus(ChurnLabel.WINDOW).atOffset(ZoneOffset.UTC)));
        List<Instant> cutoffs = new ArrayList<>();
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            Instant at = m.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            if (!ChurnLabel.windowEnd(at).isAfter(holdout)) {
                cutoffs.add(at);
            }
        }
        if (cutoffs.isEmpty()) {
            throw new IllegalArgumentException("no monthly training cutoff from " + from + " to " + to + " has its label window closed by the holdout "
                    + holdout + ": the event store holds purchases from " + data.from() + " to " + data.to());
        }
        ChurnTraining training = new ChurnTraining(cutoffs, holdout, plan.activeWithin(), calibration, 0.2, 7,
                BoostingParameters.DEFAULTS, 1.0, PromotionGate.DEFAULT);
        phase.accept("training XGBoost and the logistic baseline on " + cutoffs.size() + " monthly cutoffs, holdout " + holdout);
        TrainedChurnModel trained = training.train(purchases);
        var decision = trained.promotable();
        byte[] bytes = trained.model().toBytes();
        ModelRegistry.Version version = registry.register(new ModelRegistry.Version(MODEL, 0, "xgboost+platt", clock.instant(),
                trainedBy, trained.version().dataFrom(), trained.version().dataTo(), holdout, trained.version().trainingRows(),
                metrics(trained.boosted()), metrics(trained.baseline()), decision.promoted(),
                decision.promoted() ? List.of("beats the logistic baseline on ROC AUC and PR AUC; calibration error below "
                        + PromotionGate.DEFAULT.maxCalibrationError()) : decision.reasons(), bytes.length), bytes);
        if (decision.promoted()) {
            served = InService.now(version, trained.model());
        }
        log.info("Churn model version {}: {} against baseline {}; {}", version.version(), trained.boosted(), trained.baseline(),
                decision.promoted() ? "in service" : "not promoted: " + decision.reasons());
        return version;
    }

    @Override
    public Optional<Instant> inServiceSince() {
        InService<BoostedChurnModel> s = served;
        return s == null ? Optional.empty() : Optional.of(s.since());
    }

    @Override
    public Optional<Score> score(String customerId, List<Purchase> history, Instant at) {
        InService<BoostedChurnModel> s = served;
        if (s == null) {
            return Optional.empty();
        }
        return PointInTimeFeatures.of(customerId, history, at).map(vector -> {
            double probability;
            synchronized (s.model()) { // an XGBoost booster is not shared between predicting threads
                probability = s.model().churnProbability(vector);
            }
            return new Score(MODEL, s.version().version(), Map.of("probability", CustomerScorer.round(probability, 4)), null);
        });
    }

    private static Map<String, Double> metrics(HoldoutMetrics m) {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("rocAuc", m.rocAuc());
        out.put("prAuc", m.prAuc());
        out.put("calibrationError", m.calibrationError());
        out.put("brier", m.brier());
        out.put("churnRate", m.churnRate());
        out.put("holdoutRows", (double) m.rows());
        return out;
    }

    private static Instant startOfDay(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC).atStartOfDay().toInstant(ZoneOffset.UTC);
    }
}
