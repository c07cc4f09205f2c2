package com.retailpulse.infra.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.client.MongoClient;
import com.retailpulse.command.customer.MergeRefusedException;
import com.retailpulse.contracts.customer.AbsorbCustomerCommand;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.CustomerIdentifier;
import com.retailpulse.contracts.customer.LinkIdentifierCommand;
import com.retailpulse.contracts.customer.MergeCustomerCommand;
import com.retailpulse.contracts.customer.MergedCustomer;
import com.retailpulse.contracts.customer.ResolveCustomerCommand;
import com.retailpulse.contracts.customer.RestoreCustomerCommand;
import com.retailpulse.contracts.customer.UnmergeCustomerCommand;
import com.retailpulse.contracts.identity.ClaimIdentifierCommand;
import com.retailpulse.contracts.identity.IdentifierKey;
import com.retailpulse.contracts.identity.IdentifierOwnership;
import com.retailpulse.contracts.identity.RouteIdentifierCommand;
import com.retailpulse.projections.identity.IdentityDirectory;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Identity resolution over the identifier registry (one {@code IdentifierRegistration} aggregate per
 * identifier). Claims are lock-free: the registry settles races. Merges and unmerges run one at a
 * time on this node and are journalled, so a crash in the middle is finished before the next one.
 */
@Service
public class RegistryIdentityResolution implements IdentityResolution {

    private static final Logger log = LoggerFactory.getLogger(RegistryIdentityResolution.class);

    private final CommandGateway commands;
    private final IdentityDirectory directory;
    private final MergeJournal journal;
    private final Clock clock;
    private final ReentrantLock merging = new ReentrantLock();
    /**
     * Who owns each identifier, once claimed: an owner never changes (merges change only where an
     * identifier resolves to), so a message whose identifiers one record owns needs no claim at all.
     */
    private final Cache<String, CustomerId> owners;

    public RegistryIdentityResolution(CommandGateway commands, IdentityDirectory directory, MongoClient mongo,
                                      @Value("${spring.data.mongodb.database}") String database, Clock clock,
                                      @Value("${retailpulse.identity.owner-cache-size:200000}") long ownerCacheSize) {
        this.commands = commands;
        this.directory = directory;
        this.journal = new MergeJournal(mongo.getDatabase(database));
        this.clock = clock;
        this.owners = Caffeine.newBuilder().maximumSize(ownerCacheSize).build();
    }

    @Override
    public <R> R dispatch(List<CustomerIdentifier> identifiers, Function<Resolved, Object> command, MetaData metaData) {
        Resolved resolved = resolve(identifiers, metaData);
        return send(command.apply(resolved), metaData);
    }

    @Override
    public Resolved resolve(List<CustomerIdentifier> identifiers, MetaData metaData) {
        List<CustomerIdentifier> ranked = rank(identifiers);
        // Identifiers all owned by the same record need neither claims nor a merge (e.g. a signed-in
        // visitor's member id and device id, every click): owners change only when an erased customer gives
        // identifiers up, and released(...) forgets those.
        CustomerId owner = owners.getIfPresent(ranked.get(0).key());
        if (owner != null && ranked.stream().skip(1).allMatch(i -> owner.equals(owners.getIfPresent(i.key())))) {
            return new Resolved(owner, ranked.get(0));
        }
        // The directory is a hint (it may lag): it saves a merge when a new identifier arrives with a known one.
        // A single identifier needs none: known, its claim answers the owner; new, it names the new customer.
        CustomerId proposed = (ranked.size() == 1 ? Optional.<CustomerId>empty()
                : ranked.stream().map(directory::find).flatMap(Optional::stream).findFirst())
                .orElseGet(() -> CustomerId.firstSeenAs(ranked.get(0)));
        List<IdentifierOwnership> owned = claim(ranked, proposed, metaData);
        if (owned.stream().map(IdentifierOwnership::customer).distinct().count() > 1) {
            mergeCustomersOf(ranked, metaData);
        }
        return new Resolved(owned.get(0).owner(), ranked.get(0));
    }

    /** Forgets the owners of identifiers given up by an erased customer: their next sighting is a new customer. */
    @Override
    public void released(List<CustomerIdentifier> identifiers) {
        identifiers.forEach(identifier -> owners.invalidate(identifier.key()));
    }

    /** Merges {@code absorbed} into {@code survivor} on an operator's word. */
    public String merge(CustomerId survivor, CustomerId absorbed, String reason, MetaData metaData) {
        merging.lock();
        try {
            finishUnfinished(metaData);
            for (CustomerId customer : List.of(survivor, absorbed)) {
                CustomerId unified = send(new ResolveCustomerCommand(customer), metaData);
                if (!unified.equals(customer)) {
                    throw new MergeRefusedException("customer " + customer + " is part of customer " + unified
                            + " since an earlier merge; merge " + unified + " instead");
                }
            }
            return runMerge(survivor, absorbed, reason, metaData);
        } finally {
            merging.unlock();
        }
    }

