package com.retailpulse.infra.identity;

import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.CustomerIdentifier;
import com.retailpulse.projections.identity.IdentityDirectory;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Service;

import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/** Interim resolution: the strongest identifier's known customer, else a new one named after it. */
@Service
public class DirectoryIdentityResolution implements IdentityResolution {

    private final CommandGateway commands;
    private final IdentityDirectory directory;

    public DirectoryIdentityResolution(CommandGateway commands, IdentityDirectory directory) {
        this.commands = commands;
        this.directory = directory;
    }

    @Override
    public <R> R dispatch(List<CustomerIdentifier> identifiers, Function<Resolved, Object> command, MetaData metaData) {
        Resolved resolved = resolve(identifiers, metaData);
        return commands.sendAndWait(GenericCommandMessage.asCommandMessage(command.apply(resolved)).andMetaData(metaData));
    }

    @Override
    public Resolved resolve(List<CustomerIdentifier> identifiers, MetaData metaData) {
        List<CustomerIdentifier> ranked = identifiers.stream().distinct()
                .sorted(Comparator.comparing(CustomerIdentifier::type)).toList();
        if (ranked.isEmpty()) {
            throw new IllegalArgumentException("at least one identifier is needed");
        }
        for (CustomerIdentifier identifier : ranked) {
            var known = directory.find(identifier);
            if (known.isPresent()) {
                return new Resolved(known.get(), ranked.get(0));
            }
        }
        return new Resolved(CustomerId.firstSeenAs(ranked.get(0)), ranked.get(0));
    }
}
