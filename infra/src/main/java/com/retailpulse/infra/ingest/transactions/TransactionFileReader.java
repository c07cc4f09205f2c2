package com.retailpulse.infra.ingest.transactions;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/**
 * Reads a POS/ERP transaction file (CSV, plain or gzip, UTF-8) into {@link Invoice}s through a {@link ColumnMapping}.
 *
 * <p>Two passes, so memory holds the open invoices and a count per invoice number, never the file: pass 1 counts
 * the rows of each invoice number; pass 2 parses and validates rows and hands each invoice on as soon as its last
 * row has been seen (rows of an invoice need not be contiguous). The emission order is that of each invoice's last
 * row, so the same file always gives the same order. A bad row becomes a {@link RowRejection} and never stops the
 * import. Gzip is detected by its magic bytes, not by the file name. Thread-safe: it holds no state.
 */
public class TransactionFileReader {

    /** Receives the outcome of a read, in file order. */
    public interface Listener {
        void onInvoice(Invoice invoice);

        default void onRejection(RowRejection rejection) {
        }

        /** Called every {@value #PROGRESS_EVERY} rows and once at the end; {@code totalRows} comes from pass 1. */
        default void onProgress(long rowsRead, long totalRows) {
        }
    }

    static final int PROGRESS_EVERY = 1024;
    private static final char REPLACEMENT = '\uFFFD';
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setIgnoreEmptyLines(false)   // blank lines are skipped here, so record line numbers stay exact
            .setLenientEof(true)          // an unclosed quote at the end becomes a (rejected) short record
            .setTrailingData(true)        // "a"b is read as ab instead of failing the whole file
            .get();

    /** Convenience form of {@link #read(Path, Optional, Clock, Listener)}; {@code onRowRead} gets rows read so far. */
    public ReadSummary read(Path file, Optional<ColumnMapping> mapping, Clock clock, Consumer<Invoice> onInvoice,
                            Consumer<RowRejection> onReject, LongConsumer onRowRead) {
        return read(file, mapping, clock, new Listener() {
            @Override
            public void onInvoice(Invoice invoice) {
                onInvoice.accept(invoice);
            }

            @Override
            public void onRejection(RowRejection rejection) {
                onReject.accept(rejection);
            }

            @Override
            public void onProgress(long rowsRead, long totalRows) {
                onRowRead.accept(rowsRead);
            }
        });
    }

