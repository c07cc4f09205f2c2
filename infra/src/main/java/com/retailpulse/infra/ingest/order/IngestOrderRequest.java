package com.retailpulse.infra.ingest.order;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An order as sources send it, over HTTP ({@code POST /api/v1/ingest/orders}) or on the Kafka topic
 * {@code retailpulse.ingest.orders}: the same JSON either way.
 */
public record IngestOrderRequest(
        @NotBlank @Size(max = 128) String orderId,
        @NotNull @Valid Customer customer,
        @NotNull Instant placedAt,
        @NotBlank @Pattern(regexp = "[A-Z]{3}", message = "must be a 3-letter ISO-4217 code such as GBP") String currency,
        @NotEmpty @Size(max = 1000) List<@NotNull @Valid Line> lines,
        @NotBlank @Size(max = 64) String channel,
        @Size(max = 64) String storeId) {

    /** The identifier the source knows the customer by, e.g. {"type":"member","value":"12347"}. */
    public record Customer(@NotBlank String type, @NotBlank @Size(max = 256) String value) {
    }

    public record Line(@NotBlank @Size(max = 128) String sku,
                       @Size(max = 512) String name,
                       @NotNull @Positive Integer quantity,
                       @NotNull @PositiveOrZero BigDecimal unitPrice) {
    }
}
