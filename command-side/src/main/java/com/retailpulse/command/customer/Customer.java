package com.retailpulse.command.customer;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.retailpulse.contracts.customer.CustomerCreatedEvent;
import com.retailpulse.contracts.customer.AbsorbCustomerCommand;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.CustomerIdentifier;
import com.retailpulse.contracts.customer.CustomerMergedIntoEvent;
import com.retailpulse.contracts.customer.CustomerRestoredEvent;
import com.retailpulse.contracts.customer.CustomerUnmergedEvent;
import com.retailpulse.contracts.customer.CustomersMergedEvent;
import com.retailpulse.contracts.customer.IdentifierLinkedEvent;
import com.retailpulse.contracts.customer.LinkIdentifierCommand;
import com.retailpulse.contracts.customer.MergeCustomerCommand;
import com.retailpulse.contracts.customer.MergedCustomer;
import com.retailpulse.contracts.customer.ResolveCustomerCommand;
import com.retailpulse.contracts.customer.RestoreCustomerCommand;
import com.retailpulse.contracts.customer.UnmergeCustomerCommand;
import com.retailpulse.contracts.customer.CustomerInteractionEvent;
import com.retailpulse.contracts.customer.RecordInteractionCommand;
import com.retailpulse.contracts.customer.OrderCancelledEvent;
import com.retailpulse.contracts.customer.OrderPlacedEvent;
import com.retailpulse.contracts.customer.RecordOrderCancellationCommand;
import com.retailpulse.contracts.customer.RecordOrderCommand;
import com.retailpulse.command.Lines;
import com.retailpulse.contracts.customer.ConsentChannel;
import com.retailpulse.contracts.customer.ConsentGivenEvent;
import com.retailpulse.contracts.customer.ConsentPurpose;
import com.retailpulse.contracts.customer.ConsentStatement;
import com.retailpulse.contracts.customer.RecordCustomerScoreCommand;
import com.retailpulse.contracts.customer.RecordSegmentMembershipCommand;
import com.retailpulse.contracts.customer.CustomerScoredEvent;
import com.retailpulse.contracts.customer.SegmentEnteredEvent;
import com.retailpulse.contracts.customer.SegmentLeftEvent;
import com.retailpulse.contracts.customer.ConsentWithdrawnEvent;
import com.retailpulse.contracts.customer.MemberProfileRecordedEvent;
import com.retailpulse.contracts.customer.ErasePersonalDataCommand;
import com.retailpulse.contracts.customer.PersonalDataErasedEvent;
import com.retailpulse.contracts.customer.MemberProfileRecording;
import com.retailpulse.contracts.customer.RecordConsentCommand;
import com.retailpulse.contracts.customer.RecordMemberProfileCommand;
import com.retailpulse.contracts.customer.DeliverMessageCommand;
import com.retailpulse.contracts.customer.IdentifierType;
import com.retailpulse.contracts.customer.MessageAcceptedEvent;
import com.retailpulse.contracts.customer.MessageClickedEvent;
import com.retailpulse.contracts.customer.MessageDeferredEvent;
import com.retailpulse.contracts.customer.MessageDeliveredEvent;
import com.retailpulse.contracts.customer.MessageFailedEvent;
import com.retailpulse.contracts.customer.MessageOpenedEvent;
import com.retailpulse.contracts.customer.MessageSuppressedEvent;
import com.retailpulse.contracts.customer.RecordMessageReceiptCommand;
import com.retailpulse.contracts.message.Channel;
import com.retailpulse.contracts.message.MessageOutcome;
import com.retailpulse.contracts.message.MessageRequest;
import com.retailpulse.contracts.message.ReceiptKind;
import com.retailpulse.contracts.message.SuppressionReason;
import com.retailpulse.contracts.customer.CustomerTaggedEvent;
import com.retailpulse.contracts.customer.EndJourneyEnrollmentCommand;
import com.retailpulse.contracts.customer.EnrollInJourneyCommand;
import com.retailpulse.contracts.customer.JourneyEnrolledEvent;
import com.retailpulse.contracts.customer.JourneyEnrollmentEndedEvent;
import com.retailpulse.contracts.customer.TagCustomerCommand;
import com.retailpulse.contracts.journey.Reentry;
import com.retailpulse.contracts.customer.CampaignHoldoutAssignedEvent;
import com.retailpulse.contracts.customer.RecordCampaignHoldoutCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.jmolecules.ddd.annotation.AggregateRoot;
import org.jmolecules.ddd.annotation.Identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One customer, unified from every source, and everything they did as events.
 * Fields are visible to Jackson because snapshots are serialized like events.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE)
