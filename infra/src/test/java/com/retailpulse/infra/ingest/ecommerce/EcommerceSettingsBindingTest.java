package com.retailpulse.infra.ingest.ecommerce;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The YAML of docs/sources/ecommerce.md binds as documented. */
class EcommerceSettingsBindingTest {

    private static EcommerceSettings bind(String resource) throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        new YamlPropertySourceLoader().load("test", new ClassPathResource(resource))
                .forEach(environment.getPropertySources()::addFirst);
        return new Binder(ConfigurationPropertySources.get(environment))
                .bind("retailpulse.ecommerce", EcommerceSettings.class).get();
    }

    @Test
    void configured_platforms_add_to_and_replace_the_built_ins_and_pull_sources_bind_with_defaults() throws IOException {
        EcommerceSettings settings = bind("ecommerce/ecommerce-settings.yml");

        MappingSettings myshop = settings.platforms().get("myshop").mapping();
        assertThat(myshop.buyerPhone()).isEqualTo("/customer/phone");
        assertThat(myshop.paidStatuses()).containsExactly("paid", "shipped", "delivered");
        assertThat(myshop.item().unitPrice()).isEqualTo("/price");

        EcommercePlatforms platforms = new EcommercePlatforms(settings);
        assertThat(platforms.names()).isEqualTo("jd, myshop, tmall");
        var order = platforms.mapper("jd").orElseThrow().map(new ObjectMapper().readTree("""
                {"order_no": 5, "buyer": "b", "time": 1795000000, "state": "OK", "skus": [{"id": "s", "n": 1, "p": 2}]}"""));
        assertThat(order.recordedOrderId()).isEqualTo("jd:5");

        EcommerceSettings.Pull flagship = settings.pull().get("flagship-tmall");
        assertThat(flagship.url()).isEqualTo(URI.create("http://127.0.0.1:9/api/tmall/trades?page_size=100"));
        assertThat(flagship.headers()).isEqualTo(Map.of("Authorization", "Bearer token"));
        assertThat(flagship.interval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(flagship.backoff()).isEqualTo(Duration.ofMillis(250));
        assertThat(List.of(flagship.maxAttempts(), flagship.maxPagesPerPoll())).containsExactly(2, 20);

        EcommerceSettings.Pull minimal = settings.pull().get("minimal");
        assertThat(minimal.cursorParameter()).isEqualTo("cursor");
        assertThat(minimal.ordersPath()).isEqualTo("/orders");
        assertThat(minimal.nextCursorPath()).isEqualTo("/nextCursor");
        assertThat(minimal.interval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(minimal.maxAttempts()).isEqualTo(4);
    }

    @Test
    void a_pull_source_of_an_unknown_platform_stops_the_start() {
        var pull = new EcommerceSettings.Pull("pinduoduo", URI.create("http://127.0.0.1:9/"), null, null, null, null, null,
                null, null, null, null, null);
        EcommerceSettings settings = new EcommerceSettings(Map.of(), Map.of("pdd", pull));
        assertThatThrownBy(() -> new EcommercePullPollers(settings, new EcommercePlatforms(settings), null, null, new ObjectMapper()))
                .hasMessage("retailpulse.ecommerce.pull.pdd.platform: no mapping for 'pinduoduo'; known platforms: jd, tmall");
    }
}
