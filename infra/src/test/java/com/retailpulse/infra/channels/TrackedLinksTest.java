package com.retailpulse.infra.channels;

import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.message.Channel;
import com.retailpulse.contracts.message.ChannelMessage;
import com.retailpulse.contracts.message.MessageId;
import com.retailpulse.contracts.message.MessageSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrackedLinksTest {

    private static final String BASE = "https://rp.example.com";
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private final TrackedLinks links = new TrackedLinks(KEY, BASE);

    private static ChannelMessage sms(String body) {
        return new ChannelMessage(MessageId.of("campaign:spring-26:c7"), "5f0c2a8e-2b7e-4a39-9d1c-0c8f3b6f1a20", Channel.SMS, "+8613800000000",
                null, body, null, null, new MessageSource("campaign", "spring-26", 1, null, null, null), Instant.parse("2026-11-20T10:00:00Z"));
    }

    @Test
    void each_link_in_the_body_becomes_a_tracked_link_that_verifies_to_its_message_customer_channel_and_target() {
        String body = "春季新品 https://shop.example.com/new?utm=sms&x=1。详情(https://shop.example.com/a_(b))，回复TD退订. Or http://x.cn/p.";
        String rewritten = links.rewrite(sms(body));

        Matcher tracked = Pattern.compile(Pattern.quote(BASE) + "/t/([A-Za-z0-9_-]+)").matcher(rewritten);
        assertThat(rewritten).startsWith("春季新品 " + BASE + "/t/").contains("。详情(" + BASE + "/t/").endsWith(".")
                .doesNotContain("shop.example.com").doesNotContain("x.cn");
        String[] targets = {"https://shop.example.com/new?utm=sms&x=1", "https://shop.example.com/a_(b)", "http://x.cn/p"};
        for (String target : targets) {
            assertThat(tracked.find()).isTrue();
            TrackedLinks.Link link = links.verify(tracked.group(1));
            assertThat(link).isEqualTo(new TrackedLinks.Link(TrackedLinks.Kind.CLICK, MessageId.of("campaign:spring-26:c7"),
                    new CustomerId("5f0c2a8e-2b7e-4a39-9d1c-0c8f3b6f1a20"), Channel.SMS, target));
        }
        assertThat(links.rewrite(sms(rewritten))).as("tracked links are not tracked again").isEqualTo(rewritten);
        assertThat(links.rewrite(sms("no links here"))).isEqualTo("no links here");
    }

    @Test
    void a_token_is_about_four_thirds_of_its_ids_and_target_plus_39_characters() {
        String target = "https://shop.example.com/s/a1";
        String token = links.token(new TrackedLinks.Link(TrackedLinks.Kind.CLICK, MessageId.of("campaign:spring-26:c7"),
                new CustomerId("5f0c2a8e-2b7e-4a39-9d1c-0c8f3b6f1a20"), Channel.SMS, target));
        // 3 header bytes + 17 (UUID customer) + 1 + 21 (message id) + 29 (target) + 16 (MAC) = 87 bytes -> 116 characters
        assertThat(token).hasSize(116);
        assertThat(links.verify(token).customerId().value()).isEqualTo("5f0c2a8e-2b7e-4a39-9d1c-0c8f3b6f1a20");
        String other = links.token(new TrackedLinks.Link(TrackedLinks.Kind.OPEN, MessageId.of("m1"), new CustomerId("member-ann"),
                Channel.EMAIL, null));
        assertThat(links.verify(other)).isEqualTo(new TrackedLinks.Link(TrackedLinks.Kind.OPEN, MessageId.of("m1"),
                new CustomerId("member-ann"), Channel.EMAIL, null));
    }

    @Test
    void a_changed_byte_another_key_or_a_malformed_token_is_refused_with_the_reason() {
        String token = links.token(new TrackedLinks.Link(TrackedLinks.Kind.CLICK, MessageId.of("m1"), new CustomerId("c1"), Channel.EMAIL,
                "https://shop.example.com/a"));
        byte[] bytes = Base64.getUrlDecoder().decode(token);
        for (int i = 0; i < bytes.length; i++) {
            byte[] changed = Arrays.copyOf(bytes, bytes.length);
            changed[i] ^= 0x01;
            String altered = Base64.getUrlEncoder().withoutPadding().encodeToString(changed);
            assertThatThrownBy(() -> links.verify(altered)).as("byte " + i).isInstanceOf(TrackedLinks.InvalidLinkException.class)
                    .hasMessageStartingWith("tampered tracked link");
        }
        TrackedLinks otherKey = new TrackedLinks("fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII), BASE);
        assertThatThrownBy(() -> otherKey.verify(token)).hasMessageStartingWith("tampered tracked link");
        assertThatThrownBy(() -> links.verify("not a token!")).hasMessage("malformed tracked link: the token is not base64url");
        assertThatThrownBy(() -> links.verify("AAAA")).hasMessage("malformed tracked link: the token is too short to be one");
        assertThatThrownBy(() -> links.verify("")).hasMessageStartingWith("malformed tracked link");
    }
}
