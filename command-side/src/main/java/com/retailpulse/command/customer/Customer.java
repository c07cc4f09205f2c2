package com.retailpulse.command.customer;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.retailpulse.contracts.customer.CustomerCreatedEvent;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.OrderCancelledEvent;
import com.retailpulse.contracts.customer.OrderPlacedEvent;
import com.retailpulse.contracts.customer.RecordOrderCancellationCommand;
import com.retailpulse.contracts.customer.RecordOrderCommand;
import com.retailpulse.command.Lines;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.jmolecules.ddd.annotation.AggregateRoot;
import org.jmolecules.ddd.annotation.Identity;

import java.time.Clock;
import java.util.HashSet;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One customer, unified from every source, and everything they did as events.
 * Fields are visible to Jackson because snapshots are serialized like events.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE)
@AggregateRoot
public class Customer {

    @AggregateIdentifier
    @Identity
    private CustomerId customerId;
    /** Orders and cancellations already recorded: sources redeliver, and each must count once. */
    private Set<String> orderIds = new HashSet<>();
    private Set<String> cancellationIds = new HashSet<>();

    protected Customer() {
        // for Axon and snapshots
    }

    /**
     * Records an order and creates the customer on first sight of the identifier.
     *
     * @return true when the order was new, false when it had been recorded before
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public boolean handle(RecordOrderCommand command, Clock clock) {
        if (customerId == null) {
            apply(new CustomerCreatedEvent(command.customerId(), command.identifier(), clock.instant()));
        }
        if (orderIds.contains(command.orderId())) {
            return false;
        }
        apply(new OrderPlacedEvent(customerId, command.orderId(), command.placedAt(), command.currency(),
                command.lines(), Lines.total(command.lines()), command.channel(), command.storeId()));
        return true;
    }

    /**
     * Records a cancellation or return; creates the customer on first sight of the identifier.
     *
     * @return true when the cancellation was new, false when it had been recorded before
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public boolean handle(RecordOrderCancellationCommand command, Clock clock) {
        if (customerId == null) {
            apply(new CustomerCreatedEvent(command.customerId(), command.identifier(), clock.instant()));
        }
        if (cancellationIds.contains(command.cancellationId())) {
            return false;
        }
        apply(new OrderCancelledEvent(customerId, command.cancellationId(), command.cancelledAt(), command.currency(),
                command.lines(), Lines.total(command.lines()), command.channel(), command.storeId()));
        return true;
    }

    @EventSourcingHandler
    void on(CustomerCreatedEvent event) {
        this.customerId = event.customerId();
    }

    @EventSourcingHandler
    void on(OrderPlacedEvent event) {
        orderIds.add(event.orderId());
    }

    @EventSourcingHandler
    void on(OrderCancelledEvent event) {
        cancellationIds.add(event.cancellationId());
    }
}
