package com.retailpulse.infra.ingest.ecommerce;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EcommerceSettings.class)
class EcommerceConfig {
}
