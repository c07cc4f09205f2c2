package com.retailpulse.infra.channels;

import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.RecordMessageReceiptCommand;
import com.retailpulse.contracts.message.Channel;
import com.retailpulse.contracts.message.MessageId;
import com.retailpulse.contracts.message.ReceiptKind;
import com.retailpulse.infra.config.AxonConfig;
import com.retailpulse.command.customer.MessageNeverSentException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Records receipts on the customer ({@link RecordMessageReceiptCommand}), saying who reported them. The
 * customer refuses a receipt for a message it was never sent: that is an {@link UnknownMessageException}.
 */
final class Receipts {

    /** Who records what the platform's own delivery observed. */
    static final String SYSTEM = "channels";

    /** The customer does not exist, or was never sent the message. */
    static final class UnknownMessageException extends RuntimeException {
        UnknownMessageException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final CommandGateway commands;
    private final Clock clock;

    Receipts(CommandGateway commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    /** @return true when new, false when the customer had it already */
    boolean record(String customerId, MessageId messageId, Channel channel, ReceiptKind kind, String detail, Instant at,
                   String issuedBy, String source) {
        try {
            Boolean recorded = commands.sendAndWait(message(customerId, messageId, channel, kind, detail, at, issuedBy, source));
            return Boolean.TRUE.equals(recorded);
        } catch (MessageNeverSentException | AggregateNotFoundException e) {
            throw unknown(customerId, messageId, e);
        }
    }

    /** The same, without waiting: a click redirects at once, and its receipt follows. */
    CompletableFuture<Boolean> recordLater(String customerId, MessageId messageId, Channel channel, ReceiptKind kind, String detail,
                                           String issuedBy, String source) {
        CompletableFuture<Object> sent = commands.send(message(customerId, messageId, channel, kind, detail, clock.instant(), issuedBy, source));
        return sent.handle((result, failure) -> {
            Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
            if (cause instanceof MessageNeverSentException || cause instanceof AggregateNotFoundException) {
                throw unknown(customerId, messageId, cause);
            }
            if (cause != null) {
                throw new CompletionException(cause);
            }
            return Boolean.TRUE.equals(result);
        });
    }

    private GenericCommandMessage<RecordMessageReceiptCommand> message(String customerId, MessageId messageId, Channel channel,
                                                                       ReceiptKind kind, String detail, Instant at,
                                                                       String issuedBy, String source) {
        RecordMessageReceiptCommand command = new RecordMessageReceiptCommand(new CustomerId(customerId), messageId, channel, kind,
                detail, at);
        return new GenericCommandMessage<>(command, MetaData.with(AxonConfig.ISSUED_BY, issuedBy).and(AxonConfig.SOURCE, source)
                .and(AxonConfig.RECEIVED_AT, clock.instant().toString()));
    }

    private static UnknownMessageException unknown(String customerId, MessageId messageId, Throwable cause) {
        String detail = cause instanceof AggregateNotFoundException ? "no customer " + customerId : cause.getMessage();
        return new UnknownMessageException(detail == null ? "customer " + customerId + " was never sent message " + messageId : detail, cause);
    }
}
