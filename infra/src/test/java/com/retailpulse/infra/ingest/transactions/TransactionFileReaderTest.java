package com.retailpulse.infra.ingest.transactions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class TransactionFileReaderTest {

    /** Fixed "now", so "date in the future" is stable. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T00:00:00Z"), ZoneOffset.UTC);
    static final String OR_HEADER = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n";
    static final String OR2_HEADER = "Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country\n";

    final TransactionFileReader reader = new TransactionFileReader();

    /** Collects everything a read produced. */
    static final class Result {
        final List<Invoice> invoices = new ArrayList<>();
        final List<RowRejection> rejections = new ArrayList<>();
        final List<Long> progress = new ArrayList<>();
        ReadSummary summary;

        Invoice invoice(String number) {
            return invoices.stream().filter(i -> i.invoiceNumber().equals(number)).findFirst().orElseThrow();
        }

        List<String> numbers() {
            return invoices.stream().map(Invoice::invoiceNumber).toList();
        }
    }

    Result read(Path file, Optional<ColumnMapping> mapping) {
        Result r = new Result();
        r.summary = reader.read(file, mapping, CLOCK, r.invoices::add, r.rejections::add, r.progress::add);
        return r;
    }

    static Path write(Path dir, String name, byte[] bytes, boolean gzip) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(bytes);
        }
        return file;
    }

    static Path write(Path dir, String name, String text) throws IOException {
        return write(dir, name, text.getBytes(StandardCharsets.UTF_8), false);
    }

    @Nested
    class SmallFiles {

        @TempDir
        Path dir;

        @Test
        void detectsOnlineRetailAndReadsItsFields() throws IOException {
            Path file = write(dir, "or.csv", OR_HEADER
                    + "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850,United Kingdom\n"
                    + "536365,71053, WHITE METAL LANTERN ,6,2010-12-01 08:26:00,3.39,17850.0,United Kingdom\n"
                    + "C536379,D,Discount,-1,2010-12-01 09:41:00,27.50,14527.0,United Kingdom\n"
                    + "536414,22139,,56,2010-12-01 11:52:00,0,,United Kingdom\n");

            Result r = read(file, Optional.empty());

            assertThat(r.summary.mapping()).isEqualTo("online-retail");
            assertThat(r.summary.gzip()).isFalse();
            assertThat(r.numbers()).containsExactly("536365", "C536379", "536414");
            Invoice first = r.invoice("536365");
            assertThat(first.cancellation()).isFalse();
            assertThat(first.placedAt()).isEqualTo(Instant.parse("2010-12-01T08:26:00Z")); // GMT in December
            assertThat(first.customerId()).isEqualTo("17850");
            assertThat(first.country()).isEqualTo("United Kingdom");
            assertThat(first.currency()).isEqualTo("GBP");
            assertThat(first.rejectedRows()).isZero();
            assertThat(first.lines()).containsExactly(
                    new TransactionRow("85123A", "WHITE HANGING HEART T-LIGHT HOLDER", 6, new BigDecimal("2.55"), 2),
                    new TransactionRow("71053", "WHITE METAL LANTERN", 6, new BigDecimal("3.39"), 3));
            Invoice cancel = r.invoice("C536379");
            assertThat(cancel.cancellation()).isTrue();
            assertThat(cancel.customerId()).isEqualTo("14527");
            assertThat(cancel.lines().get(0).quantity()).isEqualTo(-1);
            Invoice anonymous = r.invoice("536414");
            assertThat(anonymous.customerId()).isNull();
            assertThat(anonymous.anonymous()).isTrue();
            assertThat(anonymous.lines().get(0).description()).isNull();
            assertThat(anonymous.lines().get(0).unitPrice()).isEqualByComparingTo(BigDecimal.ZERO);
            assertThat(r.rejections).isEmpty();
            assertThat(r.summary).extracting(ReadSummary::rowsRead, ReadSummary::rowsAccepted, ReadSummary::rowsRejected,
                            ReadSummary::invoicesRead, ReadSummary::invoicesEmitted, ReadSummary::invoicesAllRejected)
                    .containsExactly(4L, 4L, 0L, 3L, 3L, 0L);
            assertThat(r.progress).last().isEqualTo(4L);
        }

        @Test
        void detectsOnlineRetailIiAndSummerTime() throws IOException {
            Path file = write(dir, "or2.csv", OR2_HEADER
                    + "489434,85048,15CM CHRISTMAS GLASS BALL 20 LIGHTS,12,2010-07-01 07:45:00,6.95,13085.0,United Kingdom\n"
                    + "489434,22041,\"RECORD FRAME 7\"\" SINGLE SIZE \",48,2010-07-01 07:45:00,2.1,13085.0,United Kingdom\n");

            Result r = read(file, Optional.empty());

            assertThat(r.summary.mapping()).isEqualTo("online-retail-ii");
            Invoice invoice = r.invoice("489434");
            assertThat(invoice.placedAt()).isEqualTo(Instant.parse("2010-07-01T06:45:00Z")); // BST = UTC+1
            assertThat(invoice.customerId()).isEqualTo("13085");
            assertThat(invoice.lines()).extracting(TransactionRow::description)
                    .containsExactly("15CM CHRISTMAS GLASS BALL 20 LIGHTS", "RECORD FRAME 7\" SINGLE SIZE");
        }

        @Test
        void detectIsByHeader() {
            assertThat(ColumnMapping.detect(List.of(OR_HEADER.trim().split(",")))).contains(ColumnMapping.ONLINE_RETAIL);
            assertThat(ColumnMapping.detect(List.of(OR2_HEADER.trim().split(",")))).contains(ColumnMapping.ONLINE_RETAIL_II);
            assertThat(ColumnMapping.detect(List.of("a", "b"))).isEmpty();
        }

        @Test
        void gzipIsDetectedByMagicBytesNotByName() throws IOException {
            String csv = OR_HEADER
                    + "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850,United Kingdom\n"
                    + "536366,22633,HAND WARMER UNION JACK,6,2010-12-01 08:28:00,1.85,17850,United Kingdom\n";
            byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
            Path gzipNamedCsv = write(dir, "really-gzip.csv", bytes, true);
            Path plainNamedGz = write(dir, "really-plain.csv.gz", bytes, false);

            Result gz = read(gzipNamedCsv, Optional.empty());
            Result plain = read(plainNamedGz, Optional.empty());

            assertThat(gz.summary.gzip()).isTrue();
            assertThat(plain.summary.gzip()).isFalse();
            assertThat(gz.invoices).hasSize(2).isEqualTo(plain.invoices);
        }

        @Test
        void nonContiguousInvoiceIsEmittedOnceWithAllItsLinesWhenItsLastRowIsSeen() throws IOException {
            Path file = write(dir, "split.csv", OR_HEADER
                    + "1,A,a,1,2010-12-01 08:00:00,1.0,1,UK\n"
                    + "2,B,b,1,2010-12-01 08:01:00,1.0,2,UK\n"
                    + "1,C,c,2,2010-12-01 08:00:00,1.0,1,UK\n"
                    + "3,D,d,1,2010-12-01 08:02:00,1.0,3,UK\n"
                    + "2,E,e,1,2010-12-01 08:01:00,1.0,2,UK\n"
                    + "1,F,f,3,2010-12-01 08:00:00,1.0,1,UK\n");

            Result r = read(file, Optional.empty());
            Result again = read(file, Optional.empty());

            // Order of each invoice's last row: 3 (line 5), 2 (line 6), 1 (line 7); same file, same order.
            assertThat(r.numbers()).containsExactly("3", "2", "1");
            assertThat(again.invoices).isEqualTo(r.invoices);
            assertThat(r.invoice("1").lines()).extracting(TransactionRow::sku, TransactionRow::lineNumber)
                    .containsExactly(tuple("A", 2L), tuple("C", 4L), tuple("F", 7L));
            assertThat(r.invoice("2").lines()).extracting(TransactionRow::sku).containsExactly("B", "E");
        }

        @Test
        void everyRejectionReasonNamesLineFieldAndValueAndKeepsTheValidRows() throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            String text = OR_HEADER
                    + "100,OK1,\"multi\nline description\",1,2010-12-01 08:00:00,1.00,1,UK\n"   // lines 2-3, valid
                    + ",SKU,no invoice,1,2010-12-01 08:00:00,1.00,1,UK\n"                   // 4
                    + "100,,no sku,1,2010-12-01 08:00:00,1.00,1,UK\n"                       // 5
                    + "100,SKU,q,1.5,2010-12-01 08:00:00,1.00,1,UK\n"                       // 6
                    + "100,SKU,q,0,2010-12-01 08:00:00,1.00,1,UK\n"                         // 7
                    + "100,SKU,p,1,2010-12-01 08:00:00,abc,1,UK\n"                          // 8
                    + "100,SKU,p,1,2010-12-01 08:00:00,-11062.06,1,UK\n"                    // 9
                    + "100,SKU,d,1,01/12/2010 08:00,1.00,1,UK\n"                            // 10
                    + "100,SKU,d,1,2010-02-30 08:00:00,1.00,1,UK\n"                         // 11
                    + "100,SKU,d,1,2027-01-01 00:00:00,1.00,1,UK\n"                         // 12
                    + "100,SKU,broken, unquoted comma,1,2010-12-01 08:00:00,1.00,1,UK\n"    // 13
                    + "100,SKU,short\n"                                                      // 14
                    + "\n"                                                                   // 15, blank: skipped
                    + "100,SKU,caf";
            bytes.write(text.getBytes(StandardCharsets.UTF_8));
            bytes.write(0xE9); // Latin-1 'é': not valid UTF-8
            bytes.write(",1,2010-12-01 08:00:00,1.00,1,UK\n".getBytes(StandardCharsets.UTF_8)); // 16
            bytes.write("200,RET,return on a normal invoice,-3,2010-12-01 09:00:00,1.00,2,UK\n".getBytes(StandardCharsets.UTF_8)); // 17
            bytes.write("100,OK2,last valid,2,2010-12-01 08:00:00,1.00,1,UK\n".getBytes(StandardCharsets.UTF_8)); // 18
            bytes.write("300,X,all bad,0,2010-12-01 08:00:00,1.00,3,UK".getBytes(StandardCharsets.UTF_8)); // 19, no EOL
            Path file = write(dir, "bad.csv", bytes.toByteArray(), false);

            Result r = read(file, Optional.empty());

            assertThat(r.rejections).extracting(RowRejection::lineNumber, RowRejection::invoiceNumber, RowRejection::kind)
                    .containsExactly(
                            tuple(4L, null, RowRejection.Kind.MISSING_INVOICE),
                            tuple(5L, "100", RowRejection.Kind.MISSING_SKU),
                            tuple(6L, "100", RowRejection.Kind.QUANTITY_NOT_INTEGER),
                            tuple(7L, "100", RowRejection.Kind.QUANTITY_ZERO),
                            tuple(8L, "100", RowRejection.Kind.PRICE_NOT_DECIMAL),
                            tuple(9L, "100", RowRejection.Kind.NEGATIVE_PRICE),
                            tuple(10L, "100", RowRejection.Kind.DATE_UNPARSEABLE),
                            tuple(11L, "100", RowRejection.Kind.DATE_UNPARSEABLE),
                            tuple(12L, "100", RowRejection.Kind.DATE_IN_FUTURE),
                            tuple(13L, "100", RowRejection.Kind.WRONG_COLUMN_COUNT),
                            tuple(14L, "100", RowRejection.Kind.WRONG_COLUMN_COUNT),
                            tuple(16L, "100", RowRejection.Kind.INVALID_UTF8),
                            tuple(19L, "300", RowRejection.Kind.QUANTITY_ZERO));
            assertThat(r.rejections).extracting(RowRejection::reason).containsExactly(
                    "missing invoice number (column 'InvoiceNo')",
                    "missing stock code (column 'StockCode')",
                    "Quantity '1.5' is not an integer",
                    "Quantity '0' is zero",
                    "UnitPrice 'abc' is not a decimal number",
                    "UnitPrice '-11062.06' is negative",
                    "InvoiceDate '01/12/2010 08:00' does not match 'yyyy-MM-dd HH:mm:ss'",
                    "InvoiceDate '2010-02-30 08:00:00' does not match 'yyyy-MM-dd HH:mm:ss'",
                    "InvoiceDate '2027-01-01 00:00:00' is in the future (now is 2026-11-24T00:00:00Z)",
                    "expected 8 columns but found 9 (broken CSV line)",
                    "expected 8 columns but found 3 (broken CSV line)",
                    "column 'Description' is not valid UTF-8: 'caf\uFFFD'",
                    "Quantity '0' is zero");
            assertThat(r.rejections).allSatisfy(rej -> assertThat(rej.fileName()).isEqualTo("bad.csv"));
            assertThat(r.rejections.get(1).toString()).isEqualTo("bad.csv:5 (invoice 100): missing stock code (column 'StockCode')");

            // The valid rows around the bad ones survive; a negative quantity on a non-"C" invoice is valid.
            assertThat(r.numbers()).containsExactly("200", "100");
            Invoice hundred = r.invoice("100");
            assertThat(hundred.lines()).extracting(TransactionRow::sku, TransactionRow::description, TransactionRow::lineNumber)
                    .containsExactly(tuple("OK1", "multi\nline description", 2L), tuple("OK2", "last valid", 18L));
            assertThat(hundred.rejectedRows()).isEqualTo(11);
            Invoice ret = r.invoice("200");
            assertThat(ret.cancellation()).isFalse();
            assertThat(ret.lines().get(0).quantity()).isEqualTo(-3);

            // Invoice 300 had only rejected rows: not emitted, but counted.
            assertThat(r.summary).extracting(ReadSummary::rowsRead, ReadSummary::rowsAccepted, ReadSummary::rowsRejected,
                            ReadSummary::invoicesRead, ReadSummary::invoicesEmitted, ReadSummary::invoicesAllRejected)
                    .containsExactly(16L, 3L, 13L, 3L, 2L, 1L);
            assertThat(r.summary.rejectionsByKind())
                    .containsEntry(RowRejection.Kind.DATE_UNPARSEABLE, 2L)
                    .containsEntry(RowRejection.Kind.WRONG_COLUMN_COUNT, 2L)
                    .containsEntry(RowRejection.Kind.QUANTITY_ZERO, 2L)
                    .containsEntry(RowRejection.Kind.INVALID_UTF8, 1L);
        }

        @Test
        void customJsonMappingWithOtherColumnsAndDayFirstDates() throws Exception {
            String json = """
                    {"invoice": "receipt_no", "sku": "item", "description": null, "quantity": "qty",
                     "invoiceDate": "sold_at", "unitPrice": "price_eur", "customerId": "loyalty_card",
                     "country": null, "dateFormat": "dd/MM/yyyy HH:mm", "timeZone": "Europe/Paris",
                     "currency": "EUR", "cancellationPrefix": "R-"}
                    """;
            ColumnMapping mapping = new ObjectMapper().readValue(json, ColumnMapping.class);
            Path file = write(dir, "pos.csv", "store,sold_at,receipt_no,item,qty,price_eur,loyalty_card\n"
                    + "Lyon,24/12/2024 17:05,T-1,SKU-9,2,4.50,C-77\n"
                    + "Lyon,24/12/2024 17:05,T-1,SKU-3,1,10,C-77\n"
                    + "Lyon,2024-12-24 17:06,T-2,SKU-3,1,10,\n"
                    + "Lyon,27/12/2024 09:00,R-T-1,SKU-9,-2,4.50,C-77\n");

            Result r = read(file, Optional.of(mapping));

            assertThat(r.summary.mapping()).isEqualTo("custom");
            assertThat(r.numbers()).containsExactly("T-1", "R-T-1");
            Invoice sale = r.invoice("T-1");
            assertThat(sale.placedAt()).isEqualTo(Instant.parse("2024-12-24T16:05:00Z"));
            assertThat(sale.currency()).isEqualTo("EUR");
            assertThat(sale.customerId()).isEqualTo("C-77");
            assertThat(sale.country()).isNull();
            assertThat(sale.cancellation()).isFalse();
            assertThat(sale.lines()).extracting(TransactionRow::sku, TransactionRow::quantity, TransactionRow::unitPrice)
                    .containsExactly(tuple("SKU-9", 2, new BigDecimal("4.50")), tuple("SKU-3", 1, new BigDecimal("10")));
            assertThat(r.invoice("R-T-1").cancellation()).isTrue();
            assertThat(r.rejections).singleElement().satisfies(rej -> {
                assertThat(rej.lineNumber()).isEqualTo(4);
                assertThat(rej.reason()).isEqualTo("sold_at '2024-12-24 17:06' does not match 'dd/MM/yyyy HH:mm'");
            });
            assertThat(r.summary.invoicesAllRejected()).isEqualTo(1); // T-2

            // A preset given explicitly is named; JSON round-trips.
            ObjectMapper json2 = new ObjectMapper();
            assertThat(json2.readValue(json2.writeValueAsString(ColumnMapping.ONLINE_RETAIL), ColumnMapping.class))
                    .isEqualTo(ColumnMapping.ONLINE_RETAIL);
        }

        @Test
        void dateOnlyPatternsMeanStartOfDayAndOffsetsInTheTextWin() throws IOException {
            ColumnMapping dayOnly = new ColumnMapping("n", "s", null, "q", "d", "p", null, null,
                    "dd.MM.yyyy", "Europe/Berlin", "EUR", null);
            ColumnMapping withOffset = new ColumnMapping("n", "s", null, "q", "d", "p", null, null,
                    "yyyy-MM-dd'T'HH:mmXXX", "Europe/Berlin", "EUR", null);
            Path day = write(dir, "day.csv", "n,s,q,d,p\n1,A,1,24.12.2024,1\n2,A,1,31.02.2024,1\n");
            Path offset = write(dir, "offset.csv", "n,s,q,d,p\n1,A,1,2024-12-24T17:05+05:00,1\n");

            Result r = read(day, Optional.of(dayOnly));
            assertThat(r.invoice("1").placedAt()).isEqualTo(Instant.parse("2024-12-23T23:00:00Z"));
            assertThat(r.invoice("1").cancellation()).isFalse(); // no prefix given: nothing is a cancellation
            assertThat(r.rejections).extracting(RowRejection::lineNumber, RowRejection::kind)
                    .containsExactly(tuple(3L, RowRejection.Kind.DATE_UNPARSEABLE));
            assertThat(read(offset, Optional.of(withOffset)).invoice("1").placedAt())
                    .isEqualTo(Instant.parse("2024-12-24T12:05:00Z"));
        }

        @Test
        void invalidJsonMappingIsRefusedWithTheReason() {
            String json = """
                    {"invoice": "a", "sku": "b", "quantity": "c", "invoiceDate": "d", "unitPrice": "e",
                     "dateFormat": "yyyy-MM-dd", "timeZone": "Mars/Olympus", "currency": "GBP"}
                    """;
            assertThatThrownBy(() -> new ObjectMapper().readValue(json, ColumnMapping.class))
                    .isInstanceOf(ValueInstantiationException.class)
                    .hasMessageContaining("timeZone 'Mars/Olympus' is not a valid zone id");
        }

        @Test
        void unknownHeaderGivesAClearError() throws IOException {
            Path file = write(dir, "unknown.csv", "order,product,amount\n1,A,2\n");

            assertThatThrownBy(() -> read(file, Optional.empty()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("unknown.csv")
                    .hasMessageContaining("[order, product, amount]")
                    .hasMessageContaining("online-retail [InvoiceNo, StockCode")
                    .hasMessageContaining("online-retail-ii [Invoice, StockCode");
        }

        @Test
        void mappingNamingAbsentColumnsGivesAClearError() throws IOException {
            Path file = write(dir, "or2.csv", OR2_HEADER + "1,A,a,1,2010-12-01 08:00:00,1.0,1,UK\n");

            assertThatThrownBy(() -> read(file, Optional.of(ColumnMapping.ONLINE_RETAIL)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("[InvoiceNo, UnitPrice, CustomerID]");
        }

        @Test
        void customerIdNormalisation() {
            assertThat(TransactionFileReader.normaliseCustomerId("17850.0")).isEqualTo("17850");
            assertThat(TransactionFileReader.normaliseCustomerId(" 17850 ")).isEqualTo("17850");
            assertThat(TransactionFileReader.normaliseCustomerId("17850.5")).isEqualTo("17850.5");
            assertThat(TransactionFileReader.normaliseCustomerId("C-1.0")).isEqualTo("C-1.0");
            assertThat(TransactionFileReader.normaliseCustomerId("")).isNull();
            assertThat(TransactionFileReader.normaliseCustomerId(null)).isNull();
        }
    }

    @Nested
    class RealData {

        static Path onlineRetailDir() {
            String configured = System.getProperty("RETAILPULSE_DATA", System.getenv("RETAILPULSE_DATA"));
            Path data = Path.of(configured != null ? configured : "../../shared/data").toAbsolutePath().normalize();
            Path dir = data.resolve("online-retail");
            if (!Files.isDirectory(dir)) {
                Assumptions.abort("real-data test skipped: " + dir + " is absent "
                        + "(set system property or env RETAILPULSE_DATA to the shared data directory)");
            }
            return dir;
        }

        /** Aggregates without keeping the invoices. */
        static final class Stats {
            final Set<String> numbers = new HashSet<>();
            final Set<String> customers = new HashSet<>();
            final List<RowRejection> rejections = new ArrayList<>();
            ReadSummary summary;
            long withCustomer, cancellationsWithCustomer, lines, invoices;
            Invoice nonContiguous;

            void accept(Invoice invoice) {
                invoices++;
                numbers.add(invoice.invoiceNumber());
                lines += invoice.lines().size();
                if (invoice.customerId() != null) {
                    withCustomer++;
                    customers.add(invoice.customerId());
                    if (invoice.cancellation()) {
                        cancellationsWithCustomer++;
                    }
                }
                if (invoice.invoiceNumber().equals("542806")) {
                    nonContiguous = invoice;
                }
            }
        }

        Stats read(Path file) {
            Stats stats = new Stats();
            ReadSummary summary = reader.read(file, Optional.empty(), CLOCK, stats::accept, stats.rejections::add, n -> { });
            System.out.printf("%s: %s%n  %,d rows in %d ms = %,.0f rows/s (two passes, %s)%n", file.getFileName(), summary,
                    summary.rowsRead(), summary.elapsed().toMillis(), summary.rowsPerSecond(), summary.mapping());
            stats.rejections.forEach(rej -> System.out.println("  rejected " + rej));
            System.out.printf("  invoices %,d, with customer %,d (cancellations %,d), distinct customers %,d%n",
                    stats.invoices, stats.withCustomer, stats.cancellationsWithCustomer, stats.customers.size());
            assertThat(stats.numbers).as("each invoice emitted once").hasSize((int) stats.invoices);
            assertThat(stats.lines).isEqualTo(summary.rowsAccepted());
            stats.summary = summary;
            return stats;
        }

        @Test
        void onlineRetail2010To2011() {
            Stats s = read(onlineRetailDir().resolve("online_retail_2010_2011.csv.gz"));

            assertThat(s.summary.mapping()).isEqualTo("online-retail");
            assertThat(s.summary.rowsRead()).isEqualTo(541_909);
            assertThat(s.summary.invoicesRead()).isEqualTo(25_900);
            assertThat(s.withCustomer).isEqualTo(22_190);
            assertThat(s.cancellationsWithCustomer).isEqualTo(3_654);
            assertThat(s.customers).hasSize(4_372);
            // The only bad rows: two "Adjust bad debt" rows with a negative price, each alone on its "A" invoice.
            assertThat(s.summary.rowsRejected()).isEqualTo(2);
            assertThat(s.rejections).extracting(RowRejection::lineNumber, RowRejection::invoiceNumber, RowRejection::reason)
                    .containsExactly(
                            tuple(299_985L, "A563186", "UnitPrice '-11062.06' is negative"),
                            tuple(299_986L, "A563187", "UnitPrice '-11062.06' is negative"));
            assertThat(s.summary.invoicesAllRejected()).isEqualTo(2);
            assertThat(s.summary.invoicesEmitted()).isEqualTo(25_898).isEqualTo(s.invoices);
            // The one invoice whose rows are not contiguous arrives once, whole.
            assertThat(s.nonContiguous).isNotNull();
            assertThat(s.nonContiguous.lines()).hasSize(39).extracting(TransactionRow::lineNumber)
                    .startsWith(78_088L, 78_089L, 78_090L, 78_091L, 78_094L).endsWith(78_128L); // 78092-3: another invoice
        }

        @Test
        void onlineRetailIi2009To2010IsDetectedAndRead() {
            Stats s = read(onlineRetailDir().resolve("online_retail_ii_2009_2010.csv.gz"));

            assertThat(s.summary.mapping()).isEqualTo("online-retail-ii");
            assertThat(s.summary.rowsRead()).isEqualTo(525_461);
            assertThat(s.summary.invoicesRead()).isEqualTo(28_816);
            assertThat(s.summary.rowsRejected()).isEqualTo(3);
            assertThat(s.rejections).extracting(RowRejection::kind).containsOnly(RowRejection.Kind.NEGATIVE_PRICE);
            assertThat(s.rejections).extracting(RowRejection::invoiceNumber).containsExactly("A506401", "A516228", "A528059");
            assertThat(s.summary.invoicesEmitted()).isEqualTo(28_813);
            assertThat(s.withCustomer).isEqualTo(23_587);
            assertThat(s.cancellationsWithCustomer).isEqualTo(4_372);
            assertThat(s.customers).hasSize(4_383);
        }
    }
}
