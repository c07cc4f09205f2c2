package com.retailpulse.infra.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.infra.support.Api;
import com.retailpulse.infra.support.IntegrationTest;
import com.retailpulse.privacy.PiiCipher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** CRM data in the profile: attributes and consents for everyone, personal data masked but for ADMIN, gone with the key. */
@IntegrationTest
class MemberProfileInProfileTest {

    @LocalServerPort
    int port;
    Api api;
    @Autowired
    PiiCipher cipher;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    private JsonNode profile(String customerId, String auth, java.util.function.Predicate<JsonNode> ready) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/v1/customers/" + customerId + "/profile", auth),
                r -> r.status() == 200 && ready.test(r.json())).json();
    }

    @Test
    void a_crm_member_shows_attributes_consents_and_masked_personal_data_and_erasure_leaves_nothing_readable() {
        String code = "CRM" + UUID.randomUUID().toString().substring(0, 8);
        String phone = "138" + String.format("%08d", Math.abs(code.hashCode()) % 100_000_000);
        LocalDate birthday = LocalDate.now(ZoneOffset.UTC).minusYears(30).plusDays(3);
        Api.Response recorded = api.postJson("/api/v1/members", Api.ingest(), """
                {"memberCode": "%s", "level": "gold", "birthday": "%s", "gender": "female", "region": "Guangzhou",
                 "householdSize": 3, "hasChildren": true, "name": "张三丰", "phone": "%s", "email": "zhang.sanfeng@example.com",
                 "address": "广州市天河区体育西路 1 号", "optIns": {"sms": true, "email": false}}""".formatted(code, birthday, phone));
        assertThat(recorded.status()).as(recorded.body()).isLessThan(300);
        String customerId = await().until(() -> api.get("/api/v1/customers?identifier=member:" + code, Api.analyst()),
                r -> r.status() == 200).json().get("customerId").asText();

        JsonNode masked = profile(customerId, Api.analyst(), p -> p.at("/attributes/level").asText().equals("gold"));
        assertThat(masked.at("/attributes/region").asText()).isEqualTo("Guangzhou");
        assertThat(masked.at("/consents/sms~1marketing/granted").asBoolean()).isTrue();
        assertThat(masked.at("/consents/email~1marketing/granted").asBoolean()).isFalse();
        assertThat(masked.at("/tags/consent.sms.marketing").asBoolean()).isTrue();
        assertThat(masked.at("/tags/consent.contactable/0").asText()).isEqualTo("sms");
        assertThat(masked.at("/tags/member.level").asText()).isEqualTo("gold");
        assertThat(masked.at("/tags/member.age").asLong()).isEqualTo(29);
        assertThat(masked.at("/tags/member.ageBand").asText()).isEqualTo("25_34");
        assertThat(masked.at("/tags/member.birthdayWithin7d").asBoolean()).isTrue();
        assertThat(masked.at("/tags/member.hasChildren").asBoolean()).isTrue();
        JsonNode personal = masked.get("personal");
        assertThat(personal.get("phone").asText()).isEqualTo(phone.substring(0, 3) + "****" + phone.substring(7));
        assertThat(personal.get("name").asText()).startsWith("张").doesNotContain("三丰");
        assertThat(personal.get("email").asText()).doesNotContain("zhang.sanfeng");
        assertThat(masked.toString()).doesNotContain("zhang.sanfeng@example.com").doesNotContain(phone).doesNotContain("体育西路");

        JsonNode clear = profile(customerId, Api.admin(), p -> true).get("personal");
        assertThat(clear.get("phone").asText()).endsWith(phone);
        assertThat(clear.get("name").asText()).isEqualTo("张三丰");
        assertThat(clear.get("email").asText()).isEqualTo("zhang.sanfeng@example.com");

        // crypto-shredding: once the key is gone, no copy is readable, not even for the admin
        cipher.forget(new CustomerId(customerId));
        JsonNode erased = profile(customerId, Api.admin(), p -> true).get("personal");
        assertThat(erased.get("phone").asText()).isEqualTo("[erased]");
        assertThat(erased.get("address").asText()).isEqualTo("[erased]");
        assertThat(profile(customerId, Api.analyst(), p -> true).at("/attributes/level").asText()).isEqualTo("gold");
    }

    @Test
    void hot_weather_in_the_customers_region_tags_them_when_the_definition_asks_for_it() {
        String region = "Region" + UUID.randomUUID().toString().substring(0, 6);
        String code = "HW" + UUID.randomUUID().toString().substring(0, 8);
        api.postJson("/api/v1/members", Api.ingest(), """
                {"memberCode": "%s", "region": "%s"}""".formatted(code, region));
        String customerId = await().until(() -> api.get("/api/v1/customers?identifier=member:" + code, Api.analyst()),
                r -> r.status() == 200).json().get("customerId").asText();
        profile(customerId, Api.analyst(), p -> p.at("/attributes/region").asText().equals(region));

        String today = LocalDate.now(ZoneOffset.UTC).toString();
        Api.Response loaded = api.postText("/api/v1/context/weather", Api.marketer(), "text/csv",
                "region,date,min_temp_c,max_temp_c,condition\n" + region + "," + today + ",27,36,sunny\n"
                        + region + ",not-a-date,1,2,x\n");
        assertThat(loaded.status()).as(loaded.body()).isEqualTo(200);
        assertThat(loaded.json().get("loaded").asInt()).isEqualTo(1);
        assertThat(loaded.json().at("/rejected/0/reason").asText()).startsWith("date: not an ISO date");

        String key = "hot_" + region.substring(6).toLowerCase();
        Api.Response defined = api.putJson("/api/v1/tags/definitions/" + key, Api.marketer(), """
                {"name": "Hot-weather region", "condition": {"context": "hot_weather", "minTempC": 32}}""");
        assertThat(defined.status()).as(defined.body()).isEqualTo(200);
        JsonNode tags = profile(customerId, Api.analyst(), p -> p.at("/tags").has("scenario." + key)).get("tags");
        assertThat(tags.get("scenario." + key).asBoolean()).isTrue();
    }
}
