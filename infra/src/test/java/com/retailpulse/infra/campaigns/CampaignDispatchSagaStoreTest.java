package com.retailpulse.infra.campaigns;

import com.retailpulse.contracts.campaign.CampaignAllocation;
import com.retailpulse.contracts.campaign.CampaignGoal;
import com.retailpulse.contracts.campaign.CampaignId;
import com.retailpulse.contracts.campaign.CampaignPlan;
import com.retailpulse.contracts.campaign.CampaignVariant;
import com.retailpulse.contracts.common.Money;
import com.retailpulse.contracts.message.Channel;
import com.retailpulse.infra.support.IntegrationTest;
import com.retailpulse.sagas.campaign.CampaignDispatch;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dispatch saga as the platform stores it between batches (MongoDB, the JSON serializer) and loads it
 * for the next one: its plan with every variant, its place in the audience, its counts and its spend must
 * come back as they were, or a restart would resend customers or forget money spent.
 */
@IntegrationTest
class CampaignDispatchSagaStoreTest {

    @Autowired
    SagaStore<Object> sagaStore;

    @Test
    void a_dispatch_in_the_middle_of_its_run_comes_back_from_the_saga_store_as_it_was_saved() throws Exception {
        CampaignId campaign = new CampaignId("cmp-store-" + UUID.randomUUID().toString().substring(0, 8));
        CampaignPlan plan = new CampaignPlan("Singles' Day 双十一", CampaignGoal.REVENUE, Instant.parse("2026-11-01T00:00:00Z"),
                Instant.parse("2026-11-12T00:00:00Z"), Money.of("5000.00", "CNY"), List.of("high_value", "lapsed_90d"),
                List.of("complained"), List.of(
                        new CampaignVariant("sms-coupon", 3, Channel.SMS, null, "{{customer.id}}: 满100减20 {{offer.name}}", "7KQ2M9TX"),
                        new CampaignVariant("inbox", 1, Channel.INBOX, "双十一", "New season, new prices", null)),
                0.1, Instant.parse("2026-11-10T20:00:00Z"), 250, 70, CampaignAllocation.THOMPSON, 0.1);
        CampaignDispatch saga = new CampaignDispatch();
        Map<String, Object> state = Map.ofEntries(
                Map.entry("campaignId", campaign),
                Map.entry("plan", plan),
                Map.entry("running", true),
                Map.entry("completing", false),
                Map.entry("cursor", "c-00042"),
                Map.entry("batch", 17),
                Map.entry("nextBatchAt", Instant.parse("2026-11-10T20:00:17Z")),
                Map.entry("sentPerArm", new TreeMap<>(Map.of("sms-coupon", 3102L, "inbox", 1011L))),
                Map.entry("heldOut", 455L),
                Map.entry("spent", new BigDecimal("155.10")),
                Map.entry("weights", new LinkedHashMap<>(Map.of("sms-coupon", 812, "inbox", 188))),
                Map.entry("weightsVersion", 3),
                Map.entry("startSchedule", "4bd04076-a142-4fbb-809b-1677aaede0b3"),
                Map.entry("nextBatchSchedule", "89cac6d3-62c3-4152-8c23-3df09d966d01"),
                Map.entry("periodEndSchedule", "cd02f6cc-fe93-49fe-9c22-8f9c55dcd3c0"));
        state.forEach((name, value) -> set(saga, name, value));
        assertThat(fieldNames()).as("every field of the saga is part of this test").isEqualTo(state.keySet());

        String sagaId = UUID.randomUUID().toString();
        AssociationValue association = new AssociationValue("campaignId", campaign.value());
        sagaStore.insertSaga(CampaignDispatch.class, sagaId, saga, Set.of(association));

        assertThat(sagaStore.findSagas(CampaignDispatch.class, association)).containsExactly(sagaId);
        SagaStore.Entry<CampaignDispatch> loaded = sagaStore.loadSaga(CampaignDispatch.class, sagaId);
        // The counts may come back in another kind of map; what they say must not change (Long stays Long).
        assertThat(loaded.saga()).usingRecursiveComparison().ignoringFields("sentPerArm").isEqualTo(saga);
        assertThat(get(loaded.saga(), "sentPerArm")).isEqualTo(Map.of("sms-coupon", 3102L, "inbox", 1011L));
        assertThat(loaded.associationValues()).containsExactly(association);

        sagaStore.deleteSaga(CampaignDispatch.class, sagaId, Set.of(association));
        assertThat(sagaStore.findSagas(CampaignDispatch.class, association)).isEmpty();
    }

    private static Set<String> fieldNames() {
        return java.util.Arrays.stream(CampaignDispatch.class.getDeclaredFields())
                .filter(f -> !java.lang.reflect.Modifier.isStatic(f.getModifiers()))
                .map(Field::getName).collect(java.util.stream.Collectors.toSet());
    }

    private static Object get(Object target, String name) {
        try {
            Field field = CampaignDispatch.class.getDeclaredField(name);
            field.setAccessible(true);
            return field.get(target);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("CampaignDispatch has no field " + name, e);
        }
    }

    private static void set(Object target, String name, Object value) {
        try {
            Field field = CampaignDispatch.class.getDeclaredField(name);
            field.setAccessible(true);
            field.set(target, value);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("CampaignDispatch has no field " + name, e);
        }
    }
}
