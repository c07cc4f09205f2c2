package com.retailpulse.infra.experiments;

import com.retailpulse.infra.web.InvalidRequestException;
import com.retailpulse.intelligence.experiment.ArmTally;
import com.retailpulse.intelligence.experiment.ExperimentReport;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Experiments (docs/experiments.md): record the per-customer results of a test run elsewhere
 * ({@code PUT /api/v1/experiments/{key}/results}, ANALYST) and read its report: every arm against the
 * control on every metric, with intervals, fixed-sample and always-valid p-values, the probability to beat
 * the control, a bandit's traffic shares and the winner ({@code GET /api/v1/experiments/{key}/report}).
 */
@RestController
class ExperimentController {

    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private final Experiments experiments;

    ExperimentController(Experiments experiments) {
        this.experiments = experiments;
    }

    record ArmView(String arm, long units, Double rate, Double mean) {
    }

    record Summary(String key, String name, String control, String primary, List<String> arms, long rows, long rejected,
                   String source, String importedBy, Instant importedAt) {
    }

    record ImportView(Summary experiment, List<String> errors) {
    }

    record ReportView(Summary experiment, double confidence, double alpha, Map<String, List<ArmView>> arms,
                      List<ExperimentReport.Comparison> comparisons, Map<String, Double> banditShares, String winner) {
    }

    @PutMapping(path = "/api/v1/experiments/{key}/results", consumes = "multipart/form-data")
    ImportView record(@PathVariable String key, @RequestPart("file") MultipartFile file,
                      @RequestPart(name = "name", required = false) String name,
                      @RequestPart("armColumn") String armColumn, @RequestPart("control") String control,
                      @RequestPart("rates") String rates, @RequestPart(name = "values", required = false) String values,
                      @RequestPart(name = "primary", required = false) String primary, Principal principal) {
        List<String> errors = new ArrayList<>();
        if (!KEY.matcher(key).matches()) {
            errors.add("key: lower-case letters, digits, - and _, at most 64, got '" + key + "'");
        }
        List<String> rateColumns = list(rates);
        List<String> valueColumns = list(values);
        if (rateColumns.isEmpty()) {
            errors.add("rates: name at least one 0/1 column (e.g. visit,conversion)");
        }
        Set<String> all = new LinkedHashSet<>(rateColumns);
        valueColumns.stream().filter(v -> !all.add(v)).forEach(v -> errors.add("values: " + v + " is already a rate metric"));
        String primaryMetric = primary == null || primary.isBlank() ? rateColumns.stream().findFirst().orElse(null) : primary.strip();
        if (primaryMetric != null && !rateColumns.contains(primaryMetric)) {
            errors.add("primary: " + primaryMetric + " is not one of the rate metrics " + rateColumns);
        }
        if (file.isEmpty()) {
            errors.add("file: the uploaded file is empty");
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("Invalid experiment results", errors);
        }
        ExperimentResultsFile.Read read;
        try {
            read = ExperimentResultsFile.read(file.getInputStream(),
                    new ExperimentResultsFile.Layout(armColumn.strip(), rateColumns, valueColumns));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("Invalid experiment results", List.of("file: " + e.getMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> arms = read.rates().get(rateColumns.get(0)).keySet();
        if (!arms.contains(control.strip())) {
            errors.add("control: no row has arm '" + control.strip() + "'; the arms are " + arms);
        }
        if (arms.size() < 2) {
            errors.add("file: an experiment needs at least two arms, found " + arms);
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("Invalid experiment results", errors);
        }
        String source = file.getOriginalFilename() == null ? "upload" : file.getOriginalFilename();
        Experiments.Stored stored = experiments.save(key, name == null || name.isBlank() ? key : name.strip(), control.strip(),
                primaryMetric, read, source, principal.getName());
        return new ImportView(summary(stored), read.errors());
    }

    @GetMapping("/api/v1/experiments")
    List<Summary> list() {
        return experiments.all().stream().map(ExperimentController::summary).toList();
    }

    @GetMapping("/api/v1/experiments/{key}/report")
    ReportView report(@PathVariable String key, @RequestParam(defaultValue = "0.95") double confidence,
                      @RequestParam(defaultValue = "0.05") double alpha) {
        List<String> errors = new ArrayList<>();
        if (!(confidence > 0.5 && confidence < 1)) {
            errors.add("confidence: between 0.5 and 1, got " + confidence);
        }
        if (!(alpha > 0 && alpha < 0.5)) {
            errors.add("alpha: between 0 and 0.5, got " + alpha);
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("Invalid report request", errors);
        }
        Experiments.Stored stored = experiments.find(key)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no experiment " + key));
        ExperimentReport report = stored.report(confidence, alpha);
        Map<String, List<ArmView>> arms = new LinkedHashMap<>();
        stored.rates().forEach((m, t) -> arms.put(m, t.values().stream().map(a -> new ArmView(a.arm(), a.units(), a.rate(), null)).toList()));
        stored.values().forEach((m, t) -> arms.put(m, t.values().stream().map(a -> new ArmView(a.arm(), a.units(), null, a.meanValue())).toList()));
        return new ReportView(summary(stored), confidence, alpha, arms, report.comparisons(), report.banditShares(), report.winner());
    }

    private static Summary summary(Experiments.Stored s) {
        List<String> arms = s.rates().values().stream().findFirst().map(t -> t.values().stream().map(ArmTally::arm).toList())
                .orElse(List.of());
        return new Summary(s.key(), s.name(), s.control(), s.primary(), arms, s.rows(), s.rejected(), s.source(), s.importedBy(),
                s.importedAt());
    }

    private static List<String> list(String csv) {
        return csv == null ? List.of() : Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }
}
