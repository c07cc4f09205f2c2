package com.retailpulse.infra.support;

import com.retailpulse.infra.RetailPulseApplication;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The whole platform on a random HTTP port against the shared real {@link TestStack}. Every test
 * class uses exactly this configuration, so they share one cached application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = RetailPulseApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "retailpulse.local-stack.enabled=false",
                "retailpulse.security.admin-password=" + TestUsers.ADMIN_PASSWORD,
                "retailpulse.security.ingest-key=" + TestUsers.INGEST_KEY,
                "retailpulse.security.users.ana.password=" + TestUsers.PASSWORD,
                "retailpulse.security.users.ana.roles=ANALYST",
                "retailpulse.security.users.audrey.password=" + TestUsers.PASSWORD,
                "retailpulse.security.users.audrey.roles=AUDITOR",
                "retailpulse.security.users.mark.password=" + TestUsers.PASSWORD,
                "retailpulse.security.users.mark.roles=MARKETER",
                // The recommendation test trains on a few hundred purchases, not hundreds of thousands.
                "retailpulse.models.recommendations.dimension=32",
                "retailpulse.models.recommendations.epochs=40",
                "retailpulse.models.recommendations.learning-rate=0.05",
                "retailpulse.models.recommendations.batch-size=128",
                // Journey waits run 600 times sooner (30 minutes in 3 s); quiet hours off, so tests do not
                // depend on the time of day they run at (the guardrail is tested in CustomerMessagingTest).
                "retailpulse.journeys.time-scale=600",
                "retailpulse.messaging.quiet-hours.from=00:00",
                "retailpulse.messaging.quiet-hours.until=00:00",
                // Channel tests (docs/channels.md): providers on free-ish ports the tests read back from ChannelSettings
                // (own consumer group: platforms the crash tests start on the same broker are not its partners)
                "retailpulse.channels.group-id=retailpulse-channels-it",
                "retailpulse.channels.email.host=127.0.0.1",
                "retailpulse.channels.email.port=${random.int[20000,29999]}",
                "retailpulse.channels.sms.url=http://127.0.0.1:${random.int[20000,29999]}/sms",
                "retailpulse.channels.webhook.url=http://127.0.0.1:${random.int[20000,29999]}/hook",
                "retailpulse.channels.webhook.secret=channels-test-webhook-secret",
        })
@ContextConfiguration(initializers = TestStackInitializer.class)
@AutoConfigureObservability(tracing = false)
public @interface IntegrationTest {
}
