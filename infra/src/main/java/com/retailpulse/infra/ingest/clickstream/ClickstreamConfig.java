package com.retailpulse.infra.ingest.clickstream;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ClickstreamSettings.class)
class ClickstreamConfig {
}
