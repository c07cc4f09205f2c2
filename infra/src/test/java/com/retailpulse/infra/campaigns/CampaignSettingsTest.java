package com.retailpulse.infra.campaigns;

import com.retailpulse.contracts.common.Money;
import com.retailpulse.contracts.message.Channel;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ByteArrayResource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code retailpulse.campaigns} read from YAML as the application reads it, and the message costs made of it. */
class CampaignSettingsTest {

    private static CampaignSettings bind(String yaml) {
        try {
            List<PropertySource<?>> sources = new YamlPropertySourceLoader()
                    .load("test", new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)));
            StandardEnvironment environment = new StandardEnvironment();
            sources.forEach(environment.getPropertySources()::addFirst);
            return Binder.get(environment).bind("retailpulse.campaigns", CampaignSettings.class).get();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    @Test
    void a_listed_channel_costs_what_is_set_in_the_budget_currency_and_an_unlisted_one_nothing() {
        CampaignSettings settings = bind("""
                retailpulse:
                  campaigns:
                    unit-costs:
                      sms: {CNY: 0.05, eur: 0.007}
                      app-push: {CNY: 0}
                    attribution-window: 3d
                """);
        SettingsChannelCosts costs = settings.channelCosts();
        assertThat(costs.unitCost(Channel.SMS, "CNY")).isEqualTo(Money.of("0.05", "CNY"));
        assertThat(costs.unitCost(Channel.SMS, "EUR")).as("currency codes in any case").isEqualTo(Money.of("0.007", "EUR"));
        assertThat(costs.unitCost(Channel.APP_PUSH, "CNY").amount()).isZero();
        assertThat(costs.unitCost(Channel.INBOX, "JPY")).isEqualTo(Money.of("0", "JPY"));
        assertThat(settings.attributionWindow()).isEqualTo(Duration.ofDays(3));
    }

    @Test
    void a_listed_channel_without_the_budget_currency_is_named_with_the_setting_to_add() {
        SettingsChannelCosts costs = bind("""
                retailpulse.campaigns.unit-costs.email: {CNY: 0.01}
                retailpulse.campaigns.attribution-window: 7d
                """).channelCosts();
        assertThat(costs.problem(Channel.EMAIL, "CNY")).isNull();
        assertThat(costs.problem(Channel.EMAIL, "USD")).isEqualTo("retailpulse.campaigns.unit-costs.email has costs in CNY but not in USD;"
                + " add retailpulse.campaigns.unit-costs.email.USD or budget in one of those currencies");
        assertThatThrownBy(() -> costs.unitCost(Channel.EMAIL, "USD")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not in USD");
    }

    @Test
    void an_unknown_channel_a_bad_currency_or_a_negative_cost_stops_the_start_naming_the_setting() {
        assertThatThrownBy(() -> bind("""
                retailpulse.campaigns: {unit-costs: {pigeon: {CNY: 1}}, attribution-window: 7d}
                """).channelCosts()).hasMessage("retailpulse.campaigns.unit-costs names an unknown channel 'pigeon'; known: "
                + Channel.codes());
        assertThatThrownBy(() -> bind("""
                retailpulse.campaigns: {unit-costs: {sms: {YUAN: 1}}, attribution-window: 7d}
                """).channelCosts()).hasMessageContaining("retailpulse.campaigns.unit-costs.sms has 'YUAN'");
        assertThatThrownBy(() -> bind("""
                retailpulse.campaigns: {unit-costs: {sms: {CNY: -0.01}}, attribution-window: 7d}
                """).channelCosts()).hasMessage("retailpulse.campaigns.unit-costs.sms.CNY must be zero or more, got -0.01");
    }

    @Test
    void the_attribution_window_must_be_positive() {
        assertThatThrownBy(() -> bind("""
                retailpulse.campaigns: {attribution-window: 0s}
                """)).isInstanceOf(BindException.class)
                .satisfies(e -> assertThat(rootCause(e)).hasMessageContaining("retailpulse.campaigns.attribution-window must be a positive duration"));
        assertThat(bind("retailpulse.campaigns: {attribution-window: 7d}").channelCosts().problem(Channel.SMS, "CNY")).isNull();
    }
}
