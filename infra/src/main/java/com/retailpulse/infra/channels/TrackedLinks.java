package com.retailpulse.infra.channels;

import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.message.Channel;
import com.retailpulse.contracts.message.ChannelMessage;
import com.retailpulse.contracts.message.MessageId;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Signed tracked links (docs/channels.md): every http(s) URL in a message body becomes
 * {@code <public-base-url>/t/<token>}, the token carrying the message, customer, channel and target,
 * signed with HMAC-SHA256. The signature is the credential of {@code GET /t/{token}}: nothing is looked up,
 * so a link works as long as the key does, and a changed byte is refused.
 *
 * <p>Token: base64url (no padding) of {@code version(1) kind(1) channel(1) customer message target mac(16)};
 * a UUID customer id takes 17 bytes, anything else 1 + its length; the message id 1 + its length (UTF-8);
 * the target the rest. The MAC is the first 128 bits of HMAC-SHA256 over the bytes before it.
 */
final class TrackedLinks {

    enum Kind { CLICK, OPEN }

    /** What a verified token says. {@code target} is null for an open pixel. */
    record Link(Kind kind, MessageId messageId, CustomerId customerId, Channel channel, String target) {
    }

    /** A token that is not one of ours as issued: it says which way, never what was expected. */
    static final class InvalidLinkException extends RuntimeException {
        InvalidLinkException(String message) {
            super(message);
        }
    }

    static final String PATH = "/t/";
    private static final byte VERSION = 1;
    private static final int MAC_BYTES = 16;
    private static final int MAX_TOKEN_CHARS = 4096;
    /** ASCII URL characters only, so a link followed by Chinese text ends where the URL does. */
    private static final Pattern URL = Pattern.compile("https?://[A-Za-z0-9\\-._~:/?#\\[\\]@!$&'()*+,;=%]+");

    private final byte[] secret;
    private final String base;

    TrackedLinks(byte[] secret, String publicBaseUrl) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("a tracked-link key needs at least 32 bytes");
        }
        this.secret = secret.clone();
        this.base = publicBaseUrl;
    }

    /** The body with each http(s) URL replaced by a tracked link to it; links already tracked stay as they are. */
    String rewrite(ChannelMessage message) {
        Matcher matcher = URL.matcher(message.body());
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String url = trimTrailing(matcher.group());
            String tail = matcher.group().substring(url.length());
            String replacement = url.startsWith(base + PATH) || !isLink(url)
                    ? url
                    : url(new Link(Kind.CLICK, message.messageId(), new CustomerId(message.customerId()), message.channel(), url));
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement + tail));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    String openPixel(ChannelMessage message) {
        return url(new Link(Kind.OPEN, message.messageId(), new CustomerId(message.customerId()), message.channel(), null));
    }

    String url(Link link) {
        return base + PATH + token(link);
    }

    String token(Link link) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        payload.write(VERSION);
        payload.write(link.kind().ordinal());
        payload.write(link.channel().ordinal());
        UUID uuid = canonicalUuid(link.customerId().value());
        if (uuid != null) {
            payload.write(0xFF);
            payload.writeBytes(ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).array());
        } else {
            writeShort(payload, link.customerId().value());
        }
        writeShort(payload, link.messageId().value());
        if (link.target() != null) {
            payload.writeBytes(link.target().getBytes(StandardCharsets.UTF_8));
        }
        byte[] bytes = payload.toByteArray();
        byte[] signed = Arrays.copyOf(bytes, bytes.length + MAC_BYTES);
        System.arraycopy(mac(bytes), 0, signed, bytes.length, MAC_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(signed);
    }

    Link verify(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
            throw new InvalidLinkException("malformed tracked link: the token must be 1 to " + MAX_TOKEN_CHARS + " characters");
        }
        byte[] signed;
        try {
            signed = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            throw new InvalidLinkException("malformed tracked link: the token is not base64url");
        }
        if (signed.length < 4 + MAC_BYTES) {
            throw new InvalidLinkException("malformed tracked link: the token is too short to be one");
        }
        byte[] bytes = Arrays.copyOf(signed, signed.length - MAC_BYTES);
        byte[] given = Arrays.copyOfRange(signed, signed.length - MAC_BYTES, signed.length);
        if (!MessageDigest.isEqual(given, Arrays.copyOf(mac(bytes), MAC_BYTES))) {
            throw new InvalidLinkException("tampered tracked link: its signature does not match its content");
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            if (in.get() != VERSION) {
                throw new InvalidLinkException("malformed tracked link: unknown token version");
            }
            Kind kind = Kind.values()[in.get()];
            Channel channel = Channel.values()[in.get()];
            String customer;
            if ((in.get(in.position()) & 0xFF) == 0xFF) {
                in.get();
                customer = new UUID(in.getLong(), in.getLong()).toString();
            } else {
                customer = readShort(in);
            }
            String messageId = readShort(in);
            String target = kind == Kind.OPEN ? null : new String(bytes, in.position(), in.remaining(), StandardCharsets.UTF_8);
            if (kind == Kind.CLICK && !isLink(target)) {
                throw new InvalidLinkException("malformed tracked link: its target is not an http(s) URL");
            }
            return new Link(kind, new MessageId(messageId), new CustomerId(customer), channel, target);
        } catch (RuntimeException e) {
            if (e instanceof InvalidLinkException invalid) {
                throw invalid;
            }
            throw new InvalidLinkException("malformed tracked link: " + e.getMessage());
        }
    }

    private byte[] mac(byte[] bytes) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static void writeShort(ByteArrayOutputStream out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 254) {
            throw new IllegalArgumentException("ids in tracked links are at most 254 bytes, got " + bytes.length);
        }
        out.write(bytes.length);
        out.writeBytes(bytes);
    }

    private static String readShort(ByteBuffer in) {
        int length = in.get() & 0xFF;
        byte[] bytes = new byte[length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static UUID canonicalUuid(String value) {
        try {
            UUID uuid = UUID.fromString(value);
            return uuid.toString().equals(value) ? uuid : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A URL at the end of a sentence keeps its full stop and an unmatched closing bracket outside. */
    private static String trimTrailing(String url) {
        String trimmed = url;
        while (!trimmed.isEmpty()) {
            char last = trimmed.charAt(trimmed.length() - 1);
            if (".,;:!?'".indexOf(last) >= 0) {
                trimmed = trimmed.substring(0, trimmed.length() - 1);
            } else if (last == ')' && count(trimmed, '(') < count(trimmed, ')')) {
                trimmed = trimmed.substring(0, trimmed.length() - 1);
            } else {
                break;
            }
        }
        return trimmed;
    }

    private static long count(String text, char c) {
        return text.chars().filter(ch -> ch == c).count();
    }

    private static boolean isLink(String url) {
        try {
            URI uri = URI.create(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
