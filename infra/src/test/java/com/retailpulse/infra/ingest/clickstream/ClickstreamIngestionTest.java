package com.retailpulse.infra.ingest.clickstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.CustomerIdentifier;
import com.retailpulse.contracts.customer.CustomerInteraction;
import com.retailpulse.contracts.customer.OrderLine;
import com.retailpulse.contracts.customer.RecordInteractionCommand;
import com.retailpulse.contracts.customer.RecordOrderCancellationCommand;
import com.retailpulse.contracts.customer.RecordOrderCommand;
import com.retailpulse.infra.identity.IdentityResolution;
import org.axonframework.messaging.MetaData;
import com.retailpulse.privacy.IdentifierPseudonymizer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** What reaches identity resolution and the customer, with a resolver that records what it is asked. */
class ClickstreamIngestionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

    private final List<List<CustomerIdentifier>> dispatched = new ArrayList<>();
    private final List<List<CustomerIdentifier>> resolvedOnly = new ArrayList<>();
    private final List<Object> commands = new ArrayList<>();

    private final IdentityResolution resolver = new IdentityResolution() {
        @Override
        @SuppressWarnings("unchecked")
        public <R> R dispatch(List<CustomerIdentifier> identifiers, Function<Resolved, Object> command, MetaData metaData) {
            dispatched.add(identifiers);
            commands.add(command.apply(new Resolved(CustomerId.firstSeenAs(identifiers.get(0)), identifiers.get(0))));
            return (R) Boolean.TRUE;
        }

        @Override
        public Resolved resolve(List<CustomerIdentifier> identifiers, MetaData metaData) {
            resolvedOnly.add(identifiers);
            return new Resolved(CustomerId.firstSeenAs(identifiers.get(0)), identifiers.get(0));
        }

        @Override
        public void released(List<CustomerIdentifier> identifiers) {
            throw new AssertionError("the clickstream never releases identifiers");
        }
    };
    private final IdentifierPseudonymizer pseudonyms = new IdentifierPseudonymizer(new byte[32]);
    private final ClickstreamIngestion ingestion = new ClickstreamIngestion(resolver, Clock.fixed(NOW, ZoneOffset.UTC),
            new ClickstreamSettings(1, null, null), pseudonyms);

    @AfterEach
    void stop() {
        ingestion.shutdown();
    }

    private ClickstreamIngestion.Outcome record(String type, String message) throws Exception {
        JsonNode json = JSON.readTree(message);
        return ingestion.record(List.of(json), type, null, ingestion.receivedNow("test", "test", null));
    }

    @Test
    void alias_resolves_both_ids_in_one_call_and_records_nothing_but_the_alias() throws Exception {
        var outcome = record("alias", "{\"messageId\":\"al-1\",\"previousId\":\"a-9\",\"userId\":\"12347\"}");

        assertThat(outcome.recorded()).isEqualTo(1);
        assertThat(resolvedOnly).isEmpty();
        assertThat(dispatched).containsExactly(List.of(CustomerIdentifier.parse("member:12347"), CustomerIdentifier.parse("device:a-9")));
        assertThat(commands).singleElement().isInstanceOfSatisfying(RecordInteractionCommand.class, c ->
                assertThat(c.interaction()).isEqualTo(new CustomerInteraction.Custom("al-1", NOW, "web", "Alias",
                        java.util.Map.of("previousId", "a-9"))));
    }

    @Test
    void identify_resolves_its_trait_identifiers_with_the_others_and_records_no_personal_trait() throws Exception {
        var outcome = record("identify", """
                {"messageId":"i-1","userId":"12347","anonymousId":"a-9",
                 "traits":{"email":"Ann@Example.com","phone":"0113 496 0000","name":"Ann"},
                 "context":{"externalIds":[{"type":"unionId","id":"u-1"}]}}""");

        assertThat(outcome.identified()).isEqualTo(1);
        assertThat(outcome.recorded()).isZero();
        assertThat(dispatched).singleElement().satisfies(ids -> assertThat(ids).extracting(CustomerIdentifier::key)
                .containsExactly("member:12347", "device:a-9", pseudonyms.phone("01134960000").key(),
                        pseudonyms.email("ann@example.com").key(), "unionid:wechat:u-1"));
        assertThat(commands).singleElement().isInstanceOfSatisfying(RecordInteractionCommand.class, c -> {
            assertThat(c.interaction()).isEqualTo(new CustomerInteraction.Custom("i-1", NOW, "web", "Identify", java.util.Map.of()));
            assertThat(c.toString()).doesNotContain("Ann").doesNotContain("496");
        });
    }

    @Test
    void order_completed_and_order_refunded_become_the_order_commands_other_sources_send() throws Exception {
        record("track", """
                {"event":"Order Completed","messageId":"oc","userId":"12347","timestamp":"2026-11-20T10:00:00Z",
                 "properties":{"order_id":"W-1","currency":"GBP","products":[{"sku":"22423","price":12.75,"quantity":2}]}}""");
        record("track", """
                {"event":"Order Refunded","messageId":"or","userId":"12347","timestamp":"2026-11-21T10:00:00Z",
                 "properties":{"order_id":"W-1","currency":"GBP","products":[{"sku":"22423","price":12.75}]}}""");

        CustomerIdentifier member = CustomerIdentifier.parse("member:12347");
        CustomerId customer = CustomerId.firstSeenAs(member);
        List<OrderLine> two = List.of(new OrderLine("22423", null, 2, new BigDecimal("12.75")));
        List<OrderLine> one = List.of(new OrderLine("22423", null, 1, new BigDecimal("12.75")));
        assertThat(commands).containsExactly(
                new RecordOrderCommand(customer, member, "W-1", Instant.parse("2026-11-20T10:00:00Z"), "GBP", two, "web", null),
                new RecordOrderCancellationCommand(customer, member, "W-1", Instant.parse("2026-11-21T10:00:00Z"), "GBP", one,
                        "web", null));
    }
}
