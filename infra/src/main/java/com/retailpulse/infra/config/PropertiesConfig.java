package com.retailpulse.infra.config;

import com.retailpulse.infra.security.SecuritySettings;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({KafkaSettings.class, SecuritySettings.class})
class PropertiesConfig {
}
