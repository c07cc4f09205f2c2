package com.retailpulse.privacy;

import com.retailpulse.contracts.customer.CustomerIdentifier;
import com.retailpulse.contracts.customer.IdentifierType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdentifierPseudonymizerTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private final IdentifierPseudonymizer pseudonyms = new IdentifierPseudonymizer(SECRET);

    @Test
    void phone_numbers_keep_digits_and_an_international_prefix() {
        assertThat(IdentifierPseudonymizer.normalizePhone("138 0013 8000")).isEqualTo("+8613800138000");
        assertThat(IdentifierPseudonymizer.normalizePhone("+86 138-0013-8000")).isEqualTo("+8613800138000");
        assertThat(IdentifierPseudonymizer.normalizePhone("0086 13800138000")).isEqualTo("+8613800138000");
        assertThat(IdentifierPseudonymizer.normalizePhone("+44 (20) 7946.0018")).isEqualTo("+442079460018");
        assertThat(IdentifierPseudonymizer.normalizePhone("020-12345678")).as("a landline without prefix stays national")
                .isEqualTo("02012345678");
    }

    @Test
    void a_phone_that_is_not_a_number_is_refused_without_repeating_it() {
        assertThatThrownBy(() -> IdentifierPseudonymizer.normalizePhone("call 13800138000"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("13800138000");
        assertThatThrownBy(() -> IdentifierPseudonymizer.normalizePhone("123")).hasMessageContaining("6 to 15 digits");
        assertThatThrownBy(() -> IdentifierPseudonymizer.normalizePhone("+1234567890123456")).hasMessageContaining("has 16");
        assertThatThrownBy(() -> IdentifierPseudonymizer.normalizePhone(" ")).hasMessage("is empty");
    }

    @Test
    void emails_are_trimmed_and_lower_cased_and_must_look_like_addresses() {
        assertThat(IdentifierPseudonymizer.normalizeEmail("  Alice.Smith@Example.COM ")).isEqualTo("alice.smith@example.com");
        assertThatThrownBy(() -> IdentifierPseudonymizer.normalizeEmail("alice@localhost")).hasMessageContaining("not an e-mail");
        assertThatThrownBy(() -> IdentifierPseudonymizer.normalizeEmail("alice example.com")).hasMessageContaining("not an e-mail");
    }

    @Test
    void the_same_phone_written_two_ways_gives_the_same_stable_token() {
        CustomerIdentifier a = pseudonyms.phone("138 0013 8000");
        CustomerIdentifier b = pseudonyms.phone("+86-138-0013-8000");
        assertThat(a).isEqualTo(b);
        assertThat(a.type()).isEqualTo(IdentifierType.PHONE);
        assertThat(a.value()).doesNotContain("138").hasSize(27).matches("[A-Za-z0-9_-]+");
        assertThat(new IdentifierPseudonymizer(SECRET).phone("13800138000")).as("stable across instances").isEqualTo(a);
        assertThat(pseudonyms.email("Alice@Example.com")).isEqualTo(pseudonyms.email("alice@example.com"));
    }

    @Test
    void tokens_differ_by_value_by_type_and_by_secret() {
        assertThat(pseudonyms.phone("13800138000").value()).isNotEqualTo(pseudonyms.phone("13800138001").value());
        assertThat(pseudonyms.token(IdentifierType.PHONE, "x")).isNotEqualTo(pseudonyms.token(IdentifierType.EMAIL, "x"));
        byte[] other = SECRET.clone();
        other[0] ^= 1;
        assertThat(new IdentifierPseudonymizer(other).phone("13800138000")).isNotEqualTo(pseudonyms.phone("13800138000"));
    }

    @Test
    void a_short_secret_is_refused() {
        assertThatThrownBy(() -> new IdentifierPseudonymizer(new byte[16])).isInstanceOf(PrivacyException.class)
                .hasMessageContaining("at least 32 bytes");
    }
}
