package com.retailpulse.intelligence.data;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Kevin Hillstrom's MineThatData e-mail test (2008): 64,000 customers randomised to "Mens E-Mail",
 * "Womens E-Mail" or "No E-Mail", with whether they visited the site, bought, and what they spent in the
 * two weeks after. Read as published (gzip or plain CSV); a row that does not parse is an error naming
 * its line.
 */
public final class HillstromCsv {

    /** One customer of the test. */
    public record Customer(String segment, boolean visit, boolean conversion, double spend) {
    }

    private HillstromCsv() {
    }

    public static List<Customer> read(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
             Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            List<Customer> customers = new ArrayList<>();
            for (CSVRecord row : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
                try {
                    customers.add(new Customer(row.get("segment"), flag(row.get("visit")), flag(row.get("conversion")),
                            Double.parseDouble(row.get("spend"))));
                } catch (IllegalArgumentException e) {
                    throw new IOException("Hillstrom line " + (row.getRecordNumber() + 1) + ": " + e.getMessage(), e);
                }
            }
            return customers;
        }
    }

    private static boolean flag(String value) {
        return switch (value.trim()) {
            case "1" -> true;
            case "0" -> false;
            default -> throw new IllegalArgumentException("expected 0 or 1, got '" + value + "'");
        };
    }
}
