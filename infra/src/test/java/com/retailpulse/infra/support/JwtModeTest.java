package com.retailpulse.infra.support;

import com.retailpulse.infra.RetailPulseApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The platform in production's sign-in mode: an OAuth2 resource server that trusts {@link TestIssuer}'s key, with
 * the console pointed at {@link TestIssuer}'s identity provider (JwtModeSecurityTest, with the console's sign-in
 * nested in it). A JWT-mode test class uses exactly this configuration, so they share one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = RetailPulseApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "retailpulse.local-stack.enabled=false",
                "retailpulse.security.mode=jwt",
                "retailpulse.security.ingest-key=" + TestUsers.INGEST_KEY,
                "retailpulse.kafka.ingest.enabled=false"})
@ContextConfiguration(initializers = {TestStackInitializer.class, TestIssuer.Initializer.class})
public @interface JwtModeTest {
}
