package com.retailpulse.infra.experiments;

import com.retailpulse.intelligence.experiment.ArmTally;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * Reads the per-unit results of an experiment run elsewhere (one CSV row per customer, plain or gzip):
 * the arm column, yes/no columns (0/1) for rate metrics and numeric columns for value metrics; other
 * columns are ignored. A row with a bad value is rejected with its line and reason, and the rest count.
 */
final class ExperimentResultsFile {

    static final int ERRORS_KEPT = 20;

    /** What the file added up to. */
    record Read(Map<String, Map<String, ArmTally>> rates, Map<String, Map<String, ArmTally>> values, long rows,
                long rejected, List<String> errors) {
    }

    /** Which columns mean what. */
    record Layout(String armColumn, List<String> rateColumns, List<String> valueColumns) {
    }

    private ExperimentResultsFile() {
    }

    static Read read(InputStream upload, Layout layout) throws IOException {
        BufferedInputStream in = new BufferedInputStream(upload);
        in.mark(2);
        boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
        in.reset();
        try (Reader reader = new InputStreamReader(gzip ? new GZIPInputStream(in) : in, StandardCharsets.UTF_8)) {
            var parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get().parse(reader);
            List<String> missing = new ArrayList<>();
            for (String column : columns(layout)) {
                if (!parser.getHeaderMap().containsKey(column)) {
                    missing.add(column);
                }
            }
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("the file has no column " + String.join(", ", missing) + "; its columns are "
                        + parser.getHeaderNames());
            }
            Map<String, Map<String, ArmTally>> rates = new LinkedHashMap<>();
            Map<String, Map<String, ArmTally>> values = new LinkedHashMap<>();
            layout.rateColumns().forEach(c -> rates.put(c, new TreeMap<>()));
            layout.valueColumns().forEach(c -> values.put(c, new TreeMap<>()));
            long rows = 0;
            long rejected = 0;
            List<String> errors = new ArrayList<>();
            for (CSVRecord row : parser) {
                rows++;
                try {
                    String arm = row.get(layout.armColumn());
                    if (arm.isBlank()) {
                        throw new IllegalArgumentException(layout.armColumn() + " is empty");
                    }
                    Map<String, Boolean> yes = new LinkedHashMap<>();
                    for (String c : layout.rateColumns()) {
                        yes.put(c, flag(c, row.get(c)));
                    }
                    Map<String, Double> amounts = new LinkedHashMap<>();
                    for (String c : layout.valueColumns()) {
                        amounts.put(c, number(c, row.get(c)));
                    }
                    yes.forEach((c, v) -> rates.get(c).merge(arm, ArmTally.empty(arm).plus(v, 0), ArmTally::plus));
                    amounts.forEach((c, v) -> values.get(c).merge(arm, ArmTally.empty(arm).plus(v > 0, v), ArmTally::plus));
                } catch (IllegalArgumentException e) {
                    rejected++;
                    if (errors.size() < ERRORS_KEPT) {
                        errors.add("line " + (row.getRecordNumber() + 1) + ": " + e.getMessage());
                    }
                }
            }
            return new Read(rates, values, rows, rejected, errors);
        }
    }

    private static List<String> columns(Layout layout) {
        List<String> all = new ArrayList<>(List.of(layout.armColumn()));
        all.addAll(layout.rateColumns());
        all.addAll(layout.valueColumns());
        return all;
    }

    private static boolean flag(String column, String value) {
        return switch (value) {
            case "1", "true", "TRUE" -> true;
            case "0", "false", "FALSE" -> false;
            default -> throw new IllegalArgumentException(column + " must be 0 or 1, got '" + value + "'");
        };
    }

    private static double number(String column, String value) {
        try {
            double v = Double.parseDouble(value);
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(column + " must be a number, got '" + value + "'");
        }
    }
}
