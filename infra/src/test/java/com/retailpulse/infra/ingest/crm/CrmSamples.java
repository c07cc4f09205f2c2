package com.retailpulse.infra.ingest.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.retailpulse.infra.support.Api;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.awaitility.Awaitility.await;

/** Members that no other test uses, with personal data that must never show in clear. */
final class CrmSamples {

    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 100_000_000L);

    private CrmSamples() {
    }

    record Member(String code, String name, String phone, String phoneDigits, String email, String address) {

        String json(String level, String extra) {
            return """
                    {"memberCode":"%s","level":"%s","birthday":"1990-05-01","gender":"female","householdSize":3,
                     "hasChildren":true,"name":"%s","phone":"%s","email":"%s","address":"%s"%s}
                    """.formatted(code, level, name, phone, email, address, extra);
        }

        String csvRow(String level) {
            return String.join(",", code, level, "1990-05-01", "女", "3", "yes", name, phone, email, "\"" + address + "\"", "1", "0");
        }
    }

    static final String CSV_HEADER = "member_code,level,birthday,gender,household_size,has_children,name,phone,email,address,optin_sms,optin_email";

    /** A member with a unique code, phone (a mainland mobile written with spaces) and e-mail. */
    static Member newMember() {
        long n = SEQUENCE.incrementAndGet() % 100_000_000L;
        String eight = String.format("%08d", n);
        String digits = "139" + eight;
        return new Member("crm" + System.nanoTime(), "欧阳娜娜" + eight.substring(6), "139 " + eight.substring(0, 4) + " " + eight.substring(4),
                digits, "Nana.Ouyang" + eight + "@Example.com", "上海市浦东新区世纪大道" + n + "号");
    }

    static String customerIdOf(Api api, String member) {
        Api.Response found = await().atMost(Duration.ofSeconds(10)).until(
                () -> api.get("/api/v1/customers?identifier=member:" + member, Api.analyst()),
                r -> r.status() == 200);
        return found.json().get("customerId").asText();
    }

    static JsonNode events(Api api, String customerId) {
        Api.Response history = api.get("/api/v1/customers/" + customerId + "/events", Api.auditor());
        if (history.status() != 200) {
            throw new AssertionError("events of " + customerId + ": " + history.status() + " " + history.body());
        }
        return history.json().get("events");
    }
}
