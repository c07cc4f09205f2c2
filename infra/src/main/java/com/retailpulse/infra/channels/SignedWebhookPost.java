package com.retailpulse.infra.channels;

import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The webhook channel's signed POST, for other webhooks of the platform (journey webhook steps,
 * docs/journeys.md): the exact body bytes signed in {@value WebhookProvider#SIGNATURE_HEADER}
 * ({@code sha256=} and the hex HMAC-SHA256 with the endpoint's secret), the caller's idempotency key in
 * {@value WebhookProvider#IDEMPOTENCY_HEADER}, and the channels' retries with exponential backoff
 * ({@code retailpulse.channels.retry}) for faults that may pass (I/O, timeouts, 429, 5xx).
 */
public final class SignedWebhookPost {

    /** The receiver took the body after {@code attempts} attempts. */
    public record Sent(int attempts) {
    }

    /** It did not: {@code reason} says why (the last answer), after {@code attempts} attempts. */
    public static final class Failed extends RuntimeException {
        private final int attempts;

        Failed(String reason, int attempts, Throwable cause) {
            super(reason, cause);
            this.attempts = attempts;
        }

        public int attempts() {
            return attempts;
        }
    }

    private final HttpPost post;
    private final byte[] secret;
    private final RetryConfig retryConfig;

    public SignedWebhookPost(String url, String secret, Duration timeout, ChannelSettings.Retry retry, String label) {
        this.post = new HttpPost(url, timeout, label);
        this.secret = secret.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        this.retryConfig = ChannelDelivery.retryConfig(retry);
    }

    /** The signature header's value for {@code body} with {@code secret}: what a receiver computes to check it. */
    public static String signature(String secret, byte[] body) {
        return "sha256=" + WebhookProvider.sign(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), body);
    }

    /** @throws Failed when the receiver did not take it (a permanent answer, or the last attempt failed) */
    public Sent send(byte[] body, String idempotencyKey) {
        Map<String, String> headers = Map.of(WebhookProvider.SIGNATURE_HEADER, "sha256=" + WebhookProvider.sign(secret, body),
                WebhookProvider.IDEMPOTENCY_HEADER, idempotencyKey);
        AtomicInteger attempts = new AtomicInteger();
        try {
            Retry.of("webhook:" + idempotencyKey, retryConfig).executeRunnable(() -> {
                attempts.incrementAndGet();
                post.send(body, headers);
            });
        } catch (ProviderException e) {
            throw new Failed(e.getMessage() + (e.retryable() ? " (gave up after " + attempts.get() + " attempts)" : ""), attempts.get(), e);
        }
        return new Sent(attempts.get());
    }

    @Override
    public String toString() {
        return "webhook at " + post.uri();
    }
}
