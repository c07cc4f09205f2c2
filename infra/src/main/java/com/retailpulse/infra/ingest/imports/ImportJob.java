package com.retailpulse.infra.ingest.imports;

import org.bson.Document;

import java.time.Instant;
import java.util.Date;

/**
 * One import's persisted state. {@code invoicesDone} is a checkpoint: the first that many invoices
 * of the file (in the reader's deterministic order) are recorded, so a resumed import skips them.
 * {@code rowsRejected} and {@code customersSeen} are counted when the job is saved (each checkpoint
 * and the end), so a client polling the status reads one document instead of counting collections.
 */
record ImportJob(String importId, String file, String storedAt, String mappingJson, String issuedBy,
                 ImportStatus status, long rowsTotal, long rowsRead, long rowsImported, long invoicesRead,
                 long invoicesDone, long ordersRecorded, long cancellationsRecorded, long anonymousRecorded,
                 long alreadyKnown, long rowsRejected, long customersSeen, Instant startedAt, Instant finishedAt,
                 String error) {

    ImportJob with(ImportStatus newStatus, Instant finished, String failure) {
        return new ImportJob(importId, file, storedAt, mappingJson, issuedBy, newStatus, rowsTotal, rowsRead, rowsImported,
                invoicesRead, invoicesDone, ordersRecorded, cancellationsRecorded, anonymousRecorded, alreadyKnown,
                rowsRejected, customersSeen, startedAt, finished, failure);
    }

    Document toDocument() {
        return new Document("_id", importId).append("file", file).append("storedAt", storedAt)
                .append("mapping", mappingJson).append("issuedBy", issuedBy).append("status", status.name())
                .append("rowsTotal", rowsTotal).append("rowsRead", rowsRead).append("rowsImported", rowsImported)
                .append("invoicesRead", invoicesRead).append("invoicesDone", invoicesDone)
                .append("ordersRecorded", ordersRecorded).append("cancellationsRecorded", cancellationsRecorded)
                .append("anonymousRecorded", anonymousRecorded).append("alreadyKnown", alreadyKnown)
                .append("rowsRejected", rowsRejected).append("customersSeen", customersSeen)
                .append("startedAt", date(startedAt)).append("finishedAt", date(finishedAt)).append("error", error);
    }

    static ImportJob fromDocument(Document d) {
        return new ImportJob(d.getString("_id"), d.getString("file"), d.getString("storedAt"), d.getString("mapping"),
                d.getString("issuedBy"), ImportStatus.valueOf(d.getString("status")), num(d, "rowsTotal"),
                num(d, "rowsRead"), num(d, "rowsImported"), num(d, "invoicesRead"), num(d, "invoicesDone"),
                num(d, "ordersRecorded"), num(d, "cancellationsRecorded"), num(d, "anonymousRecorded"),
                num(d, "alreadyKnown"), num(d, "rowsRejected"), num(d, "customersSeen"), instant(d.getDate("startedAt")), instant(d.getDate("finishedAt")), d.getString("error"));
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
