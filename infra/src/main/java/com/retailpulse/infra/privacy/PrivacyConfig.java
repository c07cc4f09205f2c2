package com.retailpulse.infra.privacy;

import com.mongodb.client.MongoClient;
import com.retailpulse.privacy.CustomerKeyStore;
import com.retailpulse.privacy.IdentifierPseudonymizer;
import com.retailpulse.privacy.MasterKey;
import com.retailpulse.privacy.PiiCipher;
import com.retailpulse.privacy.PrivacyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;

/** The privacy module's objects, from {@code retailpulse.privacy.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PrivacySettings.class)
class PrivacyConfig {

    private static final Logger log = LoggerFactory.getLogger(PrivacyConfig.class);

    @Bean
    MasterKey masterKey(PrivacySettings settings, @Value("${retailpulse.data-dir}") Path dataDir) {
        if (settings.masterKey() != null && !settings.masterKey().isBlank()) {
            MasterKey key = MasterKey.fromBase64(settings.masterKey());
            log.info("Personal data protected with the configured master key {}", key.id());
            return key;
        }
        Path file = dataDir.resolve("privacy").resolve("master.key");
        MasterKey key = MasterKey.loadOrCreate(file);
        log.info("Personal data protected with master key {} from {} (set RETAILPULSE_PRIVACY_MASTER_KEY in production;"
                + " losing this file loses every encrypted value)", key.id(), file.toAbsolutePath());
        return key;
    }

    /** Fails the start when the stored customer keys were wrapped with another master key. */
    @Bean
    CustomerKeyStore customerKeyStore(MongoClient client, @Value("${spring.data.mongodb.database}") String database,
                                      MasterKey master, Clock clock) {
        CustomerKeyStore store = new CustomerKeyStore(client.getDatabase(database), master, clock);
        store.verifyMasterKey();
        return store;
    }

    @Bean
    PiiCipher piiCipher(CustomerKeyStore keys, PrivacySettings settings) {
        return new PiiCipher(keys, settings.keyCacheSize(), settings.keyCacheTtl());
    }

    @Bean
    IdentifierPseudonymizer identifierPseudonymizer(PrivacySettings settings, MasterKey master) {
        if (settings.identifierSecret() != null && !settings.identifierSecret().isBlank()) {
            try {
                return new IdentifierPseudonymizer(Base64.getDecoder().decode(settings.identifierSecret().strip()));
            } catch (IllegalArgumentException e) {
                throw new PrivacyException("retailpulse.privacy.identifier-secret is not valid base64: " + e.getMessage(), e);
            }
        }
        return new IdentifierPseudonymizer(master.derive("retailpulse identifier pseudonyms v1"));
    }
}
