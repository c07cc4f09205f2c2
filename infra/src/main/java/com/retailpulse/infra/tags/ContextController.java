package com.retailpulse.infra.tags;

import com.retailpulse.projections.context.MongoContextData;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.io.IOException;
import java.io.StringReader;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Context for tag definitions, loaded as CSV: holiday calendars ({@code region,date,name}) and daily
 * weather ({@code region,date,min_temp_c,max_temp_c,condition}) by region. Regions are matched with
 * the customer attribute {@code region}. Loading changes tags, so a back-fill follows.
 */
@RestController
@RequestMapping("/api/v1/context")
class ContextController {

    private final MongoContextData context;
    private final TagBackfills backfills;

    ContextController(MongoContextData context, TagBackfills backfills) {
        this.context = context;
        this.backfills = backfills;
    }

    record Rejected(long line, String reason) {
    }

    record LoadView(int loaded, List<Rejected> rejected, TagBackfills.Backfill backfill) {
    }

    record ContextView(long holidays, long weatherDays) {
    }

    @GetMapping
    ContextView counts() {
        return new ContextView(context.holidayCount(), context.weatherCount());
    }

    @PostMapping(path = "/holidays", consumes = {"text/csv", "text/plain"})
    LoadView holidays(@RequestBody String csv) throws IOException {
        List<Rejected> rejected = new ArrayList<>();
        List<MongoContextData.Holiday> rows = parse(csv, List.of("region", "date", "name"), rejected,
                r -> new MongoContextData.Holiday(required(r, "region"), date(r), required(r, "name")));
        context.addHolidays(rows);
        return new LoadView(rows.size(), rejected, rows.isEmpty() ? null : backfills.start("holiday calendar loaded"));
    }

    @PostMapping(path = "/weather", consumes = {"text/csv", "text/plain"})
    LoadView weather(@RequestBody String csv) throws IOException {
        List<Rejected> rejected = new ArrayList<>();
        List<MongoContextData.DailyWeather> rows = parse(csv, List.of("region", "date", "min_temp_c", "max_temp_c"), rejected,
                r -> {
                    double min = temperature(r, "min_temp_c");
                    double max = temperature(r, "max_temp_c");
                    if (min > max) {
                        throw new IllegalArgumentException("min_temp_c " + min + " is above max_temp_c " + max);
                    }
                    return new MongoContextData.DailyWeather(required(r, "region"), date(r), min, max,
                            r.isMapped("condition") ? r.get("condition") : null);
                });
        context.addWeather(rows);
        return new LoadView(rows.size(), rejected, rows.isEmpty() ? null : backfills.start("weather loaded"));
    }

    private static <T> List<T> parse(String csv, List<String> columns, List<Rejected> rejected,
                                     Function<CSVRecord, T> row) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get();
        List<T> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(csv), format)) {
            List<String> missing = columns.stream().filter(c -> !parser.getHeaderNames().contains(c)).toList();
            if (!missing.isEmpty()) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "the CSV header lacks " + missing
                        + "; expected columns: " + columns);
            }
            for (CSVRecord r : parser) {
                try {
                    rows.add(row.apply(r));
                } catch (IllegalArgumentException e) {
                    rejected.add(new Rejected(parser.getCurrentLineNumber(), e.getMessage()));
                }
            }
        }
        return rows;
    }

    private static String required(CSVRecord r, String column) {
        String value = r.isMapped(column) && r.isSet(column) ? r.get(column) : "";
        if (value.isBlank()) {
            throw new IllegalArgumentException(column + ": required");
        }
        return value;
    }

    private static LocalDate date(CSVRecord r) {
        try {
            return LocalDate.parse(required(r, "date"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("date: not an ISO date (2026-07-15): '" + r.get("date") + "'");
        }
    }

    private static double temperature(CSVRecord r, String column) {
        try {
            double t = Double.parseDouble(required(r, column));
            if (t < -90 || t > 60) {
                throw new IllegalArgumentException(column + ": " + t + " °C is not a plausible air temperature");
            }
            return t;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(column + ": not a number: '" + r.get(column) + "'");
        }
    }
}
