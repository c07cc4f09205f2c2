package com.retailpulse.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailpulse.command.offer.Offer;
import com.retailpulse.command.offer.SecureRandomCouponCodes;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.offer.CouponCode;
import com.retailpulse.contracts.offer.CouponIssuedEvent;
import com.retailpulse.contracts.offer.OfferActivatedEvent;
import com.retailpulse.contracts.offer.OfferCreatedEvent;
import com.retailpulse.contracts.offer.OfferId;
import com.retailpulse.contracts.offer.OfferTerms;
import com.retailpulse.contracts.offer.Reward;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.SimpleResourceParameterResolverFactory;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;

import java.lang.reflect.Constructor;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * How big and how slow to load an offer holding every coupon it issued is (docs/offers.md, ADR 0017):
 * an offer with {@code coupons} issued coupons is rebuilt from its events, its state serialized as a
 * snapshot with Jackson (as the platform stores snapshots) and read back, and its coupon events
 * serialized and read back; each of {@code rounds} rounds in one JVM (the first cold, later warm).
 * <pre>BENCH_MAIN=com.retailpulse.bench.OfferSizeBenchmark bench/run-ingestion.sh [coupons] [rounds]</pre>
 */
public final class OfferSizeBenchmark {

    private OfferSizeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int coupons = args.length > 0 ? Integer.parseInt(args[0]) : OfferTerms.MAX_STOCK;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(new ObjectMapper().findAndRegisterModules()).build();
        SecureRandom random = new SecureRandom();
        for (int round = 1; round <= rounds; round++) {
            OfferId id = OfferId.random(random);
            Instant now = Instant.now();
            OfferTerms terms = new OfferTerms("Benchmark voucher", null, "CNY", new Reward.Voucher(BigDecimal.valueOf(5)), coupons, 1,
                    now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)));
            List<Object> events = new ArrayList<>(List.of(new OfferCreatedEvent(id, terms, now), new OfferActivatedEvent(id, now)));
            for (int i = 0; i < coupons; i++) {
                events.add(new CouponIssuedEvent(id, CouponCode.of(id, CouponCode.randomPart(random)), "issuance-" + i,
                        new CustomerId(UUID.nameUUIDFromBytes(("customer-" + i).getBytes(StandardCharsets.UTF_8)).toString()), terms.validUntil(), now, i + 1));
            }

            long t0 = System.nanoTime();
            Offer offer = replay(id, events);
            long t1 = System.nanoTime();
            SerializedObject<byte[]> snapshot = serializer.serialize(offer, byte[].class);
            long t2 = System.nanoTime();
            serializer.deserialize(snapshot);
            long t3 = System.nanoTime();
            List<SerializedObject<byte[]>> issued = new ArrayList<>(coupons);
            long eventBytes = 0;
            for (Object event : events.subList(2, events.size())) {
                SerializedObject<byte[]> s = serializer.serialize(event, byte[].class);
                issued.add(s);
                eventBytes += s.getData().length;
            }
            long t4 = System.nanoTime();
            issued.forEach(serializer::deserialize);
            long t5 = System.nanoTime();
            System.out.printf(Locale.ROOT, "round %d, %,d coupons: apply events %.2f s; snapshot %.1f MB (%d bytes per coupon), "
                            + "serialize %.2f s, deserialize %.2f s; one CouponIssuedEvent %d bytes, %,d deserialized in %.2f s%n",
                    round, coupons, seconds(t0, t1), snapshot.getData().length / 1e6, snapshot.getData().length / Math.max(1, coupons),
                    seconds(t1, t2), seconds(t2, t3), eventBytes / Math.max(1, coupons), coupons, seconds(t4, t5));
        }
    }

    /** The offer as a repository would load it from these events (no snapshot). */
    private static Offer replay(OfferId id, List<Object> payloads) throws Exception {
        Constructor<Offer> constructor = Offer.class.getDeclaredConstructor();
        constructor.setAccessible(true);
        EventSourcedAggregate<Offer> aggregate = EventSourcedAggregate.initialize(constructor.newInstance(),
                AnnotatedAggregateMetaModelFactory.inspectAggregate(Offer.class, MultiParameterResolverFactory.ordered(
                        ClasspathParameterResolverFactory.forClass(Offer.class),
                        // what the command handlers ask for; replaying events uses neither
                        new SimpleResourceParameterResolverFactory(List.of(Clock.systemUTC(), new SecureRandomCouponCodes())))),
                (EventBus) null, NoSnapshotTriggerDefinition.TRIGGER);
        List<GenericDomainEventMessage<?>> messages = new ArrayList<>(payloads.size());
        for (int i = 0; i < payloads.size(); i++) {
            messages.add(new GenericDomainEventMessage<>("Offer", id.value(), i, payloads.get(i)));
        }
        aggregate.initializeState(DomainEventStream.of(messages.stream()));
        return aggregate.getAggregateRoot();
    }

    private static double seconds(long from, long to) {
        return (to - from) / 1e9;
    }
}
