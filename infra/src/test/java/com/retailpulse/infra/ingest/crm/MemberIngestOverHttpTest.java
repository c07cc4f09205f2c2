package com.retailpulse.infra.ingest.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailpulse.contracts.common.EncryptedValue;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.infra.support.Api;
import com.retailpulse.infra.support.Histories;
import com.retailpulse.infra.support.IntegrationTest;
import com.retailpulse.privacy.PiiCipher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class MemberIngestOverHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    PiiCipher cipher;
    @Value("${retailpulse.data-dir}")
    Path dataDir;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    void a_crm_member_is_recorded_once_with_personal_data_only_encrypted_and_shredded_when_forgotten() throws Exception {
        CrmSamples.Member member = CrmSamples.newMember();
        String body = member.json("gold", ",\"optIns\":{\"sms\":true,\"email\":false},\"updatedAt\":\"2026-11-20T10:00:00+08:00\"");
        Api.Response accepted = api.postJson("/api/v1/members", Api.ingest(), body);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.json().get("profileRecorded").asBoolean()).isTrue();
        assertThat(accepted.json().get("consentsRecorded").asInt()).isEqualTo(2);

        Api.Response again = api.postJson("/api/v1/members", Api.ingest(), body);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json().get("profileRecorded").asBoolean()).isFalse();
        assertThat(again.json().get("consentsRecorded").asInt()).isZero();

        String customerId = CrmSamples.customerIdOf(api, member.code());
        assertThat(customerId).isEqualTo(accepted.json().get("customerId").asText());
        Api.Response history = api.get("/api/v1/customers/" + customerId + "/events", Api.auditor());
        assertThat(history.body()).as("no clear personal data in the stored events")
                .doesNotContain(member.name()).doesNotContain(member.phoneDigits()).doesNotContain(member.phone())
                .doesNotContain(member.email()).doesNotContain(member.email().toLowerCase()).doesNotContain(member.address())
                .doesNotContain("上海市");
        JsonNode all = history.json().get("events");
        // the pseudonymised phone and e-mail are linked to the member as identifiers of their own
        assertThat(all).filteredOn(e -> e.get("type").asText().equals("IdentifierLinkedEvent"))
                .extracting(e -> e.at("/payload/identifier/type").asText()).containsExactlyInAnyOrder("PHONE", "EMAIL");
        JsonNode events = Histories.withoutIdentifierLinks(all);
        assertThat(events).extracting(e -> e.get("type").asText()).containsExactly("CustomerCreatedEvent",
                "MemberProfileRecordedEvent", "ConsentGivenEvent", "ConsentWithdrawnEvent");
        JsonNode profile = events.get(1).get("payload");
        assertThat(profile.get("memberCode").asText()).isEqualTo(member.code());
        assertThat(profile.get("level").asText()).isEqualTo("gold");
        assertThat(profile.get("birthday").asText()).isEqualTo("1990-05-01");
        assertThat(profile.get("gender").asText()).isEqualTo("female");
        assertThat(profile.at("/household/size").asInt()).isEqualTo(3);
        assertThat(profile.get("recordedAt").asText()).isEqualTo("2026-11-20T02:00:00Z");
        assertThat(profile.get("source").asText()).isEqualTo("crm");
        assertThat(events.get(1).at("/metadata/issuedBy").asText()).isEqualTo("ingest-key");
        assertThat(events.get(1).at("/metadata/source").asText()).isEqualTo("http:/api/v1/members");
        assertThat(events.get(2).at("/payload/channel").asText()).isEqualTo("sms");
        assertThat(events.get(2).at("/payload/purpose").asText()).isEqualTo("marketing");
        assertThat(events.get(3).at("/payload/channel").asText()).isEqualTo("email");

        EncryptedValue name = JSON.treeToValue(profile.get("name"), EncryptedValue.class);
        EncryptedValue phone = JSON.treeToValue(profile.get("phone"), EncryptedValue.class);
        EncryptedValue email = JSON.treeToValue(profile.get("email"), EncryptedValue.class);
        assertThat(name.keyId()).startsWith(customerId + "/");
        assertThat(cipher.decrypt(name)).contains(member.name());
        assertThat(cipher.decrypt(phone)).as("stored normalised").contains("+86" + member.phoneDigits());
        assertThat(cipher.decrypt(email)).contains(member.email().toLowerCase());

        assertThat(cipher.forget(new CustomerId(customerId))).isTrue();
        assertThat(cipher.decrypt(name)).isEmpty();
        assertThat(cipher.decrypt(phone)).isEmpty();
        assertThat(cipher.decrypt(email)).isEmpty();
    }

    @Test
    void a_changed_member_profile_is_recorded_again() {
        CrmSamples.Member member = CrmSamples.newMember();
        api.postJson("/api/v1/members", Api.ingest(), member.json("gold", ""));
        Api.Response upgraded = api.postJson("/api/v1/members", Api.ingest(), member.json("platinum", ""));
        assertThat(upgraded.json().get("profileRecorded").asBoolean()).isTrue();
        JsonNode events = CrmSamples.events(api, CrmSamples.customerIdOf(api, member.code()));
        assertThat(Histories.withoutIdentifierLinks(events)).extracting(e -> e.get("type").asText())
                .containsExactly("CustomerCreatedEvent", "MemberProfileRecordedEvent", "MemberProfileRecordedEvent");
        assertThat(events.get(events.size() - 1).at("/payload/level").asText()).isEqualTo("platinum");
    }

    @Test
    void a_member_that_breaks_the_contract_is_refused_naming_each_field_without_echoing_personal_data() {
        CrmSamples.Member member = CrmSamples.newMember();
        String bad = """
                {"memberCode":"%s","birthday":"2999-01-01","gender":"robot","phone":"tel %s","email":"nobody-at-example",
                 "optIns":{"fax":true},"shoeSize":42}""".formatted(member.code(), member.phoneDigits());
        Api.Response refused = api.postJson("/api/v1/members", Api.ingest(), bad);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("title").asText()).isEqualTo("Invalid member");
        assertThat(refused.json().get("errors")).extracting(JsonNode::asText)
                .anySatisfy(e -> assertThat(e).isEqualTo("birthday: '2999-01-01' is in the future"))
                .anySatisfy(e -> assertThat(e).startsWith("gender: unknown gender 'robot'"))
                .anySatisfy(e -> assertThat(e).startsWith("phone: may only contain digits"))
                .anySatisfy(e -> assertThat(e).startsWith("email: is not an e-mail address"))
                .anySatisfy(e -> assertThat(e).startsWith("optIns.fax: unknown channel"))
                .anySatisfy(e -> assertThat(e).startsWith("shoeSize: unknown field"));
        assertThat(refused.body()).doesNotContain(member.phoneDigits()).doesNotContain("nobody-at-example");
        assertThat(api.get("/api/v1/customers?identifier=member:" + member.code(), Api.analyst()).status()).isEqualTo(404);

        Api.Response broken = api.postJson("/api/v1/members", Api.ingest(), "[{\"memberCode\": ");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.json().get("detail").asText()).contains("not valid JSON");
    }

    @Test
    void in_an_array_the_valid_members_are_recorded_and_each_rejected_one_is_named_by_index() {
        CrmSamples.Member first = CrmSamples.newMember();
        CrmSamples.Member second = CrmSamples.newMember();
        String batch = "[" + first.json("gold", "") + ",{\"memberCode\":\"\",\"gender\":\"x\"}," + second.json("silver", "") + "]";
        Api.Response response = api.postJson("/api/v1/members", Api.ingest(), batch);
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        JsonNode result = response.json();
        assertThat(result.get("received").asInt()).isEqualTo(3);
        assertThat(result.get("changed").asInt()).isEqualTo(2);
        assertThat(result.get("rejected").asInt()).isEqualTo(1);
        assertThat(result.at("/rejects/0/index").asInt()).isEqualTo(1);
        assertThat(result.at("/rejects/0/errors")).extracting(JsonNode::asText)
                .contains("member_code: is required").anySatisfy(e -> assertThat(e).startsWith("gender:"));
        CrmSamples.customerIdOf(api, first.code());
        CrmSamples.customerIdOf(api, second.code());

        Api.Response resent = api.postJson("/api/v1/members", Api.ingest(), batch);
        assertThat(resent.json().get("changed").asInt()).isZero();
        assertThat(resent.json().get("unchanged").asInt()).isEqualTo(2);
    }

    @Test
    void only_sources_and_admins_may_send_members() {
        String member = CrmSamples.newMember().json("gold", "");
        assertThat(api.postJson("/api/v1/members", Api.analyst(), member).status()).isEqualTo(403);
        assertThat(api.postJson("/api/v1/members", Api.marketer(), member).status()).isEqualTo(403);
        assertThat(api.postJson("/api/v1/members", null, member).status()).isEqualTo(401);
        assertThat(api.postJson("/api/v1/members", Api.admin(), member).status()).isEqualTo(202);
    }

    @Test
    void the_embedded_master_key_is_kept_in_a_file_only_its_owner_can_read() throws Exception {
        Path key = dataDir.resolve("privacy").resolve("master.key");
        assertThat(key).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    }
}
