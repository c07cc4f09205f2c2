package com.retailpulse.infra.messaging;

import com.retailpulse.command.customer.MessagingPolicy;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The guardrails the Customer aggregate applies to every message (docs/messaging.md). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MessagingSettings.class)
class MessagingConfig {

    @Bean
    MessagingPolicy messagingPolicy(MessagingSettings settings) {
        return settings.policy();
    }
}
