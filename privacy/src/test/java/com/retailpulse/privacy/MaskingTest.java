package com.retailpulse.privacy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MaskingTest {

    @Test
    void a_mainland_mobile_shows_its_first_three_and_last_four_digits_however_it_was_written() {
        assertThat(Masking.phone("13812345678")).isEqualTo("138****5678");
        assertThat(Masking.phone("+86 138-1234-5678")).isEqualTo("138****5678");
        assertThat(Masking.phone("+44 20 7946 0018")).isEqualTo("442****0018");
    }

    @Test
    void a_short_number_shows_only_its_last_two_digits() {
        assertThat(Masking.phone("12345")).isEqualTo("***45");
    }

    @Test
    void an_email_shows_the_first_letter_and_the_domain() {
        assertThat(Masking.email("alice@example.com")).isEqualTo("a***@example.com");
        assertThat(Masking.email(" 王小明@例子.公司 ")).isEqualTo("王***@例子.公司");
        assertThat(Masking.email("not-an-address")).isEqualTo("***");
    }

    @Test
    void a_name_shows_its_first_character_chinese_or_latin() {
        assertThat(Masking.name("张三丰")).isEqualTo("张**");
        assertThat(Masking.name("张三")).isEqualTo("张*");
        assertThat(Masking.name("李")).isEqualTo("李*");
        assertThat(Masking.name("Alice")).isEqualTo("A****");
        assertThat(Masking.name("𠮷野家")).as("a character outside the BMP counts as one").isEqualTo("𠮷**");
    }

    @Test
    void an_address_shows_the_city_or_the_first_token() {
        assertThat(Masking.address("上海市浦东新区世纪大道100号")).isEqualTo("上海市***");
        assertThat(Masking.address("广东省深圳市南山区科技园")).isEqualTo("广东省***");
        assertThat(Masking.address("London, 10 Downing Street")).isEqualTo("London***");
        assertThat(Masking.address("Springfield 742 Evergreen Terrace")).isEqualTo("Springfield***");
        assertThat(Masking.address("浦东新区世纪大道100号")).isEqualTo("浦东***");
    }

    @Test
    void absent_values_stay_absent() {
        assertThat(Masking.name(null)).isNull();
        assertThat(Masking.phone(null)).isNull();
        assertThat(Masking.email(null)).isNull();
        assertThat(Masking.address(null)).isNull();
    }
}
