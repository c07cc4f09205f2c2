package com.retailpulse.infra.privacy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.infra.support.TestStack;
import com.retailpulse.privacy.IdentifierPseudonymizer;
import com.retailpulse.privacy.MasterKey;
import com.retailpulse.privacy.PiiCipher;
import com.retailpulse.privacy.PiiKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The privacy wiring against the shared test stack's real Mongo-wire server. */
class PrivacyConfigTest {

    @TempDir
    Path dataDir;
    private final String database = "privacy-config-" + UUID.randomUUID();

    private ApplicationContextRunner runner(String... properties) {
        return new ApplicationContextRunner()
                .withUserConfiguration(PrivacyConfig.class)
                .withBean(MongoClient.class, () -> MongoClients.create(TestStack.get().mongo().address()),
                        definition -> definition.setDestroyMethodName("close"))
                .withBean(Clock.class, Clock::systemUTC)
                .withPropertyValues("retailpulse.data-dir=" + dataDir, "spring.data.mongodb.database=" + database)
                .withPropertyValues(properties);
    }

    private static String randomKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Test
    void a_configured_master_key_is_used_and_no_key_file_is_written() {
        String key = randomKey();
        runner("retailpulse.privacy.master-key=" + key).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(MasterKey.class).id()).isEqualTo(MasterKey.fromBase64(key).id());
            assertThat(dataDir.resolve("privacy/master.key")).doesNotExist();
            PiiCipher cipher = context.getBean(PiiCipher.class);
            CustomerId id = new CustomerId(UUID.randomUUID().toString());
            assertThat(cipher.decrypt(cipher.encrypt(id, PiiKind.NAME, "张三"))).contains("张三");
        });
    }

    @Test
    void a_node_with_another_master_key_than_the_stored_keys_refuses_to_start() {
        runner("retailpulse.privacy.master-key=" + randomKey()).run(context ->
                context.getBean(PiiCipher.class).encrypt(new CustomerId(UUID.randomUUID().toString()), PiiKind.NAME, "x"));
        runner("retailpulse.privacy.master-key=" + randomKey()).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("were wrapped with master key")
                    .hasMessageContaining("RETAILPULSE_PRIVACY_MASTER_KEY");
        });
    }

    @Test
    void a_master_key_that_is_not_32_bytes_of_base64_refuses_to_start() {
        runner("retailpulse.privacy.master-key=c2hvcnQ=").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("must be 32 bytes");
        });
    }

    @Test
    void the_identifier_secret_is_derived_from_the_master_key_unless_configured() {
        String key = randomKey();
        String secret = randomKey();
        runner("retailpulse.privacy.master-key=" + key).run(derived ->
                runner("retailpulse.privacy.master-key=" + key).run(sameKey ->
                        runner("retailpulse.privacy.master-key=" + key, "retailpulse.privacy.identifier-secret=" + secret).run(own -> {
                            String phone = "13800138000";
                            assertThat(derived.getBean(IdentifierPseudonymizer.class).phone(phone))
                                    .isEqualTo(sameKey.getBean(IdentifierPseudonymizer.class).phone(phone))
                                    .isNotEqualTo(own.getBean(IdentifierPseudonymizer.class).phone(phone));
                        })));
    }
}