@AggregateRoot
public class Customer {

    /** How many interaction ids a customer remembers for de-duplication (sources redeliver within hours). */
    static final int REMEMBERED_INTERACTIONS = 5_000;

    @AggregateIdentifier
    @Identity
    private CustomerId customerId;
    /** Orders and cancellations already recorded: sources redeliver, and each must count once. */
    private Set<String> orderIds = new HashSet<>();
    private Set<String> cancellationIds = new HashSet<>();
    /** The most recent interaction ids, oldest first: enough to recognise a source's redelivery. */
    private LinkedHashSet<String> recentInteractionIds = new LinkedHashSet<>();
    /** The identifiers this record owns in the registry. */
    private LinkedHashSet<CustomerIdentifier> identifiers = new LinkedHashSet<>();
    /** The unified customer this record belongs to after a merge; null while it is a customer of its own. */
    private CustomerId mergedInto;
    /** As a survivor: each absorbed customer and the records that came with it (by merge id). */
    private LinkedHashMap<String, Absorbed> absorbed = new LinkedHashMap<>();
    /** When this record's personal data was erased; null while it was not. An erased record is never contacted. */
    private Instant erasedAt;

    /** A merge this customer survived: who was absorbed, and the records (with identifiers) that came along. */
    record Absorbed(CustomerId customerId, List<MergedCustomer> members) {
    }

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

    /**
     * Records an interaction (a view, a cart change, a login, a social action, a custom event);
     * creates the customer on first sight of the identifier.
     *
     * @return true when the interaction was new, false when its id was seen recently
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public boolean handle(RecordInteractionCommand command, Clock clock) {
        if (customerId == null) {
            apply(new CustomerCreatedEvent(command.customerId(), command.identifier(), clock.instant()));
        }
        if (recentInteractionIds.contains(command.interaction().interactionId())) {
            return false;
        }
        apply(command.interaction().toEvent(customerId));
        return true;
    }

    @EventSourcingHandler
    void on(CustomerInteractionEvent event) {
        recentInteractionIds.add(event.interactionId());
        if (recentInteractionIds.size() > REMEMBERED_INTERACTIONS) {
            Iterator<String> oldest = recentInteractionIds.iterator();
            oldest.next();
            oldest.remove();
        }
    }

    @EventSourcingHandler
    void on(CustomerCreatedEvent event) {
        this.customerId = event.customerId();
        identifiers.add(event.identifier());
    }

    // ---- identity: identifiers, merge and unmerge (the resolver in infra drives the steps; see docs/identity.md)

    /**
     * @return the unified customer this record belongs to (itself, or its survivor): an identifier
     *         linked to a record merged meanwhile must resolve to the survivor
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public CustomerId handle(LinkIdentifierCommand command, Clock clock) {
        if (customerId == null) {
            apply(new CustomerCreatedEvent(command.customerId(), command.identifier(), clock.instant()));
        } else if (!identifiers.contains(command.identifier())) {
            apply(new IdentifierLinkedEvent(customerId, command.identifier(), clock.instant()));
        }
        return mergedInto == null ? customerId : mergedInto;
    }

    /** @return the unified customer this record belongs to now */
    @CommandHandler
    public CustomerId handle(ResolveCustomerCommand command) {
        return mergedInto == null ? customerId : mergedInto;
    }

    /**
     * Joins this record to the survivor. A customer of its own moves with everything merged into it
     * before; a record of a group moves when its group's customer is the one being merged (or restored).
     *
     * @return the records that move, this one first, with their identifiers
     */
    @CommandHandler
    public List<MergedCustomer> handle(MergeCustomerCommand command, Clock clock) {
        if (command.survivor().equals(customerId)) {
            throw new MergeRefusedException("customer " + customerId + " cannot be merged into itself");
        }
        if (!command.survivor().equals(mergedInto)) {
            if (!Objects.equals(mergedInto, command.currentCustomer())) {
                throw new MergeRefusedException("customer " + customerId + " belongs to "
                        + (mergedInto == null ? "itself" : mergedInto) + ", not " + command.currentCustomer());
            }
            apply(new CustomerMergedIntoEvent(customerId, command.survivor(), mergedInto, command.mergeId(),
                    command.reason(), clock.instant()));
        }
        List<MergedCustomer> moving = new ArrayList<>();
        moving.add(new MergedCustomer(customerId, List.copyOf(identifiers)));
        if (command.currentCustomer() == null) {
            absorbed.values().forEach(a -> moving.addAll(a.members()));
        }
        return moving;
    }

