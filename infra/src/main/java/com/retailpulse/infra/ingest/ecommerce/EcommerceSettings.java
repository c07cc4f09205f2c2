package com.retailpulse.infra.ingest.ecommerce;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * {@code retailpulse.ecommerce}: field mappings per platform (added to or replacing the built-in
 * {@code tmall} and {@code jd}), and the sources whose orders are pulled on a schedule.
 */
@ConfigurationProperties("retailpulse.ecommerce")
public record EcommerceSettings(Map<String, Platform> platforms, Map<String, Pull> pull) {

    public EcommerceSettings {
        platforms = platforms == null ? Map.of() : Map.copyOf(platforms);
        pull = pull == null ? Map.of() : Map.copyOf(pull);
    }

    public record Platform(MappingSettings mapping) {
    }

    /**
     * One pulled source: {@code GET url?<cursorParameter>=<cursor>} answers a page of orders at
     * {@code ordersPath} and the cursor of the next page at {@code nextCursorPath}.
     *
     * @param initialCursor the cursor of the very first request (e.g. an updated-since time); none when absent
     * @param headers       sent with every request (e.g. Authorization)
     */
    public record Pull(String platform, URI url, String cursorParameter, String initialCursor,
                       Map<String, String> headers, String ordersPath, String nextCursorPath,
                       Duration interval, Duration timeout, Integer maxAttempts, Duration backoff,
                       Integer maxPagesPerPoll) {

        public Pull {
            headers = headers == null ? Map.of() : Map.copyOf(headers);
            cursorParameter = cursorParameter == null ? "cursor" : cursorParameter;
            ordersPath = ordersPath == null ? "/orders" : ordersPath;
            nextCursorPath = nextCursorPath == null ? "/nextCursor" : nextCursorPath;
            interval = interval == null ? Duration.ofMinutes(1) : interval;
            timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
            maxAttempts = maxAttempts == null ? 4 : maxAttempts;
            backoff = backoff == null ? Duration.ofSeconds(1) : backoff;
            maxPagesPerPoll = maxPagesPerPoll == null ? 100 : maxPagesPerPoll;
        }
    }
}
