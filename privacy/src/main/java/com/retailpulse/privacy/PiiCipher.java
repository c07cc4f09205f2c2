package com.retailpulse.privacy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.retailpulse.contracts.common.EncryptedValue;
import com.retailpulse.contracts.customer.CustomerId;

import javax.crypto.AEADBadTagException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Encrypts personal data with the data key of the customer it belongs to, opens it again while
 * that key exists, and forgets a customer by deleting the key. Unwrapped keys are cached in memory,
 * bounded in number and time; {@link #forget} evicts at once on this node, other nodes within the
 * cache's time to live.
 */
public final class PiiCipher {

    public static final String ALGORITHM = "AES-256-GCM";

    private final CustomerKeyStore keys;
    private final Cache<String, DataKey> cache;

    public PiiCipher(CustomerKeyStore keys, long cacheSize, Duration cacheTtl) {
        this.keys = keys;
        this.cache = Caffeine.newBuilder().maximumSize(cacheSize).expireAfterWrite(cacheTtl).build();
    }

    /** Seals {@code plaintext} for the customer, creating its key on first use; null stays null. */
    public EncryptedValue encrypt(CustomerId customerId, PiiKind kind, String plaintext) {
        if (plaintext == null) {
            return null;
        }
        DataKey key = cache.get(customerId.value(), keys::findOrCreate);
        byte[] sealed = Aead.seal(key.key(), plaintext.getBytes(StandardCharsets.UTF_8), binding(key.keyId(), kind.code()));
        return new EncryptedValue(key.keyId(), ALGORITHM, kind.code(), Base64.getEncoder().encodeToString(sealed));
    }

    /**
     * The clear value, or empty when the customer's key that sealed it was deleted (the customer
     * was forgotten).
     *
     * @throws PrivacyException when the value was altered, or the master key is not the one that wrapped the key
     */
    public Optional<String> decrypt(EncryptedValue value) {
        if (!ALGORITHM.equals(value.algorithm())) {
            throw new PrivacyException("unsupported algorithm '" + value.algorithm() + "' (expected " + ALGORITHM + ")");
        }
        String customerId = DataKey.customerIdOf(value.keyId());
        Optional<DataKey> key = Optional.ofNullable(cache.getIfPresent(customerId)).or(() -> {
            Optional<DataKey> stored = keys.find(customerId);
            stored.ifPresent(k -> cache.put(customerId, k));
            return stored;
        });
        if (key.isEmpty() || !key.get().keyId().equals(value.keyId())) {
            return Optional.empty(); // shredded: the key, or the generation that sealed it, is gone
        }
        try {
            byte[] clear = Aead.open(key.get().key(), Base64.getDecoder().decode(value.ciphertext()),
                    binding(value.keyId(), value.kind()));
            return Optional.of(new String(clear, StandardCharsets.UTF_8));
        } catch (AEADBadTagException | IllegalArgumentException e) {
            throw new PrivacyException("the encrypted " + value.kind() + " sealed with " + value.keyId()
                    + " does not open: it was altered or labelled with the wrong kind", e);
        }
    }

    /**
     * A keyed hash of the values under the customer's own key: equal values give equal fingerprints
     * while the key lives, so an aggregate can tell "nothing changed" without holding clear data,
     * and after {@link #forget} nobody can test a guess against an old fingerprint.
     */
    public String fingerprint(CustomerId customerId, List<String> values) {
        DataKey key = cache.get(customerId.value(), keys::findOrCreate);
        byte[] fingerprintKey = MasterKey.hmac(key.key().getEncoded(), "retailpulse fingerprint");
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(fingerprintKey, "HmacSHA256"));
            for (String value : values) {
                // length-prefixed, with null distinct from "", so no two value lists collide by concatenation
                if (value == null) {
                    mac.update((byte) 0);
                } else {
                    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
                    mac.update((byte) 1);
                    mac.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
                    mac.update(bytes);
                }
            }
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(mac.doFinal(), 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /**
     * Crypto-shredding: deletes the customer's data key, so every value sealed with it, in every
     * event and copy, stays unreadable. A later {@link #encrypt} creates a new key.
     *
     * @return true when there was a key to delete
     */
    public boolean forget(CustomerId customerId) {
        cache.invalidate(customerId.value());
        boolean deleted = keys.delete(customerId.value());
        cache.invalidate(customerId.value()); // a concurrent decrypt may have cached it between the two calls
        return deleted;
    }

    private static String binding(String keyId, String kind) {
        return "pii|" + keyId + "|" + kind;
    }
}
