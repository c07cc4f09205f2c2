package com.retailpulse.intelligence.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the CDNOW purchase files of Fader &amp; Hardie into {@link Purchase}s, one per line. The master file
 * has four whitespace-separated columns (customer, yyyymmdd, CDs, dollars); the sample file puts the
 * master id first and its own id (1..2357) second, and the published sample fits name customers by the
 * latter. A line has no order id or product, so each line is its own order of one "CD" product whose
 * unit price is the line's dollars spread over its CDs.
 */
public final class CdnowText {
    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private CdnowText() {
    }

    public static List<Purchase> read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            return read(reader);
        }
    }

    public static List<Purchase> read(Reader source) throws IOException {
        List<Purchase> purchases = new ArrayList<>();
        BufferedReader reader = new BufferedReader(source);
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            String[] columns = line.trim().split("\\s+");
            if (columns.length == 1 && columns[0].isEmpty()) {
                continue;
            }
            if (columns.length != 4 && columns.length != 5) {
                throw new IllegalArgumentException("CDNOW line " + number + " has " + columns.length
                        + " columns, expected 4 (master) or 5 (sample): " + line);
            }
            int first = columns.length - 4;
            String customer = columns[first].replaceFirst("^0+(?=.)", "");
            LocalDate day = LocalDate.parse(columns[first + 1], DATE);
            int cds = Integer.parseInt(columns[first + 2]);
            double dollars = Double.parseDouble(columns[first + 3]);
            // A zero-CD line still carries its dollars: keep it as one unit so amount() returns them.
            int quantity = cds == 0 ? 1 : cds;
            purchases.add(new Purchase(customer, customer + "/" + number, day.atStartOfDay().toInstant(ZoneOffset.UTC),
                    "CD", quantity, dollars / quantity));
        }
        return purchases;
    }
}
