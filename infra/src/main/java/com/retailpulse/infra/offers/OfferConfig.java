package com.retailpulse.infra.offers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.retailpulse.command.offer.CouponCodes;
import com.retailpulse.command.offer.Offer;
import com.retailpulse.command.offer.SecureRandomCouponCodes;
import com.retailpulse.projections.offer.OfferCatalogue;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Offers: the aggregate (cached, snapshotted — an offer carries every coupon it issued, so loading one
 * from thousands of events would be slow; ADR 0017), where coupon codes come from, and the read model.
 */
@Configuration(proxyBeanMethods = false)
class OfferConfig {

    @Bean
    CouponCodes couponCodes() {
        return new SecureRandomCouponCodes();
    }

    @Bean
    OfferCatalogue offerCatalogue(MongoClient client, @Value("${spring.data.mongodb.database}") String database,
                                  ObjectMapper objectMapper) {
        return new OfferCatalogue(client.getDatabase(database), objectMapper);
    }

    @Bean
    ConfigurerModule offerAggregate(@Value("${retailpulse.aggregates.offer-snapshot-threshold}") int snapshotThreshold) {
        WeakReferenceCache offers = new WeakReferenceCache();
        // Registered without Spring's @Aggregate (the domain knows no Spring): it needs its own snapshotter.
        return configurer -> configurer.configureAggregate(AggregateConfigurer.defaultConfiguration(Offer.class)
                .configureCache(c -> offers)
                .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(
                        AggregateSnapshotter.builder()
                                .eventStore(c.eventStore())
                                .aggregateFactories(new GenericAggregateFactory<>(AnnotatedAggregateMetaModelFactory
                                        .inspectAggregate(Offer.class, c.parameterResolverFactory(), c.handlerDefinition(Offer.class))))
                                .transactionManager(c.getComponent(TransactionManager.class, () -> NoTransactionManager.INSTANCE))
                                .parameterResolverFactory(c.parameterResolverFactory())
                                .handlerDefinition(c.handlerDefinition(Offer.class))
                                .build(),
                        snapshotThreshold)));
    }
}
