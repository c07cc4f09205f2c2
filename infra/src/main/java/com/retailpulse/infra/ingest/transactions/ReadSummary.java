package com.retailpulse.infra.ingest.transactions;

import java.time.Duration;
import java.util.Map;

/**
 * What one {@link TransactionFileReader#read} did. {@code invoicesRead} counts distinct invoice numbers seen;
 * {@code invoicesEmitted} those handed on; {@code invoicesAllRejected} those with no accepted row (not emitted).
 * {@code rowsRead} = {@code rowsAccepted} + {@code rowsRejected} (blank lines are not rows).
 */
public record ReadSummary(String fileName, String mapping, boolean gzip,
                          long rowsRead, long rowsAccepted, long rowsRejected,
                          long invoicesRead, long invoicesEmitted, long invoicesAllRejected,
                          Map<RowRejection.Kind, Long> rejectionsByKind, Duration elapsed) {

    public ReadSummary {
        rejectionsByKind = Map.copyOf(rejectionsByKind);
    }

    /** Rows per second over both passes. */
    public double rowsPerSecond() {
        long nanos = Math.max(1, elapsed.toNanos());
        return rowsRead * 1e9 / nanos;
    }
}
