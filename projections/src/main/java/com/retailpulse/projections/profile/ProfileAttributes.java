package com.retailpulse.projections.profile;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import com.retailpulse.contracts.common.EncryptedValue;
import com.retailpulse.contracts.customer.MemberProfileRecordedEvent;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Attributes sources state about a customer (member level, gender, …), consents per channel and
 * purpose, and encrypted personal data: each the latest statement per key, so records combine by
 * keeping the newest, and a late, older statement does not overwrite a newer one.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonIgnoreProperties(ignoreUnknown = true)
public class ProfileAttributes {

    /** A value as stated at a time, by a source. */
    public record Stated(String value, Instant at, String source) {
    }

    /** Consent for one channel and purpose. */
    public record Consent(boolean granted, Instant at, String source) {
    }

    TreeMap<String, Stated> values = new TreeMap<>();
    /** Encrypted personal data (name, phone, email, address) as stored in the events; readable only with the customer's key. */
    TreeMap<String, Stated> personal = new TreeMap<>();
    /** Keyed "channel/purpose", e.g. "sms/marketing". */
    TreeMap<String, Consent> consents = new TreeMap<>();

    public Map<String, Stated> values() {
        return values;
    }

    public Map<String, Stated> personal() {
        return personal;
    }

    public Map<String, Consent> consents() {
        return consents;
    }

    /** The CRM's member profile: a full statement, so fields it leaves empty are unknown again. */
    void member(MemberProfileRecordedEvent e) {
        Instant at = e.recordedAt();
        state("memberCode", e.memberCode(), at, e.source());
        state("level", e.level(), at, e.source());
        state("birthday", e.birthday() == null ? null : e.birthday().toString(), at, e.source());
        state("gender", e.gender() == null ? null : e.gender().code(), at, e.source());
        state("householdSize", e.household() == null || e.household().size() == null ? null
                : e.household().size().toString(), at, e.source());
        state("hasChildren", e.household() == null || e.household().hasChildren() == null ? null
                : e.household().hasChildren().toString(), at, e.source());
        state("region", e.region(), at, e.source());
        statePersonal("name", seal(e.name()), at, e.source());
        statePersonal("phone", seal(e.phone()), at, e.source());
        statePersonal("email", seal(e.email()), at, e.source());
        statePersonal("address", seal(e.address()), at, e.source());
    }

    /**
     * The record's personal data was erased: its sealed values go (unreadable anyway once the key is deleted),
     * and so do the birthday and the member code, which are kept in clear.
     */
    void erased() {
        personal.clear();
        values.remove("birthday");
        values.remove("memberCode");
    }

    /** Encrypted values as stored here: "keyId|algorithm|kind|ciphertext" (none of them contains '|'). */
    static String seal(EncryptedValue value) {
        return value == null ? null : String.join("|", value.keyId(), value.algorithm(), value.kind(), value.ciphertext());
    }

    public static EncryptedValue unseal(String sealed) {
        String[] parts = sealed.split("\\|", 4);
        return new EncryptedValue(parts[0], parts[1], parts[2], parts[3]);
    }

    void state(String key, String value, Instant at, String source) {
        keepNewest(values, key, new Stated(value, at, source));
    }

    void statePersonal(String key, String sealed, Instant at, String source) {
        keepNewest(personal, key, new Stated(sealed, at, source));
    }

    void consent(String channel, String purpose, boolean granted, Instant at, String source) {
        keepNewest(consents, channel + "/" + purpose, new Consent(granted, at, source));
    }

    private static void keepNewest(TreeMap<String, Consent> map, String key, Consent consent) {
        Consent current = map.get(key);
        if (current == null || !consent.at().isBefore(current.at())) {
            map.put(key, consent);
        }
    }

    /** A null value states "unknown" and removes an older value; a newer value is never replaced by an older one. */
    private static void keepNewest(TreeMap<String, Stated> map, String key, Stated stated) {
        Stated current = map.get(key);
        if (stated.value() == null) {
            if (current != null && !stated.at().isBefore(current.at())) {
                map.remove(key);
            }
            return;
        }
        if (current == null || !stated.at().isBefore(current.at())) {
            map.put(key, stated);
        }
    }

    ProfileAttributes plus(ProfileAttributes other) {
        ProfileAttributes sum = new ProfileAttributes();
        for (ProfileAttributes a : new ProfileAttributes[]{this, other}) {
            a.values.forEach((k, v) -> keepNewest(sum.values, k, v));
            a.personal.forEach((k, v) -> keepNewest(sum.personal, k, v));
            a.consents.forEach((k, c) -> keepNewest(sum.consents, k, c));
        }
        return sum;
    }
}