    /** @return true when the merge was new to the survivor */
    @CommandHandler
    public boolean handle(AbsorbCustomerCommand command, Clock clock) {
        if (mergedInto != null) {
            throw new MergeRefusedException("customer " + customerId + " was itself merged into " + mergedInto);
        }
        if (absorbed.values().stream().anyMatch(a -> a.customerId().equals(command.absorbed()))) {
            return false;
        }
        apply(new CustomersMergedEvent(customerId, command.absorbed(), command.members(), command.mergeId(),
                command.reason(), clock.instant()));
        return true;
    }

    /** @return the records that leave this customer with the absorbed one */
    @CommandHandler
    public List<MergedCustomer> handle(UnmergeCustomerCommand command, Clock clock) {
        var merge = absorbed.entrySet().stream()
                .filter(e -> e.getValue().customerId().equals(command.absorbed()))
                .findFirst()
                .orElseThrow(() -> new MergeRefusedException(
                        "customer " + command.absorbed() + " is not merged into " + customerId));
        apply(new CustomerUnmergedEvent(customerId, command.absorbed(), merge.getValue().members(), merge.getKey(),
                command.reason(), clock.instant()));
        return merge.getValue().members();
    }

    /** @return true when this customer was merged into the former survivor and now stands alone again */
    @CommandHandler
    public boolean handle(RestoreCustomerCommand command, Clock clock) {
        if (mergedInto == null) {
            return false;
        }
        if (!mergedInto.equals(command.formerSurvivor())) {
            throw new MergeRefusedException("customer " + customerId + " belongs to " + mergedInto + ", not "
                    + command.formerSurvivor());
        }
        apply(new CustomerRestoredEvent(customerId, command.formerSurvivor(), command.mergeId(), command.reason(),
                clock.instant()));
        return true;
    }

    @EventSourcingHandler
    void on(IdentifierLinkedEvent event) {
        identifiers.add(event.identifier());
    }

    // ---- the right to erasure (docs/privacy.md)

    /**
     * Erases this record's personal data: it gives up every identifier it owns (the caller releases them in the
     * registry) and is never contacted again. A survivor also forgets the identifiers of the records merged into
     * it, which are erased record by record. Asked again, the erasure is recorded again (an auditor sees each
     * request), with whatever identifiers were linked since.
     *
     * @return the identifiers this record gave up
     */
    @CommandHandler
    public List<CustomerIdentifier> handle(ErasePersonalDataCommand command, Clock clock) {
        List<CustomerIdentifier> released = List.copyOf(identifiers);
        apply(new PersonalDataErasedEvent(customerId, released, command.reason(), clock.instant()));
        return released;
    }

    @EventSourcingHandler
    void on(PersonalDataErasedEvent event) {
        erasedAt = event.erasedAt();
        identifiers.clear();
        memberProfileFingerprint = null;
        absorbed.replaceAll((mergeId, merged) -> new Absorbed(merged.customerId(), merged.members().stream()
                .map(member -> new MergedCustomer(member.customerId(), List.of())).toList()));
    }

    @EventSourcingHandler
    void on(CustomerMergedIntoEvent event) {
        mergedInto = event.survivor();
    }

    @EventSourcingHandler
    void on(CustomersMergedEvent event) {
        absorbed.put(event.mergeId(), new Absorbed(event.absorbed(), event.members()));
    }

    @EventSourcingHandler
    void on(CustomerUnmergedEvent event) {
        absorbed.remove(event.mergeId());
    }

    @EventSourcingHandler
    void on(CustomerRestoredEvent event) {
        mergedInto = null;
    }

    @EventSourcingHandler
    void on(OrderPlacedEvent event) {
        orderIds.add(event.orderId());
    }

    @EventSourcingHandler
    void on(OrderCancelledEvent event) {
        cancellationIds.add(event.cancellationId());
    }

    // ------------------------------------------------------------------------------------------
    // CRM member profile and consent (docs/privacy.md, docs/sources/crm.md).
    // The aggregate never holds clear personal data: the member profile is compared by the keyed
    // fingerprint its command carries, consent by channel/purpose state and statement time.
    // ------------------------------------------------------------------------------------------

