package com.retailpulse.privacy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.retailpulse.contracts.common.EncryptedValue;
import com.retailpulse.contracts.customer.CustomerId;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Against a real Mongo-wire server (in memory), as the platform runs it. */
class PiiCipherTest {

    private static MongoServer server;
    private static MongoClient client;
    private MongoDatabase database;
    private MasterKey master;
    private PiiCipher cipher;

    @BeforeAll
    static void startServer() {
        server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
    }

    @AfterAll
    static void stopServer() {
        client.close();
        server.shutdownNow();
    }

    @BeforeEach
    void setUp() {
        database = client.getDatabase("privacy-" + UUID.randomUUID());
        master = randomMasterKey();
        cipher = cipherWith(master);
    }

    private PiiCipher cipherWith(MasterKey key) {
        return new PiiCipher(new CustomerKeyStore(database, key, Clock.systemUTC()), 1_000, Duration.ofMinutes(5));
    }

    private static MasterKey randomMasterKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return MasterKey.fromBase64(Base64.getEncoder().encodeToString(bytes));
    }

    private static CustomerId customer() {
        return new CustomerId(UUID.randomUUID().toString());
    }

    @Test
    void what_is_encrypted_for_a_customer_decrypts_to_the_same_text() {
        CustomerId zhang = customer();
        EncryptedValue name = cipher.encrypt(zhang, PiiKind.NAME, "张三丰");
        assertThat(name.keyId()).startsWith(zhang.value() + "/");
        assertThat(name.algorithm()).isEqualTo("AES-256-GCM");
        assertThat(name.kind()).isEqualTo("name");
        assertThat(name.ciphertext()).doesNotContain("张三丰");
        assertThat(cipher.decrypt(name)).contains("张三丰");
        assertThat(cipherWith(master).decrypt(name)).as("another node with the same master key, cold cache").contains("张三丰");
        assertThat(cipher.encrypt(zhang, PiiKind.NAME, null)).isNull();
    }

    @Test
    void the_same_text_encrypts_differently_each_time() {
        CustomerId id = customer();
        EncryptedValue a = cipher.encrypt(id, PiiKind.PHONE, "13800138000");
        EncryptedValue b = cipher.encrypt(id, PiiKind.PHONE, "13800138000");
        assertThat(a.ciphertext()).isNotEqualTo(b.ciphertext());
        assertThat(a.keyId()).isEqualTo(b.keyId());
    }

    @Test
    void two_customers_have_different_keys_stored_wrapped() {
        CustomerId a = customer();
        CustomerId b = customer();
        EncryptedValue forA = cipher.encrypt(a, PiiKind.EMAIL, "a@example.com");
        EncryptedValue forB = cipher.encrypt(b, PiiKind.EMAIL, "a@example.com");
        assertThat(forA.keyId()).isNotEqualTo(forB.keyId());
        Document storedA = database.getCollection("customer_keys").find(new Document("_id", a.value())).first();
        Document storedB = database.getCollection("customer_keys").find(new Document("_id", b.value())).first();
        assertThat(storedA.getString("wrappedKey")).isNotEqualTo(storedB.getString("wrappedKey"));
        assertThat(Base64.getDecoder().decode(storedA.getString("wrappedKey")))
                .as("nonce + wrapped 32-byte key + tag").hasSize(12 + 32 + 16);
        assertThat(storedA.getString("masterKeyId")).isEqualTo(master.id());

        // b's key cannot open a's value even if someone relabels it
        EncryptedValue relabelled = new EncryptedValue(forB.keyId(), forA.algorithm(), forA.kind(), forA.ciphertext());
        assertThatThrownBy(() -> cipher.decrypt(relabelled)).isInstanceOf(PrivacyException.class).hasMessageContaining("does not open");
    }

    @Test
    void a_value_passed_off_as_another_kind_does_not_open() {
        EncryptedValue phone = cipher.encrypt(customer(), PiiKind.PHONE, "13800138000");
        EncryptedValue asName = new EncryptedValue(phone.keyId(), phone.algorithm(), "name", phone.ciphertext());
        assertThatThrownBy(() -> cipher.decrypt(asName)).isInstanceOf(PrivacyException.class);
    }

    @Test
    void after_forget_every_value_of_the_customer_is_unreadable_and_a_new_encrypt_uses_a_new_key() {
        CustomerId id = customer();
        CustomerId other = customer();
        EncryptedValue before = cipher.encrypt(id, PiiKind.ADDRESS, "上海市浦东新区世纪大道100号");
        EncryptedValue othersValue = cipher.encrypt(other, PiiKind.ADDRESS, "北京市");
        assertThat(cipher.decrypt(before)).isPresent(); // now cached

        assertThat(cipher.forget(id)).isTrue();
        assertThat(cipher.decrypt(before)).as("shredded, though its key was cached").isEmpty();
        assertThat(cipherWith(master).decrypt(before)).as("on any node").isEmpty();
        assertThat(cipher.decrypt(othersValue)).as("other customers keep theirs").contains("北京市");

        EncryptedValue after = cipher.encrypt(id, PiiKind.ADDRESS, "杭州市");
        assertThat(after.keyId()).startsWith(id.value() + "/").isNotEqualTo(before.keyId());
        assertThat(cipher.decrypt(after)).contains("杭州市");
        assertThat(cipher.decrypt(before)).as("the old generation stays shredded").isEmpty();
        assertThat(cipher.forget(customer())).as("nothing to forget").isFalse();
    }

    @Test
    void fingerprints_are_equal_for_equal_values_and_change_after_forget() {
        CustomerId id = customer();
        String first = cipher.fingerprint(id, List.of("张三", "13800138000"));
        assertThat(cipher.fingerprint(id, List.of("张三", "13800138000"))).isEqualTo(first);
        assertThat(cipher.fingerprint(id, List.of("张三", "13800138001"))).isNotEqualTo(first);
        assertThat(cipher.fingerprint(id, java.util.Arrays.asList("张三1", null)))
                .isNotEqualTo(cipher.fingerprint(id, java.util.Arrays.asList("张三", "1")));
        assertThat(cipher.fingerprint(customer(), List.of("张三", "13800138000"))).as("per customer").isNotEqualTo(first);
        cipher.forget(id);
        assertThat(cipher.fingerprint(id, List.of("张三", "13800138000"))).isNotEqualTo(first);
    }

    @Test
    void a_wrong_master_key_fails_with_a_message_that_names_both_keys_and_the_setting() {
        EncryptedValue value = cipher.encrypt(customer(), PiiKind.NAME, "Alice");
        MasterKey wrong = randomMasterKey();
        PiiCipher misconfigured = cipherWith(wrong);
        assertThatThrownBy(() -> misconfigured.decrypt(value)).isInstanceOf(PrivacyException.class)
                .hasMessageContaining("wrapped with master key " + master.id())
                .hasMessageContaining("configured master key is " + wrong.id())
                .hasMessageContaining("retailpulse.privacy.master-key");
        assertThatThrownBy(() -> new CustomerKeyStore(database, wrong, Clock.systemUTC()).verifyMasterKey())
                .isInstanceOf(PrivacyException.class).hasMessageContaining(wrong.id());
        new CustomerKeyStore(database, master, Clock.systemUTC()).verifyMasterKey();
    }

    @Test
    void a_wrapped_key_moved_to_another_customer_does_not_open() {
        CustomerId a = customer();
        CustomerId b = customer();
        cipher.encrypt(a, PiiKind.NAME, "Alice");
        var keys = database.getCollection("customer_keys");
        Document stolen = keys.find(new Document("_id", a.value())).first();
        keys.insertOne(new Document(stolen).append("_id", b.value()));
        assertThatThrownBy(() -> cipherWith(master).encrypt(b, PiiKind.NAME, "Bob")).isInstanceOf(PrivacyException.class)
                .hasMessageContaining("altered or moved");
    }
}
