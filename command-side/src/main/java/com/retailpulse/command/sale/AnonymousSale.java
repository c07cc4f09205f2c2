package com.retailpulse.command.sale;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.retailpulse.command.Lines;
import com.retailpulse.contracts.sale.AnonymousOrderCancelledEvent;
import com.retailpulse.contracts.sale.AnonymousOrderPlacedEvent;
import com.retailpulse.contracts.sale.RecordAnonymousSaleCommand;
import com.retailpulse.contracts.sale.SaleId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.jmolecules.ddd.annotation.AggregateRoot;
import org.jmolecules.ddd.annotation.Identity;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A sale nobody could be identified for. Recorded once, whatever the source sends again. */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE)
@AggregateRoot
public class AnonymousSale {

    @AggregateIdentifier
    @Identity
    private SaleId saleId;

    protected AnonymousSale() {
        // for Axon
    }

    /** @return true when the sale was new, false when it had been recorded before */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public boolean handle(RecordAnonymousSaleCommand command) {
        if (saleId != null) {
            return false;
        }
        if (command.cancellation()) {
            apply(new AnonymousOrderCancelledEvent(command.saleId(), command.orderId(), command.at(), command.currency(),
                    command.lines(), Lines.total(command.lines()), command.channel(), command.storeId()));
        } else {
            apply(new AnonymousOrderPlacedEvent(command.saleId(), command.orderId(), command.at(), command.currency(),
                    command.lines(), Lines.total(command.lines()), command.channel(), command.storeId()));
        }
        return true;
    }

    @EventSourcingHandler
    void on(AnonymousOrderPlacedEvent event) {
        saleId = event.saleId();
    }

    @EventSourcingHandler
    void on(AnonymousOrderCancelledEvent event) {
        saleId = event.saleId();
    }
}