    /** Fingerprint and time of the latest recorded member profile (null before the first). */
    private String memberProfileFingerprint;
    private Instant memberProfileRecordedAt;
    /** The member profile's region: it gives the customer's time zone for quiet hours. */
    private String region;
    /** Consent per "channel/purpose": the state and when the latest recorded statement was made. */
    private Map<String, ConsentState> consents = new HashMap<>();

    record ConsentState(boolean granted, Instant at) {
    }

    /**
     * Records the CRM's member profile when it differs from the latest one and is not older than
     * it, then the member's opt-ins as consent statements; creates the customer on first sight.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public MemberProfileRecording handle(RecordMemberProfileCommand command, Clock clock) {
        if (customerId == null) {
            apply(new CustomerCreatedEvent(command.customerId(), command.identifier(), clock.instant()));
        }
        boolean older = memberProfileRecordedAt != null && command.recordedAt().isBefore(memberProfileRecordedAt);
        boolean profileRecorded = false;
        if (!older && !command.fingerprint().equals(memberProfileFingerprint)) {
            apply(new MemberProfileRecordedEvent(customerId, command.memberCode(), command.level(), command.birthday(),
                    command.gender(), command.household(), command.region(), command.name(), command.phone(), command.email(),
                    command.address(), command.fingerprint(), command.recordedAt(), command.source()));
            profileRecorded = true;
        }
        int consentsRecorded = 0;
        for (ConsentStatement statement : command.consents()) {
            if (recordConsent(statement, command.source())) {
                consentsRecorded++;
            }
        }
        return new MemberProfileRecording(profileRecorded, consentsRecorded);
    }

    /**
     * Records a consent statement when it changes the state of its channel and purpose and is not
     * older than the latest recorded one; creates the customer on first sight.
     *
     * @return true when a consent event was recorded
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public boolean handle(RecordConsentCommand command, Clock clock) {
        if (customerId == null) {
            apply(new CustomerCreatedEvent(command.customerId(), command.identifier(), clock.instant()));
        }
        return recordConsent(command.statement(), command.source());
    }

    private boolean recordConsent(ConsentStatement statement, String source) {
        ConsentState current = consents.get(consentKey(statement.channel(), statement.purpose()));
        if (current != null && (statement.at().isBefore(current.at()) || current.granted() == statement.granted())) {
            return false; // a late statement, or no change
        }
        if (statement.granted()) {
            apply(new ConsentGivenEvent(customerId, statement.channel(), statement.purpose(), statement.at(), source));
        } else {
            apply(new ConsentWithdrawnEvent(customerId, statement.channel(), statement.purpose(), statement.at(), source));
        }
        return true;
    }

    private static String consentKey(ConsentChannel channel, ConsentPurpose purpose) {
        return channel.code() + "/" + purpose.code();
    }

    @EventSourcingHandler
    void on(MemberProfileRecordedEvent event) {
        region = event.region();
        memberProfileFingerprint = event.fingerprint();
        memberProfileRecordedAt = event.recordedAt();
    }

    @EventSourcingHandler
    void on(ConsentGivenEvent event) {
        consents.put(consentKey(event.channel(), event.purpose()), new ConsentState(true, event.at()));
    }

    @EventSourcingHandler
    void on(ConsentWithdrawnEvent event) {
        consents.put(consentKey(event.channel(), event.purpose()), new ConsentState(false, event.at()));
    }

    // ------------------------------------------------------------------------------------------
    // Segment membership (docs/segments.md). The profile projection evaluates segments and sends
    // what it found until it sees the event come back, so only a change is recorded; a statement
    // older than the latest change of that segment (two evaluators racing) is ignored.
    // ------------------------------------------------------------------------------------------

    /** Segment → the membership recorded last: in or out, with which definition version, since when. */
    private Map<String, Membership> segments = new HashMap<>();

    record Membership(boolean member, int version, Instant since) {
    }

    /** @return true when the membership changed and was recorded */
    @CommandHandler
    public boolean handle(RecordSegmentMembershipCommand command) {
        Membership last = segments.get(command.segment());
        boolean member = last != null && last.member();
        if (member == command.member() || (last != null && command.at().isBefore(last.since()))) {
            return false;
        }
        if (command.member()) {
            apply(new SegmentEnteredEvent(customerId, command.segment(), command.version(), command.at()));
        } else {
            apply(new SegmentLeftEvent(customerId, command.segment(), command.version(), last.since(), command.at()));
        }
        return true;
    }

