package com.retailpulse.infra.ingest.transactions;

import java.time.Instant;
import java.util.List;

/**
 * All accepted rows of one invoice number. {@code placedAt}, {@code customerId} and {@code country} come from the
 * first accepted row in file order; {@code customerId} null means an anonymous sale. {@code rejectedRows} counts
 * this invoice's rows that were rejected (each reported as a {@link RowRejection}).
 */
public record Invoice(String invoiceNumber, boolean cancellation, Instant placedAt, String customerId,
                      String country, String currency, List<TransactionRow> lines, int rejectedRows) {

    public Invoice {
        lines = List.copyOf(lines);
    }

    public boolean anonymous() {
        return customerId == null;
    }
}
