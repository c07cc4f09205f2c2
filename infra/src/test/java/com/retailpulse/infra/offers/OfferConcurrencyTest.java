package com.retailpulse.infra.offers;

import com.retailpulse.contracts.offer.CouponIssuedEvent;
import com.retailpulse.contracts.offer.CouponRedeemedEvent;
import com.retailpulse.infra.support.Api;
import com.retailpulse.infra.support.Offers;
import com.retailpulse.infra.support.IntegrationTest;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static com.retailpulse.infra.offers.OfferFixtures.issue;
import static com.retailpulse.infra.offers.OfferFixtures.redemption;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issuance never oversells and redemption is idempotent, under concurrent HTTP calls on the real stack.
 * The event store is read back as the witness of what was recorded.
 */
@IntegrationTest
class OfferConcurrencyTest {

    private static final int THREADS = 16;
    private static final int STOCK = 300;
    private static final int PER_CUSTOMER = 2;
    private static final int CUSTOMERS = 160;
    private static final int ISSUANCES = 450;
    private static final int RETRIES = 50;

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    record Call(String issuanceId, String customerId, int status, String code, String reason) {
    }

    private static <T> List<T> race(List<Callable<T>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private <E> List<E> recorded(String offer, Class<E> type) {
        return eventStore.readEvents(offer).asStream().map(e -> e.getPayload()).filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void sixteen_threads_asking_for_500_coupons_of_a_stock_of_300_get_exactly_300_distinct_codes_and_no_customer_more_than_2()
            throws Exception {
        List<String> customers = OfferFixtures.customers(api, CUSTOMERS);
        String offer = Offers.active(api, OfferFixtures.tieredOffer("Flash 100-20", STOCK, PER_CUSTOMER));

        // 450 issuances spread over 160 customers (up to 3 asks each), and 50 of them sent twice, as a retrying journey would.
        List<Callable<Call>> calls = new ArrayList<>();
        for (int i = 0; i < ISSUANCES + RETRIES; i++) {
            int n = i < ISSUANCES ? i : (i - ISSUANCES) * 9;
            String customer = customers.get(n % CUSTOMERS);
            String issuanceId = "flash-" + n;
            calls.add(() -> {
                Api.Response r = api.postJson("/api/v1/offers/" + offer + "/coupons", Api.marketer(), issue(customer, issuanceId));
                boolean ok = r.status() == 200 || r.status() == 201;
                return new Call(issuanceId, customer, r.status(), ok ? r.json().get("code").asText() : null,
                        r.status() == 409 ? r.json().get("reason").asText() : null);
            });
        }
        Collections.shuffle(calls, new java.util.Random(7));
        long started = System.nanoTime();
        List<Call> results = race(calls);
        double seconds = (System.nanoTime() - started) / 1e9;

        assertThat(results).allMatch(c -> c.status() == 201 || c.status() == 200 || c.status() == 409, "only issued, replayed or refused");
        assertThat(results.stream().filter(c -> c.status() == 201)).hasSize(STOCK);
        Set<String> codes = results.stream().map(Call::code).filter(c -> c != null).collect(Collectors.toSet());
        assertThat(codes).hasSize(STOCK);
        Map<String, Set<String>> byCustomer = new HashMap<>();
        Map<String, Set<String>> byIssuance = new HashMap<>();
        results.stream().filter(c -> c.code() != null).forEach(c -> {
            byCustomer.computeIfAbsent(c.customerId(), k -> new HashSet<>()).add(c.code());
            byIssuance.computeIfAbsent(c.issuanceId(), k -> new HashSet<>()).add(c.code());
        });
        assertThat(byCustomer.values()).allMatch(held -> held.size() <= PER_CUSTOMER);
        assertThat(byIssuance.values()).as("a retried issuance answers the coupon of the first").allMatch(s -> s.size() == 1);
        assertThat(results.stream().collect(Collectors.groupingBy(Call::issuanceId,
                        Collectors.mapping(c -> c.code() != null, Collectors.toSet()))).values())
                .as("an issuance is either issued (then replayed) or refused, never both").allMatch(s -> s.size() == 1);
        assertThat(results.stream().filter(c -> c.status() == 409).map(Call::reason).collect(Collectors.toSet()))
                .isSubsetOf("OUT_OF_STOCK", "CUSTOMER_LIMIT_REACHED");

        List<CouponIssuedEvent> issued = recorded(offer, CouponIssuedEvent.class);
        assertThat(issued).hasSize(STOCK);
        assertThat(issued.stream().map(e -> e.code().value()).collect(Collectors.toSet())).isEqualTo(codes);
        await().atMost(Duration.ofSeconds(15)).until(() -> api.get("/api/v1/offers/" + offer, Api.analyst()).json(),
                o -> o.get("issued").asInt() == STOCK && o.get("stockLeft").asInt() == 0);
        System.out.printf("offers: %d issue calls over %d threads in %.2f s: %.0f calls/s, %d coupons issued (%.0f issued/s)%n",
                results.size(), THREADS, seconds, results.size() / seconds, STOCK, STOCK / seconds);
    }

    @Test
    void one_order_redeeming_from_many_threads_records_one_redemption_and_a_second_order_is_refused() throws Exception {
        String customer = OfferFixtures.customer(api);
        String offer = Offers.active(api, OfferFixtures.tieredOffer("Redeem race", 10, 1));
        Api.Response issued = api.postJson("/api/v1/offers/" + offer + "/coupons", Api.marketer(), issue(customer, "race-1"));
        String code = issued.json().get("code").asText();
        String path = "/api/v1/coupons/" + code + "/redemptions";

        List<Callable<Api.Response>> sameOrder = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            sameOrder.add(() -> api.postJson(path, Api.ingest(), redemption("order-A", customer, "250")));
        }
        long started = System.nanoTime();
        List<Api.Response> answers = race(sameOrder);
        double seconds = (System.nanoTime() - started) / 1e9;

        assertThat(answers.stream().filter(r -> r.status() == 201)).hasSize(1);
        assertThat(answers.stream().filter(r -> r.status() == 200)).hasSize(63);
        assertThat(answers.stream().map(r -> r.json().get("redeemedAt").asText() + " " + r.json().at("/discount/amount").decimalValue()
                .stripTrailingZeros().toPlainString()).distinct()).hasSize(1).allMatch(s -> s.endsWith(" 50"));

        List<Callable<Api.Response>> otherOrder = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            otherOrder.add(() -> api.postJson(path, Api.ingest(), redemption("order-B", customer, "250")));
        }
        assertThat(race(otherOrder)).allMatch(r -> r.status() == 409 && r.json().get("reason").asText().equals("ALREADY_REDEEMED"));

        List<CouponRedeemedEvent> redeemed = recorded(offer, CouponRedeemedEvent.class);
        assertThat(redeemed).hasSize(1);
        assertThat(redeemed.get(0).orderId()).isEqualTo("order-A");
        await().atMost(Duration.ofSeconds(15)).until(() -> api.get("/api/v1/coupons/" + code, Api.auditor()).json(),
                c -> "REDEEMED".equals(c.get("status").asText()) && "order-A".equals(c.at("/redemption/orderId").asText()));
        System.out.printf("offers: 64 concurrent redemptions of one coupon by one order in %.2f s%n", seconds);
    }
}