    @EventSourcingHandler
    void on(SegmentEnteredEvent event) {
        segments.put(event.segment(), new Membership(true, event.version(), event.enteredAt()));
    }

    @EventSourcingHandler
    void on(SegmentLeftEvent event) {
        segments.put(event.segment(), new Membership(false, event.version(), event.leftAt()));
    }

    // ------------------------------------------------------------------------------------------
    // Model scores (docs/models.md). The scorer states a score whenever it scores; only a change is
    // recorded, and a statement older than the last recorded score of that model is ignored.
    // ------------------------------------------------------------------------------------------

    /** Model → the score recorded last. */
    private Map<String, Score> scores = new HashMap<>();

    record Score(int version, Map<String, Double> values, String label, Instant at) {
    }

    /** @return true when the score changed and was recorded */
    @CommandHandler
    public boolean handle(RecordCustomerScoreCommand command) {
        Score last = scores.get(command.model());
        if (last != null && (command.scoredAt().isBefore(last.at()) || (last.version() == command.version()
                && last.values().equals(command.values()) && Objects.equals(last.label(), command.label())))) {
            return false;
        }
        apply(new CustomerScoredEvent(customerId, command.model(), command.version(), command.values(), command.label(),
                command.scoredAt()));
        return true;
    }

    @EventSourcingHandler
    void on(CustomerScoredEvent event) {
        scores.put(event.model(), new Score(event.version(), event.values(), event.label(), event.scoredAt()));
    }

    // ------------------------------------------------------------------------------------------
    // Messages (docs/messaging.md). Every message passes the customer's guardrails here, where
    // consent, caps and earlier messages are known and a retried request is recognised by its id.
    // ------------------------------------------------------------------------------------------

    private MessageLedger messages = new MessageLedger();

    /**
     * Decides a message: consent, address, quiet hours (deferred, not dropped), frequency caps and
     * priority, in that order; the first guardrail that stops it is recorded as the reason.
     */
    @CommandHandler
    public MessageOutcome handle(DeliverMessageCommand command, MessagingPolicy policy, Clock clock) {
        MessageRequest request = command.request();
        String id = request.messageId().value();
        Instant now = clock.instant();
        MessageLedger.Decision before = messages.decision(id);
        if (before != null && before.outcome() != MessageOutcome.DEFERRED) {
            return MessageOutcome.DUPLICATE;
        }
        if (before != null && now.isBefore(before.deferredUntil())) {
            return MessageOutcome.DEFERRED;
        }
        if (mergedInto != null) {
            return suppress(request, SuppressionReason.MERGED, "customer " + customerId + " was merged into " + mergedInto, now);
        }
        if (erasedAt != null) {
            return suppress(request, SuppressionReason.ERASED, "the personal data of customer " + customerId + " was erased at "
                    + erasedAt + ": not contacted again", now);
        }
        Channel channel = request.channel();
        if (!hasMarketingConsent(channel.consent())) {
            return suppress(request, SuppressionReason.NO_CONSENT, channel.consent() == null
                    ? "no marketing consent on any channel"
                    : "no marketing consent on " + channel.consent().code(), now);
        }
        CustomerIdentifier recipient = null;
        if (channel.address() != null) {
            recipient = address(channel.address());
            if (recipient == null) {
                return suppress(request, SuppressionReason.NO_ADDRESS, "no " + channel.address().code()
                        + " identifier for " + channel.code(), now);
            }
        }
        Instant quietUntil = policy.quietUntil(channel, now, policy.zoneOf(region));
        if (quietUntil != null) {
            apply(new MessageDeferredEvent(customerId, request, quietUntil, now));
            return MessageOutcome.DEFERRED;
        }
        Instant day = now.minus(Duration.ofDays(1));
        Instant week = now.minus(MessageLedger.WEEK);
        if (channel != Channel.WEBHOOK) {
            if (messages.count(null, day) >= policy.dailyCap()) {
                return suppress(request, SuppressionReason.GLOBAL_DAILY_CAP, policy.dailyCap() + " messages in 24 hours", now);
            }
            if (messages.count(null, week) >= policy.weeklyCap()) {
                return suppress(request, SuppressionReason.GLOBAL_WEEKLY_CAP, policy.weeklyCap() + " messages in 7 days", now);
            }
        }
        Integer channelDaily = policy.channelDailyCaps().get(channel);
        if (channelDaily != null && messages.count(channel, day) >= channelDaily) {
            return suppress(request, SuppressionReason.CHANNEL_DAILY_CAP, channelDaily + " " + channel.code() + " messages in 24 hours", now);
        }
        Integer channelWeekly = policy.channelWeeklyCaps().get(channel);
        if (channelWeekly != null && messages.count(channel, week) >= channelWeekly) {
            return suppress(request, SuppressionReason.CHANNEL_WEEKLY_CAP, channelWeekly + " " + channel.code() + " messages in 7 days", now);
        }
        MessageLedger.Sent outranking = messages.outranking(request.priority(), now.minus(policy.priorityWindow()));
        if (outranking != null) {
            return suppress(request, SuppressionReason.OUTRANKED, outranking.source() + " (priority " + outranking.priority()
                    + ") sent " + outranking.messageId() + " at " + outranking.at(), now);
        }
        apply(new MessageAcceptedEvent(customerId, request, recipient, now));
        return MessageOutcome.ACCEPTED;
    }

