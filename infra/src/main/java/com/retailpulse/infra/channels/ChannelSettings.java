package com.retailpulse.infra.channels;

import com.retailpulse.contracts.message.Channel;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * {@code retailpulse.channels} (docs/channels.md): how channel messages are consumed, retried and tracked,
 * and where each channel's provider is. A channel whose provider is not configured dead-letters its
 * messages with that reason; a wrong setting stops the start with the setting named.
 */
@ConfigurationProperties("retailpulse.channels")
public record ChannelSettings(boolean enabled, String groupId, int concurrency, String publicBaseUrl, String linkSecret,
                              Retry retry, Duration claimLease, Email email, Gateway sms, Gateway appPush,
                              Gateway miniProgram, Gateway wechatOa, Webhook webhook) {

    public ChannelSettings {
        groupId = blank(groupId) ? "retailpulse-channels" : groupId;
        concurrency = concurrency <= 0 ? 4 : concurrency;
        publicBaseUrl = blank(publicBaseUrl) ? "http://localhost:8080" : stripSlash(publicBaseUrl.strip());
        retry = retry == null ? new Retry(5, Duration.ofMillis(200), 2.0, Duration.ofSeconds(30)) : retry;
        claimLease = claimLease == null ? Duration.ofMinutes(10) : claimLease;
        email = email == null ? new Email(null, 25, null, null, null, false, null) : email;
        sms = sms == null ? new Gateway(null, null, null) : sms;
        appPush = appPush == null ? new Gateway(null, null, null) : appPush;
        miniProgram = miniProgram == null ? new Gateway(null, null, null) : miniProgram;
        wechatOa = wechatOa == null ? new Gateway(null, null, null) : wechatOa;
        webhook = webhook == null ? new Webhook(null, null, null) : webhook;
        List<String> problems = new ArrayList<>();
        if (!isHttpUrl(publicBaseUrl)) {
            problems.add("retailpulse.channels.public-base-url must be an http(s) URL, got '" + publicBaseUrl + "'");
        }
        if (!blank(linkSecret) && decodedLength(linkSecret) < 32) {
            problems.add("retailpulse.channels.link-secret must be base64 of at least 32 bytes (e.g. `openssl rand -base64 32`)");
        }
        if (retry.attempts() < 1 || retry.attempts() > 20) {
            problems.add("retailpulse.channels.retry.attempts must be 1 to 20, got " + retry.attempts());
        }
        if (retry.initialInterval() == null || retry.initialInterval().isNegative() || retry.initialInterval().isZero()) {
            problems.add("retailpulse.channels.retry.initial-interval must be above zero, got " + retry.initialInterval());
        }
        if (retry.multiplier() < 1.0) {
            problems.add("retailpulse.channels.retry.multiplier must be 1 or more, got " + retry.multiplier());
        }
        if (claimLease.compareTo(Duration.ofMinutes(1)) < 0) {
            problems.add("retailpulse.channels.claim-lease must be at least 1m (longer than a delivery with all its retries), got " + claimLease);
        }
        if (!blank(email.host()) && (email.port() < 1 || email.port() > 65535)) {
            problems.add("retailpulse.channels.email.port must be 1 to 65535, got " + email.port());
        }
        gatewayProblems(Channel.SMS, sms, problems);
        gatewayProblems(Channel.APP_PUSH, appPush, problems);
        gatewayProblems(Channel.MINI_PROGRAM, miniProgram, problems);
        gatewayProblems(Channel.WECHAT_OA, wechatOa, problems);
        if (!blank(webhook.url())) {
            if (!isHttpUrl(webhook.url())) {
                problems.add("retailpulse.channels.webhook.url must be an http(s) URL, got '" + webhook.url() + "'");
            }
            if (blank(webhook.secret()) || webhook.secret().length() < 16) {
                problems.add("retailpulse.channels.webhook.secret must be set (16 characters or more) when"
                        + " retailpulse.channels.webhook.url is: the receiver checks the signature with it");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** Attempts per delivery (the first included), waiting {@code initialInterval × multiplier^n}, at most {@code maxInterval}. */
    public record Retry(int attempts, Duration initialInterval, double multiplier, Duration maxInterval) {
        public Retry {
            maxInterval = maxInterval == null ? Duration.ofSeconds(30) : maxInterval;
        }
    }

    /** SMTP: no host, no e-mail provider. {@code from} is the sender address. */
    public record Email(String host, int port, String from, String username, String password, boolean starttls, Duration timeout) {
        public Email {
            port = port == 0 ? 25 : port;
            from = blank(from) ? "RetailPulse <no-reply@localhost>" : from;
            timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        }

        public boolean configured() {
            return !blank(host);
        }
    }

    /** An HTTP gateway of an SMS, push or WeChat provider: no URL, no provider. */
    public record Gateway(String url, String token, Duration timeout) {
        public Gateway {
            timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        }

        public boolean configured() {
            return !blank(url);
        }
    }

    /** The brand's own endpoint, given every webhook message signed with {@code secret}. */
    public record Webhook(String url, String secret, Duration timeout) {
        public Webhook {
            timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        }

        public boolean configured() {
            return !blank(url);
        }
    }

    public Gateway gateway(Channel channel) {
        return switch (channel) {
            case SMS -> sms;
            case APP_PUSH -> appPush;
            case MINI_PROGRAM -> miniProgram;
            case WECHAT_OA -> wechatOa;
            default -> throw new IllegalArgumentException(channel.code() + " is not delivered through an HTTP gateway");
        };
    }

    private static void gatewayProblems(Channel channel, Gateway gateway, List<String> problems) {
        if (gateway.configured() && !isHttpUrl(gateway.url())) {
            problems.add("retailpulse.channels." + channel.code() + ".url must be an http(s) URL, got '" + gateway.url() + "'");
        }
        if (gateway.timeout().isNegative() || gateway.timeout().isZero()) {
            problems.add("retailpulse.channels." + channel.code() + ".timeout must be above zero, got " + gateway.timeout());
        }
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = URI.create(url.strip());
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static int decodedLength(String base64) {
        try {
            return Base64.getDecoder().decode(base64.strip()).length;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }
}
