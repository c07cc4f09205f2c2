package com.retailpulse.infra.ingest.crm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailpulse.contracts.customer.ConsentChannel;
import com.retailpulse.contracts.customer.Gender;
import com.retailpulse.contracts.customer.Household;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MemberRowParserTest {

    private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");
    private final MemberRowParser parser = new MemberRowParser(Clock.fixed(NOW, ZoneOffset.UTC));
    private final ObjectMapper json = new ObjectMapper();

    private static MemberInput row(String... pairs) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put(pairs[i], pairs[i + 1]);
        }
        return new MemberInput(values, List.of());
    }

    @Test
    void a_full_crm_row_is_read_with_phone_and_email_normalised() {
        MemberRowParser.Result result = parser.parse(row("member_code", "M-1001", "level", "金卡", "birthday", "1990-05-01",
                "gender", "女", "household_size", "3", "has_children", "yes", "name", " 张三 ", "phone", "138 0013 8000",
                "email", "Zhang.San@Example.com", "address", "上海市浦东新区世纪大道100号", "optin_sms", "1",
                "optin_email", "N", "optin_wechat", "", "updated_at", "2026-11-20T10:00:00+08:00"));
        assertThat(result.errors()).isEmpty();
        ParsedMember m = result.member();
        assertThat(m.memberCode()).isEqualTo("M-1001");
        assertThat(m.level()).isEqualTo("金卡");
        assertThat(m.birthday()).isEqualTo(LocalDate.of(1990, 5, 1));
        assertThat(m.gender()).isEqualTo(Gender.FEMALE);
        assertThat(m.household()).isEqualTo(new Household(3, true));
        assertThat(m.name()).isEqualTo("张三");
        assertThat(m.phone()).isEqualTo("+8613800138000");
        assertThat(m.email()).isEqualTo("zhang.san@example.com");
        assertThat(m.optIns()).containsExactlyInAnyOrderEntriesOf(Map.of(ConsentChannel.SMS, true, ConsentChannel.EMAIL, false));
        assertThat(m.updatedAt()).isEqualTo(Instant.parse("2026-11-20T02:00:00Z"));
        assertThat(m.source()).isEqualTo("crm");
        assertThat(m.toString()).doesNotContain("张三").doesNotContain("138");
    }

    @Test
    void only_the_member_code_is_required() {
        MemberRowParser.Result result = parser.parse(row("member_code", "12347"));
        assertThat(result.valid()).isTrue();
        assertThat(result.member().household()).isNull();
        assertThat(result.member().optIns()).isEmpty();
        assertThat(parser.parse(row("name", "张三")).errors()).containsExactly("member_code: is required");
    }

    @Test
    void every_bad_field_is_named_and_personal_data_is_never_repeated() {
        MemberRowParser.Result result = parser.parse(row("member_code", "M 1", "level", "**gold**", "birthday", "2030-01-01",
                "gender", "robot", "household_size", "many", "has_children", "perhaps", "phone", "call me 13800138000",
                "email", "zhang.at.example.com", "optin_sms", "sure", "updated_at", "yesterday"));
        assertThat(result.valid()).isFalse();
        assertThat(result.errors()).anySatisfy(e -> assertThat(e).startsWith("member_code:"))
                .anySatisfy(e -> assertThat(e).startsWith("level:"))
                .anySatisfy(e -> assertThat(e).isEqualTo("birthday: '2030-01-01' is in the future"))
                .anySatisfy(e -> assertThat(e).startsWith("gender: unknown gender 'robot'; known: female, male, other, undisclosed"))
                .anySatisfy(e -> assertThat(e).startsWith("household_size: 'many' is not a whole number"))
                .anySatisfy(e -> assertThat(e).startsWith("has_children: 'perhaps' is not a yes/no value"))
                .anySatisfy(e -> assertThat(e).startsWith("phone: may only contain digits"))
                .anySatisfy(e -> assertThat(e).startsWith("email: is not an e-mail address"))
                .anySatisfy(e -> assertThat(e).startsWith("optin_sms: 'sure'"))
                .anySatisfy(e -> assertThat(e).startsWith("updated_at: 'yesterday' is not a time"));
        assertThat(String.join(" ", result.errors())).doesNotContain("13800138000").doesNotContain("zhang.at");
    }

    @Test
    void a_malformed_date_and_an_implausible_birthday_are_refused() {
        assertThat(parser.parse(row("member_code", "M1", "birthday", "1990-13-45")).errors())
                .containsExactly("birthday: '1990-13-45' is not a date like 1990-05-01 (ISO-8601, yyyy-MM-dd)");
        assertThat(parser.parse(row("member_code", "M1", "birthday", "1850-01-01")).errors())
                .containsExactly("birthday: '1850-01-01' is before 1900-01-01");
        assertThat(parser.parse(row("member_code", "M1", "updated_at", "2026-12-24T08:00:00Z")).errors())
                .singleElement().asString().contains("is in the future");
    }

    @Test
    void json_members_use_camel_case_names_and_an_opt_ins_object() throws Exception {
        MemberInput input = MemberJson.toInput(json.readTree("""
                {"memberCode":"M-7","householdSize":2,"hasChildren":false,"gender":"male",
                 "optIns":{"sms":true,"app-push":false},"optin_email":"yes"}"""));
        MemberRowParser.Result result = parser.parse(input);
        assertThat(result.errors()).isEmpty();
        assertThat(result.member().household()).isEqualTo(new Household(2, false));
        assertThat(result.member().optIns()).containsExactlyInAnyOrderEntriesOf(
                Map.of(ConsentChannel.SMS, true, ConsentChannel.APP_PUSH, false, ConsentChannel.EMAIL, true));
    }

    @Test
    void unknown_json_fields_channels_and_nested_values_are_named() throws Exception {
        MemberInput input = MemberJson.toInput(json.readTree("""
                {"memberCode":"M-7","phon":"1","optIns":{"pigeon":true},"level":{"name":"gold"}}"""));
        assertThat(parser.parse(input).errors())
                .anySatisfy(e -> assertThat(e).startsWith("phon: unknown field; known fields: member_code, level"))
                .anySatisfy(e -> assertThat(e).startsWith("optIns.pigeon: unknown channel; known: sms, email, wechat, app-push"))
                .anySatisfy(e -> assertThat(e).isEqualTo("level: must be text, a number or true/false"));
    }
}
