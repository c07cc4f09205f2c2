package com.retailpulse.infra.ingest.ecommerce;

import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The platforms whose orders are understood: the built-in ones plus those configured. Mappings are
 * checked at start-up, so a wrong one stops the application with the setting named.
 */
@Component
public class EcommercePlatforms {

    private final Map<String, OrderMapper> mappers;

    public EcommercePlatforms(EcommerceSettings settings) {
        Map<String, MappingSettings> mappings = new HashMap<>(BuiltInPlatforms.all());
        settings.platforms().forEach((name, platform) -> mappings.put(name.toLowerCase(Locale.ROOT),
                platform == null ? null : platform.mapping()));
        Map<String, OrderMapper> compiled = new HashMap<>();
        mappings.forEach((name, mapping) -> compiled.put(name, OrderMapper.compile(name, mapping)));
        this.mappers = Map.copyOf(compiled);
    }

    public Optional<OrderMapper> mapper(String platform) {
        return platform == null ? Optional.empty() : Optional.ofNullable(mappers.get(platform.toLowerCase(Locale.ROOT)));
    }

    public String names() {
        return String.join(", ", new TreeSet<>(mappers.keySet()));
    }
}
