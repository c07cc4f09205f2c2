package com.retailpulse.infra.ingest.transactions;

/**
 * A CSV record that was not imported. {@code lineNumber} is the 1-based physical line where the record starts
 * (header = line 1); {@code invoiceNumber} is null when it is not known; {@code reason} names the field and value.
 */
public record RowRejection(String fileName, long lineNumber, String invoiceNumber, Kind kind, String reason) {

    public enum Kind {
        WRONG_COLUMN_COUNT, INVALID_UTF8, MISSING_INVOICE, MISSING_SKU, QUANTITY_NOT_INTEGER, QUANTITY_ZERO,
        PRICE_NOT_DECIMAL, NEGATIVE_PRICE, DATE_UNPARSEABLE, DATE_IN_FUTURE
    }

    @Override
    public String toString() {
        return fileName + ":" + lineNumber + (invoiceNumber == null ? "" : " (invoice " + invoiceNumber + ")")
                + ": " + reason;
    }
}
