package com.retailpulse.infra.ingest.crm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a member file, CSV with a header line or JSON lines, record by record with its line number.
 * A broken record is handed on as a rejection (line and reason) and reading goes on; only a file
 * that cannot be read at all (no usable header) fails.
 */
final class MemberFileReader {

    enum Format {
        CSV, JSONL;

        static Format parse(String text) {
            return switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "csv" -> CSV;
                case "jsonl", "ndjson", "json-lines", "jsonlines" -> JSONL;
                default -> throw new IllegalArgumentException("format: '" + text + "' is not csv or jsonl");
            };
        }

        /** By file name, else by the first character: '{' is JSON lines. */
        static Format detect(String fileName, Path file) {
            String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
            if (name.endsWith(".csv")) {
                return CSV;
            }
            if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
                return JSONL;
            }
            try (InputStream in = Files.newInputStream(file)) {
                int b;
                do {
                    b = in.read();
                } while (b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == 0xEF || b == 0xBB || b == 0xBF);
                return b == '{' ? JSONL : CSV;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
    }

    interface Listener {
        /** Columns of a CSV header that are not member fields: they are ignored. */
        default void onIgnoredColumns(List<String> columns) {
        }

        void onRecord(long line, MemberInput input);

        void onRejection(long line, String reason);
    }

    private static final char REPLACEMENT = '\uFFFD';
    private static final CSVFormat CSV_FORMAT = CSVFormat.RFC4180.builder()
            .setIgnoreEmptyLines(false)   // blank lines are skipped here, so line numbers stay exact
            .setLenientEof(true)          // an unclosed quote at the end becomes a (rejected) short record
            .setTrailingData(true)
            .get();

    private final ObjectMapper json;

    MemberFileReader(ObjectMapper json) {
        this.json = json;
    }

    /**
     * @throws IllegalArgumentException when the CSV header has no member_code column or names a column twice
     */
    void read(Path file, Format format, Charset charset, Listener listener) {
        try (Reader reader = open(file, charset)) {
            if (format == Format.CSV) {
                readCsv(reader, charset, listener);
            } else {
                readJsonLines(reader, charset, listener);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private void readCsv(Reader reader, Charset charset, Listener listener) throws IOException {
        CSVParser parser = CSV_FORMAT.parse(reader);
        Iterator<CSVRecord> records = parser.iterator();
        if (!records.hasNext()) {
            throw new IllegalArgumentException("the file is empty: the first line must be a header naming the columns, e.g. "
                    + String.join(",", MemberFields.header()));
        }
        List<String> header = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String column : records.next().toList()) {
            String name = MemberFields.canonical(column.replace("\uFEFF", ""));
            if (seen.put(name, header.size()) != null) {
                throw new IllegalArgumentException("header: column '" + name + "' appears twice");
            }
            header.add(name);
            if (!MemberFields.ALL.contains(name)) {
                ignored.add(name);
            }
        }
        if (!seen.containsKey(MemberFields.MEMBER_CODE)) {
            throw new IllegalArgumentException("header: no member_code column; the first line must name the columns, e.g. "
                    + String.join(",", MemberFields.header()));
        }
        listener.onIgnoredColumns(ignored);
        while (true) {
            long line = parser.getCurrentLineNumber() + 1; // physical line where the next record starts
            if (!records.hasNext()) {
                break;
            }
            CSVRecord record = records.next();
            if (record.size() == 1 && record.get(0).isBlank()) {
                continue;
            }
            if (record.size() != header.size()) {
                listener.onRejection(line, "expected " + header.size() + " columns but found " + record.size() + " (broken CSV line)");
                continue;
            }
            Map<String, String> values = new LinkedHashMap<>();
            String badColumn = null;
            for (int i = 0; i < header.size(); i++) {
                String column = header.get(i);
                if (MemberFields.ALL.contains(column)) {
                    String value = record.get(i);
                    if (value.indexOf(REPLACEMENT) >= 0 && badColumn == null) {
                        badColumn = column;
                    }
                    values.put(column, value);
                }
            }
            if (badColumn != null) {
                listener.onRejection(line, badColumn + ": not valid " + charset.name() + " text (bad encoding; export the file as "
                        + charset.name() + " or name its charset)");
                continue;
            }
            listener.onRecord(line, new MemberInput(values, List.of()));
        }
    }

    private void readJsonLines(Reader reader, Charset charset, Listener listener) throws IOException {
        BufferedReader lines = new BufferedReader(reader);
        long line = 0;
        String text;
        while ((text = lines.readLine()) != null) {
            line++;
            if (line == 1 && text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            if (text.isBlank()) {
                continue;
            }
            if (text.indexOf(REPLACEMENT) >= 0) {
                listener.onRejection(line, "not valid " + charset.name() + " text (bad encoding; export the file as "
                        + charset.name() + " or name its charset)");
                continue;
            }
            try {
                listener.onRecord(line, MemberJson.toInput(json.readTree(text)));
            } catch (JsonProcessingException e) {
                var location = e.getLocation();
                // the parser's message may quote the line, which may hold personal data: say where, not what
                listener.onRejection(line, "not valid JSON" + (location == null ? "" : " at column " + location.getColumnNr()));
            }
        }
    }

    private static Reader open(Path file, Charset charset) throws IOException {
        // REPLACE, not REPORT: one bad byte turns into U+FFFD and rejects one record, not the file.
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        return new InputStreamReader(Files.newInputStream(file), decoder);
    }
}
