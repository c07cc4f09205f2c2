package com.retailpulse.privacy;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.Document;

import javax.crypto.AEADBadTagException;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;

/**
 * Per-customer data keys in MongoDB (collection {@value #COLLECTION}, {@code _id} = customer id),
 * each stored wrapped with the master key by AES-256-GCM; the wrap is bound to the customer id
 * and key id, so a wrapped key copied onto another customer does not open. Deleting a customer's
 * document is the erasure: every value sealed with that key becomes noise.
 */
public final class CustomerKeyStore {

    public static final String COLLECTION = "customer_keys";
    static final String WRAP_ALGORITHM = "AES-256-GCM";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MongoCollection<Document> keys;
    private final MasterKey master;
    private final Clock clock;

    public CustomerKeyStore(MongoDatabase database, MasterKey master, Clock clock) {
        this.keys = database.getCollection(COLLECTION);
        this.master = master;
        this.clock = clock;
    }

    /** The customer's key, if it has one (none yet, or deleted by {@link #delete}). */
    Optional<DataKey> find(String customerId) {
        return Optional.ofNullable(keys.find(Filters.eq("_id", customerId)).first()).map(this::unwrap);
    }

    /** The customer's key, created on first use. Two nodes racing to create it end up with the same one. */
    DataKey findOrCreate(String customerId) {
        Optional<DataKey> existing = find(customerId);
        if (existing.isPresent()) {
            return existing.get();
        }
        SecretKey key = newDataKey();
        byte[] generation = new byte[9];
        RANDOM.nextBytes(generation);
        String keyId = customerId + "/" + Base64.getUrlEncoder().withoutPadding().encodeToString(generation);
        byte[] wrapped = Aead.seal(master.secretKey(), key.getEncoded(), wrapBinding(customerId, keyId));
        Document doc = new Document("_id", customerId).append("keyId", keyId).append("algorithm", WRAP_ALGORITHM)
                .append("wrappedKey", Base64.getEncoder().encodeToString(wrapped))
                .append("masterKeyId", master.id()).append("createdAt", Date.from(clock.instant()));
        try {
            keys.insertOne(doc);
            return new DataKey(customerId, keyId, key);
        } catch (MongoWriteException e) {
            if (ErrorCategory.fromErrorCode(e.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return find(customerId).orElseThrow(() -> new PrivacyException(
                    "the data key of customer " + customerId + " was deleted while it was being created"));
        }
    }

    /** Crypto-shredding: the key is gone, and with it every value it sealed. */
    boolean delete(String customerId) {
        return keys.deleteOne(Filters.eq("_id", customerId)).getDeletedCount() > 0;
    }

    /**
     * Fails when the stored keys were wrapped with a different master key than the configured one,
     * so a misconfigured node stops at start instead of failing on the first customer it touches.
     */
    public void verifyMasterKey() {
        Document any = keys.find().limit(1).first();
        if (any != null) {
            checkMaster(any);
        }
    }

    private DataKey unwrap(Document doc) {
        String customerId = doc.getString("_id");
        String keyId = doc.getString("keyId");
        checkMaster(doc);
        try {
            byte[] raw = Aead.open(master.secretKey(), Base64.getDecoder().decode(doc.getString("wrappedKey")),
                    wrapBinding(customerId, keyId));
            return new DataKey(customerId, keyId, new SecretKeySpec(raw, "AES"));
        } catch (AEADBadTagException e) {
            throw new PrivacyException("the data key of customer " + customerId + " does not open with master key "
                    + master.id() + ": the stored key was altered or moved from another customer", e);
        }
    }

    private void checkMaster(Document doc) {
        String wrappedWith = doc.getString("masterKeyId");
        if (!master.id().equals(wrappedWith)) {
            throw new PrivacyException("customer data keys in '" + COLLECTION + "' were wrapped with master key "
                    + wrappedWith + ", but the configured master key is " + master.id()
                    + ": set retailpulse.privacy.master-key (RETAILPULSE_PRIVACY_MASTER_KEY) to the key the data was"
                    + " protected with, or restore the master key file");
        }
    }

    private static String wrapBinding(String customerId, String keyId) {
        return "customer-key|" + customerId + "|" + keyId;
    }

    private static SecretKey newDataKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, RANDOM);
            return generator.generateKey();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("AES is part of every JDK", e);
        }
    }
}
