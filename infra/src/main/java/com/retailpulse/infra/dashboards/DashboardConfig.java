package com.retailpulse.infra.dashboards;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.retailpulse.infra.config.AxonConfig;
import com.retailpulse.projections.index.AliasedIndex;
import com.retailpulse.projections.index.AliasedReadModel;
import com.retailpulse.projections.interaction.InteractionFacts;
import com.retailpulse.projections.interaction.InteractionFactsProjection;
import com.retailpulse.projections.interaction.InteractionQueries;
import org.axonframework.config.ConfigurerModule;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/** The interactions facts (docs/dashboards.md): their index behind aliases, their processor and their queries. */
@Configuration(proxyBeanMethods = false)
class DashboardConfig {

    @Bean
    InteractionFacts interactionFacts(ElasticsearchClient client,
                                      @Value("${retailpulse.elasticsearch.interactions-index}") String name,
                                      @Value("${retailpulse.elasticsearch.replicas}") int replicas,
                                      @Value("${retailpulse.dashboards.conversion-window}") Duration window) {
        AliasedIndex index = new AliasedIndex(client, name, replicas, InteractionFacts::mapping);
        index.ensureExists();
        return new InteractionFacts(client, index, window);
    }

    /** Replaying interaction-facts rebuilds into a new index while the old one serves (ADR 0024). */
    @Bean
    AliasedReadModel interactionsReadModel(InteractionFacts facts) {
        return new AliasedReadModel(InteractionFactsProjection.PROCESSING_GROUP, facts.index());
    }

    @Bean
    InteractionQueries interactionQueries(ElasticsearchClient client, InteractionFacts facts) {
        return new InteractionQueries(client, facts);
    }

    /**
     * A tracking processor of one segment that the event store wakes at each commit (dashboards seconds behind
     * live), writing each batch before its token is stored, as the profile processor does.
     */
    @Bean
    ConfigurerModule interactionFactsProcessor(@Value("${retailpulse.processors.batch-size}") int batchSize) {
        return configurer -> configurer.eventProcessing(processing -> {
            processing.registerHandlerInterceptor(InteractionFactsProjection.PROCESSING_GROUP,
                    config -> InteractionFactsProjection.flushAfterLastEvent());
            processing.registerEventProcessor(InteractionFactsProjection.PROCESSING_GROUP,
                    (name, config, invoker) -> AxonConfig.trackingAfterProcessing(name, config, invoker, batchSize, null));
        });
    }
}
