package com.retailpulse.infra.privacy;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * How personal data is protected (docs/privacy.md).
 *
 * @param masterKey        base64 of the 32-byte master key that wraps every customer data key; empty:
 *                         the embedded default's key file {@code <data-dir>/privacy/master.key}, created once
 * @param identifierSecret base64 of at least 32 bytes keying the phone/e-mail pseudonyms; empty: derived
 *                         from the master key
 * @param keyCacheSize     unwrapped customer keys kept in memory
 * @param keyCacheTtl      how long a cached key is used before it is read again, which bounds how long
 *                         another node can still open a forgotten customer's data
 */
@ConfigurationProperties("retailpulse.privacy")
public record PrivacySettings(String masterKey, String identifierSecret, Long keyCacheSize, Duration keyCacheTtl) {

    public PrivacySettings {
        keyCacheSize = keyCacheSize == null ? 10_000L : keyCacheSize;
        keyCacheTtl = keyCacheTtl == null ? Duration.ofMinutes(5) : keyCacheTtl;
    }
}
