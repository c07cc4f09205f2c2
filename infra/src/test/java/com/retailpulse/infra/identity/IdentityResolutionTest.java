package com.retailpulse.infra.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.retailpulse.contracts.customer.CustomerIdentifier;
import com.retailpulse.contracts.customer.CustomerInteraction;
import com.retailpulse.contracts.customer.ProductRef;
import com.retailpulse.contracts.customer.RecordInteractionCommand;
import com.retailpulse.contracts.identity.IdentifierClaimedEvent;
import com.retailpulse.infra.config.AxonConfig;
import com.retailpulse.infra.support.Api;
import com.retailpulse.infra.support.IntegrationTest;
import com.retailpulse.infra.support.Orders;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class IdentityResolutionTest {

    private static final MetaData TEST = MetaData.with(AxonConfig.ISSUED_BY, "identity-test").and(AxonConfig.SOURCE, "test");

    @LocalServerPort
    int port;
    Api api;
    @Autowired
    IdentityResolution identities;
    @Autowired
    EventStore eventStore;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    private boolean view(List<CustomerIdentifier> ids, String sku, String category) {
        return identities.dispatch(ids, r -> new RecordInteractionCommand(r.customerId(), r.identifier(),
                new CustomerInteraction.ProductView(UUID.randomUUID().toString(), Instant.now(), "app",
                        new ProductRef(sku, null, category, null, null))), TEST);
    }

    private String customerOf(String identifier) {
        return api.get("/api/v1/customers?identifier=" + identifier, Api.analyst()).json().path("customerId").asText(null);
    }

    private JsonNode profileWhen(String customerId, java.util.function.Predicate<JsonNode> ready) {
        return await().atMost(Duration.ofSeconds(15)).until(
                () -> api.get("/api/v1/customers/" + customerId + "/profile", Api.analyst()),
                r -> r.status() == 200 && ready.test(r.json())).json();
    }

    @Test
    void an_event_that_ties_two_known_customers_merges_them_and_an_unmerge_splits_them_again() {
        String member = Orders.newMember();
        CustomerIdentifier device = CustomerIdentifier.parse("device:tablet-" + member);
        CustomerIdentifier memberId = CustomerIdentifier.parse("member:" + member);
        // an anonymous app user browses fans; the member buys at the till
        view(List.of(device), "FAN-1", "fans");
        Api.Response order = api.postJson("/api/v1/ingest/orders", Api.ingest(),
                Orders.json("M-" + member, member, "2026-11-20T10:15:00Z", 1, "30.00"));
        String memberCustomer = order.json().get("customerId").asText();
        String deviceCustomer = await().until(() -> customerOf(device.key()), id -> id != null);
        assertThat(deviceCustomer).isNotEqualTo(memberCustomer);

        // the app user signs in: one message carries both identifiers
        view(List.of(device, memberId), "FAN-2", "fans");

        await().atMost(Duration.ofSeconds(15)).until(() -> memberCustomer.equals(customerOf(device.key())));
        JsonNode merged = profileWhen(memberCustomer, p -> p.at("/records").size() == 2
                && p.at("/tags/activity.view.total").asLong() == 2);
        assertThat(merged.at("/orders/count").asLong()).isEqualTo(1);
        assertThat(merged.at("/tags/behaviour.viewedCategories/0").asText()).isEqualTo("fans");
        assertThat(merged.at("/tags/funnel.viewToOrder").asDouble()).isEqualTo(0.5);
        assertThat(merged.get("identifiers")).extracting(JsonNode::asText).contains(device.key(), memberId.key());
        assertThat(merged.at("/merges/0/absorbed").asText()).isEqualTo(deviceCustomer);
        assertThat(merged.at("/merges/0/reason").asText()).contains(device.key()).contains(memberId.key());
        // the absorbed record's id still finds the customer, and both histories are kept
        assertThat(api.get("/api/v1/customers/" + deviceCustomer + "/profile", Api.analyst()).json().get("customerId").asText())
                .isEqualTo(memberCustomer);
        JsonNode history = api.get("/api/v1/customers/" + memberCustomer + "/events", Api.auditor()).json().get("events");
        assertThat(history).extracting(e -> e.get("type").asText())
                .contains("OrderPlacedEvent", "ProductViewedEvent", "CustomerMergedIntoEvent", "CustomersMergedEvent");
        assertThat(history).extracting(e -> e.get("recordId").asText()).contains(memberCustomer, deviceCustomer);

        // only an admin may undo it, and only a merge that happened
        String undo = "{\"absorbed\":\"" + deviceCustomer + "\",\"reason\":\"shared family tablet\"}";
        assertThat(api.postJson("/api/v1/customers/" + memberCustomer + "/unmerge", Api.analyst(), undo).status()).isEqualTo(403);
        assertThat(api.postJson("/api/v1/customers/" + deviceCustomer + "/unmerge", Api.admin(),
                "{\"absorbed\":\"" + memberCustomer + "\",\"reason\":\"x\"}").status()).isEqualTo(409);
        Api.Response undone = api.postJson("/api/v1/customers/" + memberCustomer + "/unmerge", Api.admin(), undo);
        assertThat(undone.status()).as(undone.body()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(15)).until(() -> deviceCustomer.equals(customerOf(device.key())));
        // each record keeps what was recorded on it: the signed-in view went to the member (the stronger identifier)
        JsonNode split = profileWhen(memberCustomer, p -> p.at("/records").size() == 1);
        assertThat(split.at("/tags/activity.view.total").asLong()).isEqualTo(1);
        assertThat(split.at("/orders/count").asLong()).isEqualTo(1);
        assertThat(split.at("/merges/0/unmergeReason").asText()).isEqualTo("shared family tablet");
        JsonNode restored = profileWhen(deviceCustomer, p -> p.get("customerId").asText().equals(deviceCustomer));
        assertThat(restored.at("/tags/activity.view.total").asLong()).isEqualTo(1);
        assertThat(restored.at("/orders/count").asLong()).isZero();
        assertThat(customerOf(memberId.key())).isEqualTo(memberCustomer);
    }

    @Test
    void an_operator_merge_of_an_unknown_customer_is_refused_and_blocks_nothing() {
        String member = Orders.newMember();
        String customer = api.postJson("/api/v1/ingest/orders", Api.ingest(),
                Orders.json("U-" + member, member, "2026-11-20T10:15:00Z", 1, "3.00")).json().get("customerId").asText();
        Api.Response refused = api.postJson("/api/v1/customers/" + customer + "/merges", Api.admin(),
                "{\"absorbed\":\"no-such-customer\",\"reason\":\"test\"}");
        assertThat(refused.status()).as(refused.body()).isEqualTo(404);
        assertThat(api.postJson("/api/v1/customers/" + customer + "/merges", Api.admin(), "{\"absorbed\":\"x\"}").status())
                .isEqualTo(400);
        // a later merge still goes through
        CustomerIdentifier other = CustomerIdentifier.parse("device:" + UUID.randomUUID());
        view(List.of(other), "A", null);
        String otherCustomer = await().until(() -> customerOf(other.key()), id -> id != null);
        Api.Response merged = api.postJson("/api/v1/customers/" + customer + "/merges", Api.admin(),
                "{\"absorbed\":\"" + otherCustomer + "\",\"reason\":\"same person, confirmed by phone\"}");
        assertThat(merged.status()).as(merged.body()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(15)).until(() -> customer.equals(customerOf(other.key())));
        // a record merged away cannot be merged again, nor survive: the operator is told whom to merge
        Api.Response again = api.postJson("/api/v1/customers/" + otherCustomer + "/merges", Api.admin(),
                "{\"absorbed\":\"" + customer + "\",\"reason\":\"oops\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("detail").asText()).contains("is part of customer " + customer);
    }

    /**
     * Eight writers send messages that tie identifiers of the same person together in random pairs,
     * all at once. Whatever the interleaving: each identifier has exactly one owner, every identifier of
     * a person ends at the same customer, different people never share one, and that customer's
     * profile counts every message.
     */
    @Test
    void parallel_writers_never_give_an_identifier_two_owners() throws Exception {
        int people = 8;
        int messages = 240;
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<Integer, List<CustomerIdentifier>> identifiersOf = new HashMap<>();
        for (int p = 0; p < people; p++) {
            identifiersOf.put(p, List.of(
                    CustomerIdentifier.parse("member:" + run + "-" + p),
                    CustomerIdentifier.parse("phone:h:" + run + "-" + p),
                    CustomerIdentifier.parse("openid:wechat:" + run + "-" + p),
                    CustomerIdentifier.parse("device:" + run + "-" + p + "-a"),
                    CustomerIdentifier.parse("device:" + run + "-" + p + "-b")));
        }
        AtomicInteger[] sent = new AtomicInteger[people];
        for (int p = 0; p < people; p++) {
            sent[p] = new AtomicInteger();
        }
        ExecutorService writers = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            int seed = w;
            done.add(writers.submit(() -> {
                Random random = new Random(seed);
                for (int i = 0; i < messages / 8; i++) {
                    int person = random.nextInt(people);
                    List<CustomerIdentifier> ids = identifiersOf.get(person);
                    CustomerIdentifier a = ids.get(random.nextInt(ids.size()));
                    CustomerIdentifier b = ids.get(random.nextInt(ids.size()));
                    assertThat(view(List.of(a, b), "SKU-" + i, null)).isTrue();
                    sent[person].incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        writers.shutdown();

        // every identifier that was sent was claimed exactly once
        Set<String> customers = new HashSet<>();
        for (int p = 0; p < people; p++) {
            List<CustomerIdentifier> ids = identifiersOf.get(p);
            int person = p;
            for (CustomerIdentifier id : ids) {
                long claims = eventStore.readEvents(id.key()).asStream()
                        .filter(e -> e.getPayload() instanceof IdentifierClaimedEvent).count();
                if (claims == 0) {
                    continue; // never drawn by the random writers
                }
                assertThat(claims).as(id.key()).isEqualTo(1);
                await().atMost(Duration.ofSeconds(15)).until(() -> customerOf(id.key()), c -> c != null);
            }
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                Map<String, String> resolved = new java.util.TreeMap<>();
                ids.forEach(i -> resolved.put(i.key(), String.valueOf(customerOf(i.key()))));
                assertThat(resolved.values().stream().filter(c -> !c.equals("null")).distinct().count())
                        .as("every identifier of person %d resolves to one customer: %s", person, resolved).isEqualTo(1);
            });
            String customer = ids.stream().map(i -> customerOf(i.key())).filter(c -> c != null).findFirst().orElseThrow();
            assertThat(customers.add(customer)).as("person %d has a customer of their own", p).isTrue();
            int expected = sent[p].get();
            profileWhen(customer, profile -> profile.at("/tags/activity.view.total").asLong() == expected);
        }
    }
}
