package com.retailpulse.projections.segment;

import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.RecordSegmentMembershipCommand;
import com.retailpulse.projections.profile.ProfileDocument;
import com.retailpulse.projections.profile.SegmentMembershipRecorder;
import com.retailpulse.projections.profile.Segments;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.AxonThreadFactory;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Records segment entries and exits on the customer, off the projection's thread: a command sent from
 * inside the projection's unit of work would join it and wait for its commit, and the profile
 * projection must not wait on the command side. A few senders work in parallel, each customer always
 * on the same one, so each customer's statements stay in order; a statement already queued is not
 * queued twice. A statement lost in a crash is made again when the
 * profile is next derived (at the latest by the daily refresh), because the difference stays.
 */
public class CommandSegmentMembershipRecorder implements SegmentMembershipRecorder, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CommandSegmentMembershipRecorder.class);

    private final CommandGateway commands;
    private final Segments segments;
    private final Map<String, Boolean> queued = new ConcurrentHashMap<>();
    private final ExecutorService[] senders;
    private final Map<String, String> metaData;

    public CommandSegmentMembershipRecorder(CommandGateway commands, Segments segments, Map<String, String> metaData,
                                            int senderThreads) {
        this.senders = new ExecutorService[Math.max(1, senderThreads)];
        for (int i = 0; i < senders.length; i++) {
            senders[i] = Executors.newSingleThreadExecutor(new AxonThreadFactory("segment-membership-" + i));
        }
        this.commands = commands;
        this.segments = segments;
        this.metaData = Map.copyOf(metaData);
    }

    @Override
    public void written(Collection<ProfileDocument> written, Instant at) {
        for (ProfileDocument doc : written) {
            for (String segment : doc.segmentsToEnter()) {
                Segments.Definition d = segments.find(segment);
                send(doc.customerId(), segment, d == null ? 0 : d.version(), true, at);
            }
            for (String segment : doc.segmentsToLeave()) {
                Segments.Definition d = segments.find(segment);
                int version = d != null ? d.version() : doc.memberships().get(segment).version();
                send(doc.customerId(), segment, version, false, at);
            }
        }
    }

    private void send(String customerId, String segment, int version, boolean member, Instant at) {
        String key = customerId + "|" + segment + "|" + member;
        if (queued.putIfAbsent(key, Boolean.TRUE) != null) {
            return;
        }
        senders[Math.floorMod(customerId.hashCode(), senders.length)].execute(() -> {
            queued.remove(key);
            try {
                commands.sendAndWait(GenericCommandMessage.asCommandMessage(
                                new RecordSegmentMembershipCommand(new CustomerId(customerId), segment, version, member, at))
                        .andMetaData(MetaData.from(metaData)));
            } catch (RuntimeException e) {
                // The difference stays in the profile, so the next derivation states it again.
                log.warn("Could not record that customer {} {} segment {}: {}", customerId, member ? "entered" : "left",
                        segment, e.getMessage());
            }
        });
    }

    @Override
    public void close() throws InterruptedException {
        for (ExecutorService sender : senders) {
            sender.shutdown();
        }
        for (ExecutorService sender : senders) {
            sender.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
