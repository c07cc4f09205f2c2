package com.retailpulse.infra.support;

import com.retailpulse.contracts.customer.ConsentChannel;
import com.retailpulse.contracts.customer.ConsentPurpose;
import com.retailpulse.contracts.customer.ConsentStatement;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.CustomerIdentifier;
import com.retailpulse.contracts.customer.RecordConsentCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;

import java.time.Duration;
import java.time.Instant;

/** Customers the tests may message: consents recorded through the command gateway. */
public final class Consents {

    private Consents() {
    }

    /** The member {@code member}, created by an in-app marketing consent given a day ago; answers their id. */
    public static CustomerId inAppMember(CommandGateway commands, String member, String source) {
        CustomerIdentifier identifier = CustomerIdentifier.parse("member:" + member);
        CustomerId id = CustomerId.firstSeenAs(identifier);
        commands.sendAndWait(new RecordConsentCommand(id, identifier, new ConsentStatement(ConsentChannel.IN_APP, ConsentPurpose.MARKETING,
                true, Instant.now().minus(Duration.ofDays(1))), source));
        return id;
    }
}
