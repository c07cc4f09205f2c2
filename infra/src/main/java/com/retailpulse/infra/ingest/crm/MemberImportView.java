package com.retailpulse.infra.ingest.crm;

import com.retailpulse.infra.ingest.imports.ImportStatus;
import org.bson.Document;

import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * A member import as {@code GET /api/v1/imports/members/{importId}} shows it, and as it is stored.
 *
 * @param rowsImported   valid rows, recorded or found already recorded
 * @param rowsChanged    rows that recorded something new (profile or consent)
 * @param rowsUnchanged  valid rows the customers already had exactly so (a re-import)
 * @param ignoredColumns CSV columns that are not member fields
 */
public record MemberImportView(String importId, String file, String format, String charset, ImportStatus status,
                               long rowsRead, long rowsImported, long rowsRejected, long rowsChanged, long rowsUnchanged,
                               long profilesRecorded, long consentsRecorded, List<String> ignoredColumns,
                               Instant startedAt, Instant finishedAt, String error) {

    Document toDocument(String storedAt, String issuedBy) {
        return new Document("_id", importId).append("file", file).append("format", format).append("charset", charset)
                .append("status", status.name()).append("rowsRead", rowsRead).append("rowsImported", rowsImported)
                .append("rowsRejected", rowsRejected).append("rowsChanged", rowsChanged).append("rowsUnchanged", rowsUnchanged)
                .append("profilesRecorded", profilesRecorded).append("consentsRecorded", consentsRecorded)
                .append("ignoredColumns", ignoredColumns).append("startedAt", date(startedAt))
                .append("finishedAt", date(finishedAt)).append("error", error)
                .append("storedAt", storedAt).append("issuedBy", issuedBy);
    }

    static MemberImportView fromDocument(Document d) {
        return new MemberImportView(d.getString("_id"), d.getString("file"), d.getString("format"), d.getString("charset"),
                ImportStatus.valueOf(d.getString("status")), num(d, "rowsRead"), num(d, "rowsImported"),
                num(d, "rowsRejected"), num(d, "rowsChanged"), num(d, "rowsUnchanged"), num(d, "profilesRecorded"),
                num(d, "consentsRecorded"), d.getList("ignoredColumns", String.class, List.of()),
                instant(d.getDate("startedAt")), instant(d.getDate("finishedAt")), d.getString("error"));
    }

    MemberImportView finished(ImportStatus newStatus, Instant at, String failure) {
        return new MemberImportView(importId, file, format, charset, newStatus, rowsRead, rowsImported, rowsRejected, rowsChanged,
                rowsUnchanged, profilesRecorded, consentsRecorded, ignoredColumns, startedAt, at, failure);
    }

    private static long num(Document d, String key) {
        Number n = d.get(key, Number.class);
        return n == null ? 0 : n.longValue();
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