    /** Undoes the merge that made {@code absorbed} part of {@code survivor}. */
    public String unmerge(CustomerId survivor, CustomerId absorbed, String reason, MetaData metaData) {
        merging.lock();
        try {
            finishUnfinished(metaData);
            var entry = new MergeJournal.Entry(UUID.randomUUID().toString(), MergeJournal.Kind.UNMERGE, survivor, absorbed, reason);
            journal.started(entry, clock.instant());
            List<MergedCustomer> group;
            try {
                group = send(new UnmergeCustomerCommand(survivor, absorbed, reason), metaData);
            } catch (RuntimeException refused) {
                journal.abandoned(entry.mergeId(), String.valueOf(refused.getMessage()), clock.instant());
                throw refused;
            }
            journal.leaving(entry.mergeId(), group);
            finishUnmerge(entry, group, metaData);
            journal.finished(entry.mergeId(), clock.instant());
            return entry.mergeId();
        } finally {
            merging.unlock();
        }
    }

    /** A merge or unmerge a crash interrupted is finished when the platform is back. */
    @EventListener(ApplicationReadyEvent.class)
    public void finishInterruptedMerges() {
        merging.lock();
        try {
            finishUnfinished(MetaData.with("issuedBy", "system").and("source", "identity-resolution"));
        } finally {
            merging.unlock();
        }
    }

    static List<CustomerIdentifier> rank(List<CustomerIdentifier> identifiers) {
        List<CustomerIdentifier> ranked = identifiers.stream().distinct()
                .sorted(Comparator.comparing(CustomerIdentifier::type)).toList();
        if (ranked.isEmpty()) {
            throw new IllegalArgumentException("at least one identifier is needed");
        }
        return ranked;
    }

    /**
     * Claims each identifier and links those claimed now on their owner at once (creating it): a customer
     * must know every identifier it owns before anything else can reach it, or a merge would miss one.
     */
    private List<IdentifierOwnership> claim(List<CustomerIdentifier> ranked, CustomerId proposed, MetaData metaData) {
        List<IdentifierOwnership> owned = new ArrayList<>();
        CustomerId proposing = proposed;
        for (CustomerIdentifier identifier : ranked) {
            IdentifierOwnership ownership = send(new ClaimIdentifierCommand(identifier, proposing), metaData);
            if (ownership.claimedNow()) {
                // the registry may have given the identifier to another id than proposed (one released by an erased
                // customer goes to a new one): the identifiers that arrived with it go to the same customer
                proposing = ownership.owner();
                CustomerId customer = send(new LinkIdentifierCommand(ownership.owner(), identifier), metaData);
                if (!customer.equals(ownership.customer())) {
                    // claimed for a record merged meanwhile (the directory lagged): resolve it to the survivor
                    send(new RouteIdentifierCommand(IdentifierKey.of(identifier), customer, "link"), metaData);
                    ownership = new IdentifierOwnership(identifier, ownership.owner(), customer, true);
                }
            }
            owned.add(ownership);
            owners.put(identifier.key(), ownership.owner());
        }
        return owned;
    }

    private void mergeCustomersOf(List<CustomerIdentifier> ranked, MetaData metaData) {
        merging.lock();
        try {
            finishUnfinished(metaData);
            // Ask again under the lock, the records themselves: another merge may have united them meanwhile,
            // and only a customer that stands alone may survive or be absorbed (else two could absorb each other).
            List<IdentifierOwnership> owned = new ArrayList<>();
            for (CustomerIdentifier identifier : ranked) {
                IdentifierOwnership o = send(new ClaimIdentifierCommand(identifier, CustomerId.firstSeenAs(identifier)), metaData);
                CustomerId root = unifiedCustomerOf(o.owner(), metaData);
                owned.add(new IdentifierOwnership(identifier, o.owner(), root, false));
            }
            List<CustomerId> customers = owned.stream().map(IdentifierOwnership::customer).distinct().toList();
            CustomerId survivor = customers.get(0);
            for (CustomerId absorbed : customers.subList(1, customers.size())) {
                String reason = owned.stream().filter(o -> o.customer().equals(survivor) || o.customer().equals(absorbed))
                        .map(o -> o.identifier().key()).collect(Collectors.joining(" and ", "", " arrived together"))
                        + Optional.ofNullable(metaData.get("source")).map(s -> " from " + s).orElse("");
                runMerge(survivor, absorbed, reason, metaData);
            }
        } finally {
            merging.unlock();
        }
    }

    /**
     * The unified customer a record belongs to, asked of the record. A record whose identifier was just
     * claimed by another message may not exist for a few milliseconds more (its creation follows the
     * claim): wait for it rather than fail this message.
     */
    private CustomerId unifiedCustomerOf(CustomerId record, MetaData metaData) {
        for (int attempt = 1; ; attempt++) {
            try {
                return send(new ResolveCustomerCommand(record), metaData);
            } catch (AggregateNotFoundException notYetCreated) {
                if (attempt == 40) {
                    throw notYetCreated;
                }
                try {
                    Thread.sleep(25);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw notYetCreated;
                }
            }
        }
    }