    private MessageOutcome suppress(MessageRequest request, SuppressionReason reason, String detail, Instant now) {
        apply(new MessageSuppressedEvent(customerId, request.messageId(), request.channel(), request.source(), reason, detail, now));
        return MessageOutcome.SUPPRESSED;
    }

    private boolean hasMarketingConsent(ConsentChannel channel) {
        return consents.entrySet().stream().anyMatch(e -> e.getValue().granted()
                && e.getKey().endsWith("/" + ConsentPurpose.MARKETING.code())
                && (channel == null || e.getKey().equals(consentKey(channel, ConsentPurpose.MARKETING))));
    }

    /** The newest identifier of the type, this record's own first, then those of customers merged into it. */
    private CustomerIdentifier address(IdentifierType type) {
        CustomerIdentifier found = null;
        for (CustomerIdentifier identifier : identifiers) {
            if (identifier.type() == type) {
                found = identifier;
            }
        }
        if (found == null) {
            for (Absorbed merged : absorbed.values()) {
                for (MergedCustomer member : merged.members()) {
                    for (CustomerIdentifier identifier : member.identifiers()) {
                        if (identifier.type() == type) {
                            found = identifier;
                        }
                    }
                }
            }
        }
        return found;
    }

    /** @return true when the receipt was new and recorded */
    @CommandHandler
    public boolean handle(RecordMessageReceiptCommand command) {
        String id = command.messageId().value();
        if (!messages.wasSent(id)) {
            throw new MessageNeverSentException("customer " + customerId + " was never sent message " + id);
        }
        String key = receiptKey(id, command.kind(), command.detail());
        if (!messages.isNewReceipt(key)) {
            return false;
        }
        switch (command.kind()) {
            case DELIVERED -> apply(new MessageDeliveredEvent(customerId, command.messageId(), command.channel(), command.detail(), command.occurredAt()));
            case OPENED -> apply(new MessageOpenedEvent(customerId, command.messageId(), command.channel(), command.detail(), command.occurredAt()));
            case CLICKED -> apply(new MessageClickedEvent(customerId, command.messageId(), command.channel(), command.detail(), command.occurredAt()));
            case FAILED -> apply(new MessageFailedEvent(customerId, command.messageId(), command.channel(), command.detail(), command.occurredAt()));
        }
        return true;
    }

    @EventSourcingHandler
    void on(MessageAcceptedEvent event) {
        MessageRequest request = event.request();
        messages.decided(request.messageId().value(), MessageOutcome.ACCEPTED, null);
        messages.sent(new MessageLedger.Sent(request.messageId().value(), request.channel(), request.priority(),
                request.source().kind() + " " + request.source().key(), event.acceptedAt()));
    }

    @EventSourcingHandler
    void on(MessageDeferredEvent event) {
        messages.decided(event.request().messageId().value(), MessageOutcome.DEFERRED, event.until());
    }

    @EventSourcingHandler
    void on(MessageSuppressedEvent event) {
        messages.decided(event.messageId().value(), MessageOutcome.SUPPRESSED, null);
    }

    @EventSourcingHandler
    void on(MessageDeliveredEvent event) {
        messages.recordReceipt(receiptKey(event.messageId().value(), ReceiptKind.DELIVERED, event.detail()));
    }

