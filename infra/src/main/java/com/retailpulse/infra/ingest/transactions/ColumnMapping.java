package com.retailpulse.infra.ingest.transactions;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * How the columns of a transaction file (POS/ERP CSV export) map onto invoice lines. A record, so users can
 * send their own as JSON (Jackson binds records by component name).
 *
 * <p>{@code invoice}, {@code sku}, {@code quantity}, {@code invoiceDate} and {@code unitPrice} name required
 * columns; {@code description}, {@code customerId} and {@code country} may be null when the file has no such
 * column. {@code dateFormat} is a {@link DateTimeFormatter} pattern (date-only patterns mean start of day; a
 * pattern with a zone or offset overrides {@code timeZone}); dates are resolved strictly (no 30 February).
 * {@code cancellationPrefix} marks cancellation invoice numbers; null or empty means the file has none.
 */
public record ColumnMapping(
        String invoice, String sku, String description, String quantity, String invoiceDate, String unitPrice,
        String customerId, String country,
        String dateFormat, String timeZone, String currency, String cancellationPrefix) {

    /** UCI 352 "Online Retail" (2010-12 .. 2011-12), as in {@code online_retail_2010_2011.csv.gz}. */
    public static final ColumnMapping ONLINE_RETAIL = new ColumnMapping(
            "InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country",
            "yyyy-MM-dd HH:mm:ss", "Europe/London", "GBP", "C");

    /** UCI 502 "Online Retail II" (2009-12 .. 2011-12), as in {@code online_retail_ii_2009_2010.csv.gz}. */
    public static final ColumnMapping ONLINE_RETAIL_II = new ColumnMapping(
            "Invoice", "StockCode", "Description", "Quantity", "InvoiceDate", "Price", "Customer ID", "Country",
            "yyyy-MM-dd HH:mm:ss", "Europe/London", "GBP", "C");

    /** The presets {@link #detect} knows, by name, in the order they are tried. */
    public static final Map<String, ColumnMapping> PRESETS;

    static {
        Map<String, ColumnMapping> presets = new LinkedHashMap<>();
        presets.put("online-retail", ONLINE_RETAIL);
        presets.put("online-retail-ii", ONLINE_RETAIL_II);
        PRESETS = java.util.Collections.unmodifiableMap(presets);
    }

    public ColumnMapping {
        requireText("invoice", invoice);
        requireText("sku", sku);
        requireText("quantity", quantity);
        requireText("invoiceDate", invoiceDate);
        requireText("unitPrice", unitPrice);
        requireText("dateFormat", dateFormat);
        requireText("timeZone", timeZone);
        requireText("currency", currency);
        cancellationPrefix = cancellationPrefix == null ? "" : cancellationPrefix;
        try {
            ZoneId.of(timeZone);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("timeZone '" + timeZone + "' is not a valid zone id", e);
        }
        try {
            Currency.getInstance(currency);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("currency '" + currency + "' is not an ISO 4217 code", e);
        }
        formatterFor(dateFormat);
    }

    /** The first preset whose columns all appear in {@code header} (names trimmed, case-insensitive). */
    public static Optional<ColumnMapping> detect(List<String> header) {
        return PRESETS.values().stream().filter(preset -> preset.matches(header)).findFirst();
    }

    /** True when every column this mapping names is in {@code header}. */
    public boolean matches(List<String> header) {
        return columns().allMatch(column -> indexIn(header, column) >= 0);
    }

    /** The columns this mapping names (the optional ones only when set). */
    public Stream<String> columns() {
        return Stream.of(invoice, sku, description, quantity, invoiceDate, unitPrice, customerId, country)
                .filter(Objects::nonNull);
    }

    ZoneId zoneId() {
        return ZoneId.of(timeZone);
    }

    DateTimeFormatter formatter() {
        return formatterFor(dateFormat);
    }

    /** Index of {@code column} in {@code header} (trimmed, case-insensitive, BOM ignored), or -1. */
    static int indexIn(List<String> header, String column) {
        if (column == null) {
            return -1;
        }
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i);
            if (name != null && stripBom(name).trim().equalsIgnoreCase(column.trim())) {
                return i;
            }
        }
        return -1;
    }

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    private static DateTimeFormatter formatterFor(String pattern) {
        try {
            // ERA defaults to CE so "yyyy" patterns resolve under STRICT (which rejects 2011-02-30).
            return new DateTimeFormatterBuilder().appendPattern(pattern)
                    .parseDefaulting(ChronoField.ERA, 1)
                    .toFormatter(Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("dateFormat '" + pattern + "' is not a valid DateTimeFormatter pattern", e);
        }
    }

    private static void requireText(String component, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("column mapping: '" + component + "' is required");
        }
    }
}
