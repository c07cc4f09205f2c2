package com.retailpulse.infra.ingest.imports;

import java.time.Instant;

/**
 * An import's progress as {@code GET /api/v1/imports/{importId}} shows it.
 * {@code rowsTotal} is known once the file's first pass is done (0 before), so a client can draw a
 * progress bar from {@code rowsRead / rowsTotal}.
 */
public record ImportView(
        String importId,
        String file,
        ImportStatus status,
        long rowsTotal,
        long rowsRead,
        long rowsImported,
        long rowsRejected,
        long invoicesRead,
        long ordersRecorded,
        long cancellationsRecorded,
        long anonymousRecorded,
        long alreadyKnown,
        long customersSeen,
        Instant startedAt,
        Instant finishedAt,
        String error) {
}
