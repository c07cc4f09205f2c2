package com.retailpulse.command.offer;

import com.retailpulse.contracts.offer.CouponCode;
import com.retailpulse.contracts.offer.OfferId;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CouponCodeTest {

    private static final OfferId OFFER = new OfferId("7KQ2M9TX");

    @Test
    void a_code_names_its_offer_and_reads_back_as_typed_by_a_person() {
        CouponCode code = CouponCode.of(OFFER, "4HW8ZP3RND");
        assertThat(code.value()).startsWith("7KQ2M9TX-4HW8ZP3RND").hasSize(20);
        assertThat(code.offer()).isEqualTo(OFFER);
        assertThat(CouponCode.parse(code.value().toLowerCase().replace("-", " "))).contains(code);
    }

    @Test
    void every_single_mistyped_character_and_swapped_neighbours_are_caught_by_the_check_character() {
        String alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        String valid = CouponCode.of(OFFER, "4HW8ZP3RND").value().replace("-", "");
        int missed = 0;
        for (int i = 0; i < valid.length(); i++) {
            for (char c : alphabet.toCharArray()) {
                if (c != valid.charAt(i)) {
                    String typo = valid.substring(0, i) + c + valid.substring(i + 1);
                    boolean zeroForZ = (valid.charAt(i) == '0' && c == 'Z') || (valid.charAt(i) == 'Z' && c == '0');
                    if (CouponCode.parse(typo).isPresent() && !zeroForZ) {
                        missed++;
                    }
                }
            }
            if (i + 1 < valid.length() && valid.charAt(i) != valid.charAt(i + 1)) {
                String swapped = valid.substring(0, i) + valid.charAt(i + 1) + valid.charAt(i) + valid.substring(i + 2);
                assertThat(CouponCode.parse(swapped)).as(swapped).isEmpty();
            }
        }
        assertThat(missed).isZero();
    }

    @Test
    void random_parts_from_the_secure_source_do_not_repeat() {
        SecureRandomCouponCodes codes = new SecureRandomCouponCodes();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            assertThat(seen.add(codes.randomPart())).isTrue();
        }
    }
}