    /**
     * Reads {@code file}. With an empty {@code mapping} the mapping is detected from the header.
     * Dates after {@code clock.instant()} are rejected as in the future.
     *
     * @throws IllegalArgumentException when no mapping fits the header (the message names the header and the
     *                                  known presets) or a mapped column is missing
     * @throws UncheckedIOException     when the file cannot be read
     */
    public ReadSummary read(Path file, Optional<ColumnMapping> mapping, Clock clock, Listener listener) {
        long started = System.nanoTime();
        String fileName = String.valueOf(file.getFileName());
        boolean gzip = isGzip(file);
        Columns columns;
        Map<String, int[]> remaining = new HashMap<>();
        long totalRows = 0;

        // Pass 1: resolve the mapping, count rows per invoice number.
        try (CSVParser parser = open(file, gzip)) {
            Iterator<CSVRecord> records = parser.iterator();
            List<String> header = records.hasNext() ? records.next().toList() : List.of();
            columns = Columns.resolve(header, mapping, fileName);
            while (records.hasNext()) {
                CSVRecord record = records.next();
                if (isBlank(record)) {
                    continue;
                }
                totalRows++;
                String key = columns.invoiceKey(record);
                if (key != null) {
                    remaining.computeIfAbsent(key, k -> new int[1])[0]++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        long invoicesRead = remaining.size();

        // Pass 2: validate rows, accumulate open invoices, emit each when its last row has been seen.
        ColumnMapping m = columns.mapping;
        Dates dates = new Dates(m.formatter(), m.zoneId());
        Instant now = clock.instant();
        Map<String, OpenInvoice> open = new HashMap<>();
        Map<RowRejection.Kind, Long> byKind = new EnumMap<>(RowRejection.Kind.class);
        long rowsRead = 0, rejected = 0, emitted = 0, allRejected = 0;
        try (CSVParser parser = open(file, gzip)) {
            Iterator<CSVRecord> records = parser.iterator();
            if (records.hasNext()) {
                records.next(); // header
            }
            while (true) {
                long line = parser.getCurrentLineNumber() + 1; // physical line where the next record starts
                if (!records.hasNext()) {
                    break;
                }
                CSVRecord record = records.next();
                if (isBlank(record)) {
                    continue;
                }
                rowsRead++;
                String key = columns.invoiceKey(record);
                Row row = new Row(fileName, line, key);
                TransactionRow accepted = parse(record, columns, dates, now, row);
                OpenInvoice invoice = null;
                if (key != null) {
                    int[] left = remaining.get(key);
                    if (left == null || left[0] <= 0) {
                        throw new IllegalStateException(file + " changed between the two passes (invoice " + key + ")");
                    }
                    left[0]--;
                    invoice = open.computeIfAbsent(key, k -> new OpenInvoice());
                }
                if (accepted == null) {
                    rejected++;
                    byKind.merge(row.rejection.kind(), 1L, Long::sum);
                    listener.onRejection(row.rejection);
                    if (invoice != null) {
                        invoice.rejectedRows++;
                    }
                } else {
                    invoice.add(accepted, row, record, columns);
                }
                if (invoice != null && remaining.get(key)[0] == 0) {
                    remaining.remove(key);
                    open.remove(key);
                    if (invoice.lines.isEmpty()) {
                        allRejected++;
                    } else {
                        emitted++;
                        listener.onInvoice(invoice.toInvoice(key, m));
                    }
                }
                if (rowsRead % PROGRESS_EVERY == 0) {
                    listener.onProgress(rowsRead, totalRows);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (rowsRead != totalRows || !open.isEmpty()) {
            throw new IllegalStateException(file + " changed between the two passes");
        }
        listener.onProgress(rowsRead, totalRows);
        return new ReadSummary(fileName, columns.name, gzip, rowsRead, rowsRead - rejected, rejected,
                invoicesRead, emitted, allRejected, byKind, Duration.ofNanos(System.nanoTime() - started));
    }

    /** Validates one record: the accepted line, or null with {@code row.rejection} set. */
    private static TransactionRow parse(CSVRecord record, Columns c, Dates dates, Instant now, Row row) {
        if (record.size() != c.width) {
            return row.reject(RowRejection.Kind.WRONG_COLUMN_COUNT,
                    "expected " + c.width + " columns but found " + record.size() + " (broken CSV line)");
        }
        for (int i = 0; i < record.size(); i++) {
            if (record.get(i).indexOf(REPLACEMENT) >= 0) {
                return row.reject(RowRejection.Kind.INVALID_UTF8,
                        "column '" + c.header.get(i) + "' is not valid UTF-8: '" + record.get(i) + "'");
            }
        }
        if (row.invoice == null) {
            return row.reject(RowRejection.Kind.MISSING_INVOICE, "missing invoice number (column '" + c.mapping.invoice() + "')");
        }
        String sku = record.get(c.sku).trim();
        if (sku.isEmpty()) {
            return row.reject(RowRejection.Kind.MISSING_SKU, "missing stock code (column '" + c.mapping.sku() + "')");
        }
        String quantityText = record.get(c.quantity).trim();
        int quantity;
        try {
            quantity = Integer.parseInt(quantityText);
        } catch (NumberFormatException e) {
            return row.reject(RowRejection.Kind.QUANTITY_NOT_INTEGER,
                    c.mapping.quantity() + " '" + quantityText + "' is not an integer");
        }
        if (quantity == 0) {
            return row.reject(RowRejection.Kind.QUANTITY_ZERO, c.mapping.quantity() + " '" + quantityText + "' is zero");
        }
        String priceText = record.get(c.unitPrice).trim();
        BigDecimal price;
        try {
            price = new BigDecimal(priceText);
        } catch (NumberFormatException e) {
            return row.reject(RowRejection.Kind.PRICE_NOT_DECIMAL,
                    c.mapping.unitPrice() + " '" + priceText + "' is not a decimal number");
        }
        if (price.signum() < 0) {
            return row.reject(RowRejection.Kind.NEGATIVE_PRICE, c.mapping.unitPrice() + " '" + priceText + "' is negative");
        }
        String dateText = record.get(c.invoiceDate).trim();
        Instant placedAt = dates.parse(dateText);
        if (placedAt == null) {
            return row.reject(RowRejection.Kind.DATE_UNPARSEABLE,
                    c.mapping.invoiceDate() + " '" + dateText + "' does not match '" + c.mapping.dateFormat() + "'");
        }
        if (placedAt.isAfter(now)) {
            return row.reject(RowRejection.Kind.DATE_IN_FUTURE,
                    c.mapping.invoiceDate() + " '" + dateText + "' is in the future (now is " + now + ")");
        }
        row.placedAt = placedAt;
        return new TransactionRow(sku, blankToNull(c.get(record, c.description)), quantity, price, row.line);
    }

    private static CSVParser open(Path file, boolean gzip) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            if (gzip) {
                in = new GZIPInputStream(in, 1 << 16);
            }
            // REPLACE, not REPORT: one bad byte turns into U+FFFD and rejects one record, not the file.
            CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE);
            Reader reader = new InputStreamReader(in, utf8);
            return FORMAT.parse(reader);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** Gzip magic bytes 0x1f 0x8b. */
    static boolean isGzip(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(2);
            return magic.length == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static boolean isBlank(CSVRecord record) {
        return record.size() == 1 && record.get(0).isBlank();
    }

    private static String blankToNull(String s) {
        if (s == null) {
            return null;
        }
        String t = s.trim();
        return t.isEmpty() ? null : t;
    }

    /** {@code 17850.0} and {@code 17850} are the same customer; blank is anonymous. */
    static String normaliseCustomerId(String raw) {
        String id = blankToNull(raw);
        if (id == null) {
            return null;
        }
        int dot = id.indexOf('.');
        if (dot > 0 && id.substring(0, dot).chars().allMatch(Character::isDigit)
                && id.substring(dot + 1).chars().allMatch(ch -> ch == '0')) {
            return id.substring(0, dot);
        }
        return id;
    }

    /** The mapping bound to the header: column indexes. */
    private static final class Columns {
        final ColumnMapping mapping;
        final String name;
        final List<String> header;
        final int width, invoice, sku, description, quantity, invoiceDate, unitPrice, customerId, country;

        private Columns(ColumnMapping mapping, String name, List<String> header) {
            this.mapping = mapping;
            this.name = name;
            this.header = header;
            this.width = header.size();
            this.invoice = ColumnMapping.indexIn(header, mapping.invoice());
            this.sku = ColumnMapping.indexIn(header, mapping.sku());
            this.description = ColumnMapping.indexIn(header, mapping.description());
            this.quantity = ColumnMapping.indexIn(header, mapping.quantity());
            this.invoiceDate = ColumnMapping.indexIn(header, mapping.invoiceDate());
            this.unitPrice = ColumnMapping.indexIn(header, mapping.unitPrice());
            this.customerId = ColumnMapping.indexIn(header, mapping.customerId());
            this.country = ColumnMapping.indexIn(header, mapping.country());
        }

        static Columns resolve(List<String> header, Optional<ColumnMapping> given, String fileName) {
            if (given.isPresent()) {
                ColumnMapping mapping = given.get();
                List<String> missing = mapping.columns().filter(col -> ColumnMapping.indexIn(header, col) < 0).toList();
                if (!missing.isEmpty()) {
                    throw new IllegalArgumentException(fileName + ": the column mapping names columns " + missing
                            + " that are not in the header " + header);
                }
                String name = ColumnMapping.PRESETS.entrySet().stream().filter(e -> e.getValue().equals(mapping))
                        .map(Map.Entry::getKey).findFirst().orElse("custom");
                return new Columns(mapping, name, header);
            }
            for (Map.Entry<String, ColumnMapping> preset : ColumnMapping.PRESETS.entrySet()) {
                if (preset.getValue().matches(header)) {
                    return new Columns(preset.getValue(), preset.getKey(), header);
                }
            }
            String known = ColumnMapping.PRESETS.entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue().columns().toList())
                    .collect(Collectors.joining("; "));
            throw new IllegalArgumentException(fileName + ": no column mapping given and the header " + header
                    + " matches no known preset (" + known + "); send a ColumnMapping");
        }

        /** The invoice number a record belongs to, or null when unknown (same answer in both passes). */
        String invoiceKey(CSVRecord record) {
            String value = blankToNull(get(record, invoice));
            return value == null || value.indexOf(REPLACEMENT) >= 0 ? null : value;
        }

        String get(CSVRecord record, int index) {
            return index >= 0 && index < record.size() ? record.get(index) : null;
        }
    }

    /**
     * Date text to instant: a zone or offset in the text wins, else the mapping's zone; a date alone means start of
     * day. Remembers the last text (rows of an invoice share it) and parses without exceptions on the happy path.
     */
    private static final class Dates {
        final DateTimeFormatter formatter;
        final ZoneId zone;
        String lastText;
        Instant lastInstant;

        Dates(DateTimeFormatter formatter, ZoneId zone) {
            this.formatter = formatter;
            this.zone = zone;
        }

        /** The instant, or null when the text does not parse. */
        Instant parse(String text) {
            if (text.equals(lastText)) {
                return lastInstant;
            }
            Instant instant;
            try {
                TemporalAccessor parsed = formatter.parse(text);
                LocalDate date = parsed.query(TemporalQueries.localDate());
                LocalTime time = parsed.query(TemporalQueries.localTime());
                ZoneId inText = parsed.query(TemporalQueries.zone());
                instant = date == null ? null
                        : ZonedDateTime.of(date, time == null ? LocalTime.MIDNIGHT : time, inText == null ? zone : inText)
                        .toInstant();
            } catch (DateTimeException e) {
                instant = null;
            }
            lastText = text;
            lastInstant = instant;
            return instant;
        }
    }

    /** Per-record scratch: where it is, and why it was rejected. */
    private static final class Row {
        final String fileName;
        final long line;
        final String invoice;
        RowRejection rejection;
        Instant placedAt;

        Row(String fileName, long line, String invoice) {
            this.fileName = fileName;
            this.line = line;
            this.invoice = invoice;
        }

        TransactionRow reject(RowRejection.Kind kind, String reason) {
            rejection = new RowRejection(fileName, line, invoice, kind, reason);
            return null;
        }
    }

    /** An invoice whose rows have not all been seen yet. */
    private static final class OpenInvoice {
        final List<TransactionRow> lines = new ArrayList<>();
        int rejectedRows;
        Instant placedAt;
        String customerId;
        String country;

        void add(TransactionRow line, Row row, CSVRecord record, Columns c) {
            if (lines.isEmpty()) {
                placedAt = row.placedAt;
                customerId = normaliseCustomerId(c.get(record, c.customerId));
                country = blankToNull(c.get(record, c.country));
            }
            lines.add(line);
        }

        Invoice toInvoice(String number, ColumnMapping m) {
            String prefix = m.cancellationPrefix();
            boolean cancellation = !prefix.isEmpty() && number.startsWith(prefix);
            return new Invoice(number, cancellation, placedAt, customerId, country, m.currency(), lines, rejectedRows);
        }
    }
}
