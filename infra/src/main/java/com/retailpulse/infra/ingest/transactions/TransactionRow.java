package com.retailpulse.infra.ingest.transactions;

import java.math.BigDecimal;

/**
 * One accepted line of an invoice. {@code quantity} is negative on returns and cancellations;
 * {@code lineNumber} is the 1-based physical line of the CSV record (header = line 1).
 */
public record TransactionRow(String sku, String description, int quantity, BigDecimal unitPrice, long lineNumber) {
}
