package com.retailpulse.infra.config;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Axon's update checker reads only the JVM system property {@code axoniq.update-checker.disabled}
 * (not Spring's environment), and otherwise phones home at start-up. The platform must not reach
 * out at run time, so the Spring setting of the same name is copied to the system property here,
 * before any Axon bean exists.
 */
public class UpdateCheckerOptOut implements EnvironmentPostProcessor {

    static final String KEY = "axoniq.update-checker.disabled";
    static final String CONSOLE_MESSAGE_KEY = "disable-axoniq-console-message";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (System.getProperty(KEY) == null) {
            System.setProperty(KEY, environment.getProperty(KEY, "true"));
        }
        // The same module advertises a hosted console at every start; nothing to act on here.
        System.setProperty(CONSOLE_MESSAGE_KEY, "true");
    }
}