    @EventSourcingHandler
    void on(MessageOpenedEvent event) {
        messages.recordReceipt(receiptKey(event.messageId().value(), ReceiptKind.OPENED, event.detail()));
    }

    @EventSourcingHandler
    void on(MessageClickedEvent event) {
        messages.recordReceipt(receiptKey(event.messageId().value(), ReceiptKind.CLICKED, event.detail()));
    }

    @EventSourcingHandler
    void on(MessageFailedEvent event) {
        messages.recordReceipt(receiptKey(event.messageId().value(), ReceiptKind.FAILED, event.detail()));
    }

    private static String receiptKey(String messageId, ReceiptKind kind, String detail) {
        return messageId + "|" + kind.code() + "|" + (detail == null ? "" : detail);
    }

    // ------------------------------------------------------------------------------------------
    // Journeys (docs/journeys.md): the customer decides whether they may enter a journey (its
    // re-entry policy against their earlier runs); each run is a saga that reports its end here.
    // ------------------------------------------------------------------------------------------

    /** Journey → the customer's latest run of it. */
    private Map<String, JourneyStay> journeys = new HashMap<>();
    /** Tags set by journeys. */
    private Set<String> tags = new HashSet<>();

    record JourneyStay(String enrollmentId, Instant enteredAt, boolean active) {
    }

    /** @return true when the customer entered the journey */
    @CommandHandler
    public boolean handle(EnrollInJourneyCommand command) {
        if (mergedInto != null) {
            return false;
        }
        JourneyStay last = journeys.get(command.journey().value());
        if (last != null) {
            if (last.enrollmentId().equals(command.enrollmentId()) || last.active()) {
                return false;
            }
            Reentry reentry = command.reentry();
            boolean again = switch (reentry.policy()) {
                case NEVER -> false;
                case AFTER_EXIT -> true;
                case AFTER_COOLDOWN -> !command.at().isBefore(last.enteredAt().plus(reentry.cooldown()));
            };
            if (!again) {
                return false;
            }
        }
        apply(new JourneyEnrolledEvent(customerId, command.journey(), command.version(), command.enrollmentId(),
                command.trigger(), command.at()));
        return true;
    }

    /** @return true when the run was in flight and is now recorded as ended */
    @CommandHandler
    public boolean handle(EndJourneyEnrollmentCommand command) {
        JourneyStay stay = journeys.get(command.journey().value());
        if (stay == null || !stay.active() || !stay.enrollmentId().equals(command.enrollmentId())) {
            return false;
        }
        apply(new JourneyEnrollmentEndedEvent(customerId, command.journey(), command.enrollmentId(), command.outcome(), command.at()));
        return true;
    }

    /** @return true when the tag was new */
    @CommandHandler
    public boolean handle(TagCustomerCommand command) {
        if (tags.contains(command.tag())) {
            return false;
        }
        apply(new CustomerTaggedEvent(customerId, command.tag(), command.source(), command.at()));
        return true;
    }

    @EventSourcingHandler
    void on(JourneyEnrolledEvent event) {
        journeys.put(event.journey().value(), new JourneyStay(event.enrollmentId(), event.enrolledAt(), true));
    }

    @EventSourcingHandler
    void on(JourneyEnrollmentEndedEvent event) {
        JourneyStay stay = journeys.get(event.journey().value());
        journeys.put(event.journey().value(), new JourneyStay(event.enrollmentId(), stay == null ? event.endedAt() : stay.enteredAt(), false));
    }

    @EventSourcingHandler
    void on(CustomerTaggedEvent event) {
        tags.add(event.tag());
    }

    // ------------------------------------------------------------------------------------------
    // Campaign holdouts (docs/campaigns.md): a customer a campaign's dispatch holds out gets no
    // message, so nothing else would show the auditor why; the results count them as the control.
    // ------------------------------------------------------------------------------------------

    /** Campaigns this customer was held out of. */
    private Set<String> campaignHoldouts = new HashSet<>();

    /** @return true when recorded, false when the customer was held out of this campaign before */
    @CommandHandler
    public boolean handle(RecordCampaignHoldoutCommand command, Clock clock) {
        if (campaignHoldouts.contains(command.campaignId().value())) {
            return false;
        }
        apply(new CampaignHoldoutAssignedEvent(customerId, command.campaignId(), clock.instant()));
        return true;
    }

    @EventSourcingHandler
    void on(CampaignHoldoutAssignedEvent event) {
        campaignHoldouts.add(event.campaignId().value());
    }
}