    private String runMerge(CustomerId survivor, CustomerId absorbed, String reason, MetaData metaData) {
        var entry = new MergeJournal.Entry(UUID.randomUUID().toString(), MergeJournal.Kind.MERGE, survivor, absorbed, reason);
        journal.started(entry, clock.instant());
        List<MergedCustomer> group;
        try {
            group = send(new MergeCustomerCommand(absorbed, survivor, null, entry.mergeId(), reason), metaData);
        } catch (RuntimeException refused) {
            journal.abandoned(entry.mergeId(), String.valueOf(refused.getMessage()), clock.instant());
            throw refused;
        }
        finishMerge(entry, group, metaData);
        journal.finished(entry.mergeId(), clock.instant());
        log.info("Merged customer {} into {} ({}): {}", absorbed, survivor, entry.mergeId(), reason);
        return entry.mergeId();
    }

    private void runMergeSteps(MergeJournal.Entry entry, MetaData metaData) {
        finishMerge(entry, send(new MergeCustomerCommand(entry.absorbed(), entry.survivor(), null,
                entry.mergeId(), entry.reason()), metaData), metaData);
    }

    /**
     * Moves the rest of the group, then records the merge and routes every identifier. Each record answers
     * with the identifiers it owns now (one linked after its earlier merge included), so none stays behind.
     */
    private void finishMerge(MergeJournal.Entry entry, List<MergedCustomer> group, MetaData metaData) {
        List<MergedCustomer> current = new ArrayList<>();
        current.add(group.get(0));
        for (MergedCustomer member : group.subList(1, group.size())) {
            List<MergedCustomer> moved = send(new MergeCustomerCommand(member.customerId(), entry.survivor(), entry.absorbed(),
                    entry.mergeId(), entry.reason()), metaData);
            current.add(moved.get(0));
        }
        send(new AbsorbCustomerCommand(entry.survivor(), entry.absorbed(), current, entry.mergeId(), entry.reason()), metaData);
        route(current, entry.survivor(), entry.mergeId(), metaData);
    }

    private void runUnmerge(MergeJournal.Entry entry, MetaData metaData) {
        List<MergedCustomer> group = send(new UnmergeCustomerCommand(entry.survivor(), entry.absorbed(), entry.reason()),
                metaData);
        journal.leaving(entry.mergeId(), group);
        finishUnmerge(entry, group, metaData);
    }

    private void finishUnmerge(MergeJournal.Entry entry, List<MergedCustomer> group, MetaData metaData) {
        send(new RestoreCustomerCommand(entry.absorbed(), entry.survivor(), entry.mergeId(), entry.reason()), metaData);
        List<MergedCustomer> current = new ArrayList<>();
        for (MergedCustomer member : group) {
            if (member.customerId().equals(entry.absorbed())) {
                current.add(member);
            } else {
                List<MergedCustomer> moved = send(new MergeCustomerCommand(member.customerId(), entry.absorbed(),
                        entry.survivor(), entry.mergeId(), entry.reason()), metaData);
                current.add(moved.get(0));
            }
        }
        route(current, entry.absorbed(), entry.mergeId(), metaData);
    }

    private void route(List<MergedCustomer> group, CustomerId customer, String mergeId, MetaData metaData) {
        LinkedHashSet<CustomerIdentifier> identifiers = new LinkedHashSet<>();
        group.forEach(m -> identifiers.addAll(m.identifiers()));
        for (CustomerIdentifier identifier : identifiers) {
            send(new RouteIdentifierCommand(IdentifierKey.of(identifier), customer, mergeId), metaData);
        }
    }

    private void finishUnfinished(MetaData metaData) {
        for (MergeJournal.Entry entry : journal.unfinished()) {
            log.warn("Finishing {} {} of {} into {} interrupted earlier", entry.kind(), entry.mergeId(), entry.absorbed(), entry.survivor());
            try {
                if (entry.kind() == MergeJournal.Kind.MERGE) {
                    runMergeSteps(entry, metaData);
                } else {
                    finishInterruptedUnmerge(entry, metaData);
                }
                journal.finished(entry.mergeId(), clock.instant());
            } catch (MergeRefusedException | AggregateNotFoundException refused) {
                // The customers moved on meanwhile (e.g. an operator undid it): leave it, say so, do not block others.
                log.error("Cannot finish {} {}: {}", entry.kind(), entry.mergeId(), refused.getMessage());
                journal.abandoned(entry.mergeId(), String.valueOf(refused.getMessage()), clock.instant());
            }
        }
    }

    /** Before its first step was recorded, an unmerge starts over; after it, the journal knows who leaves. */
    private void finishInterruptedUnmerge(MergeJournal.Entry entry, MetaData metaData) {
        var group = journal.leaving(entry.mergeId());
        if (group.isPresent()) {
            finishUnmerge(entry, group.get(), metaData);
        } else {
            runUnmerge(entry, metaData);
        }
    }

    @SuppressWarnings("unchecked")
    private <R> R send(Object command, MetaData metaData) {
        return (R) commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData));
    }
}
