package com.retailpulse.infra.messaging;

import com.retailpulse.command.customer.MessagingPolicy;
import com.retailpulse.infra.config.AxonConfig;
import org.axonframework.config.ConfigurerModule;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The guardrails the Customer aggregate applies to every message, and the dispatch to the channels (docs/messaging.md). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MessagingSettings.class)
class MessagingConfig {

    @Bean
    MessagingPolicy messagingPolicy(MessagingSettings settings) {
        return settings.policy();
    }

    /**
     * Woken at each commit (a pooled processor would poll every 500 ms: the trigger-to-Kafka budget is
     * 100 ms), starting at the head of the stream: accepted messages of the past are never sent again.
     */
    @Bean
    ConfigurerModule channelDispatchProcessor(@Value("${retailpulse.processors.batch-size}") int batchSize) {
        return configurer -> configurer.eventProcessing(processing -> processing.registerEventProcessor(
                ChannelDispatch.PROCESSING_GROUP, (name, config, invoker) -> AxonConfig.trackingAfterProcessing(
                        name, config, invoker, batchSize, source -> source.createHeadToken())));
    }
}
