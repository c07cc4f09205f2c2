package com.retailpulse.infra.ingest.order;

import com.retailpulse.contracts.customer.CustomerIdentifier;
import com.retailpulse.contracts.customer.IdentifierType;
import com.retailpulse.contracts.customer.OrderLine;
import com.retailpulse.contracts.customer.RecordOrderCommand;
import com.retailpulse.infra.config.AxonConfig;
import com.retailpulse.infra.identity.IdentityResolution;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Turns an ingested order, from any adapter, into a command on the customer it belongs to,
 * with who sent it and through which source in the command's metadata.
 */
@Service
public class OrderIngestion {

    private final IdentityResolution identities;
    private final Validator validator;
    private final Clock clock;

    public OrderIngestion(IdentityResolution identities, Validator validator, Clock clock) {
        this.identities = identities;
        this.validator = validator;
        this.clock = clock;
    }

    /** Who sent an order and how: it ends up in the metadata of every event the order causes. */
    public record Origin(String issuedBy, String source, String requestId) {
    }

    public record Outcome(String customerId, String orderId, boolean recorded) {
    }

    /**
     * Validates and records the order; waits until its event is stored.
     *
     * @throws InvalidOrderException naming every field that breaks the contract; nothing is stored then
     */
    public Outcome record(IngestOrderRequest request, Origin origin) {
        CustomerIdentifier identifier = validate(request);
        MetaData metaData = MetaData.with(AxonConfig.ISSUED_BY, origin.issuedBy())
                .and(AxonConfig.SOURCE, origin.source())
                .and(AxonConfig.RECEIVED_AT, clock.instant().toString());
        if (origin.requestId() != null) {
            metaData = metaData.and(AxonConfig.REQUEST_ID, origin.requestId());
        }
        List<OrderLine> lines = request.lines().stream()
                .map(l -> new OrderLine(l.sku(), l.name(), l.quantity(), l.unitPrice()))
                .toList();
        AtomicReference<String> customer = new AtomicReference<>();
        Boolean recorded = identities.dispatch(List.of(identifier), r -> {
            customer.set(r.customerId().value());
            return new RecordOrderCommand(r.customerId(), r.identifier(), request.orderId(), request.placedAt(),
                    request.currency(), lines, request.channel(), request.storeId());
        }, metaData);
        return new Outcome(customer.get(), request.orderId(), Boolean.TRUE.equals(recorded));
    }

    /** @return the customer's identifier, once every field is valid */
    CustomerIdentifier validate(IngestOrderRequest request) {
        List<String> violations = new ArrayList<>(validator.validate(request).stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .map(OrderIngestion::describe)
                .toList());
        if (request.customer() != null && request.customer().type() != null
                && IdentifierType.fromCode(request.customer().type()).isEmpty()) {
            violations.add("customer.type: unknown identifier type '" + request.customer().type()
                    + "'; known types: " + IdentifierType.codes());
        }
        if (!violations.isEmpty()) {
            throw new InvalidOrderException(violations);
        }
        return new CustomerIdentifier(IdentifierType.fromCode(request.customer().type()).orElseThrow(),
                request.customer().value());
    }

    private static String describe(ConstraintViolation<?> violation) {
        return violation.getPropertyPath() + ": " + violation.getMessage();
    }
}
