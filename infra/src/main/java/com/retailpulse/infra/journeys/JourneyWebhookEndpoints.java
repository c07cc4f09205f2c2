package com.retailpulse.infra.journeys;

import com.retailpulse.infra.channels.ChannelSettings;
import com.retailpulse.infra.channels.SignedWebhookPost;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/** The configured webhook endpoints of journeys by name, each with its signed, retried POST. */
class JourneyWebhookEndpoints {

    private final Map<String, SignedWebhookPost> endpoints = new ConcurrentHashMap<>();
    private final ChannelSettings.Retry retry;

    JourneyWebhookEndpoints(JourneyWebhookSettings settings, ChannelSettings.Retry retry) {
        this.retry = retry;
        settings.webhooks().forEach(this::add);
    }

    Optional<SignedWebhookPost> find(String name) {
        return Optional.ofNullable(name == null ? null : endpoints.get(name));
    }

    Set<String> names() {
        return new TreeSet<>(endpoints.keySet());
    }

    /**
     * Adds an endpoint after the start, checked like a configured one. Package-private: only code of the
     * platform (and tests, which need an endpoint on a port they just opened) can widen the allow-list.
     */
    void register(String name, JourneyWebhookSettings.Endpoint endpoint) {
        var problems = JourneyWebhookSettings.problems(name, endpoint);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        add(name, endpoint);
    }

    private void add(String name, JourneyWebhookSettings.Endpoint endpoint) {
        endpoints.put(name, new SignedWebhookPost(endpoint.url(), endpoint.secret(), endpoint.timeout(), retry, "journey webhook " + name));
    }
}
