package com.retailpulse.infra.config;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Periodic read-side work, e.g. recomputing the RFM quintiles as the population changes. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SchedulingConfig {
}
