package com.retailpulse.infra.ingest.ecommerce;

import java.util.List;

/** The order does not fit its platform's mapping; each problem names the JSON Pointer it is about. */
public class OrderMappingException extends RuntimeException {

    /** {@code field}: the JSON Pointer within the order, e.g. {@code /orders/order/1/num}. */
    public record Problem(String field, String reason) {
        @Override
        public String toString() {
            return field + ": " + reason;
        }
    }

    private final String orderId;
    private final List<Problem> problems;

    public OrderMappingException(String orderId, List<Problem> problems) {
        super(problems.stream().map(Problem::toString).reduce((a, b) -> a + "; " + b).orElse("invalid order"));
        this.orderId = orderId;
        this.problems = List.copyOf(problems);
    }

    /** The platform's order id when it could be read, else null. */
    public String orderId() {
        return orderId;
    }

    public List<Problem> problems() {
        return problems;
    }
}
