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
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads the UCI Online Retail export (2010–2011 layout: InvoiceNo, StockCode, Description, Quantity,
 * InvoiceDate, UnitPrice, CustomerID, Country; or the II layout: Invoice, Price, "Customer ID") into
 * {@link Purchase}s, the way the platform's import records them: lines without a customer, with a
 * negative price or a zero quantity are not purchases of a known customer and are left out; times are
 * taken as UTC (the shop is in the UK and the file has no zone).
 */
public final class OnlineRetailCsv {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss]");

    private OnlineRetailCsv() {
    }

    public static List<Purchase> read(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
             Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return read(reader);
        }
    }

    public static List<Purchase> read(Reader reader) throws IOException {
        List<Purchase> purchases = new ArrayList<>();
        var records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader);
        boolean second = records.getHeaderMap().containsKey("Invoice");
        String invoice = second ? "Invoice" : "InvoiceNo";
        String price = second ? "Price" : "UnitPrice";
        String customer = second ? "Customer ID" : "CustomerID";
        for (CSVRecord record : records) {
            String customerId = record.get(customer).trim();
            if (customerId.isEmpty()) {
                continue;
            }
            if (customerId.endsWith(".0")) {
                customerId = customerId.substring(0, customerId.length() - 2);
            }
            double unitPrice = Double.parseDouble(record.get(price));
            int quantity = Integer.parseInt(record.get("Quantity"));
            if (unitPrice < 0 || quantity == 0) {
                continue;
            }
            LocalDateTime at = LocalDateTime.parse(record.get("InvoiceDate").trim(), TIME);
            purchases.add(new Purchase(customerId, record.get(invoice), at.toInstant(ZoneOffset.UTC),
                    record.get("StockCode").trim(), quantity, unitPrice));
        }
        return purchases;
    }
}
