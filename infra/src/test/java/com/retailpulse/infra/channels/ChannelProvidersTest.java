package com.retailpulse.infra.channels;

import com.retailpulse.contracts.message.Channel;
import com.retailpulse.contracts.message.ChannelMessage;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChannelProvidersTest {

    private record Own(Channel channel, String name) implements ChannelProvider {
        @Override
        public String deliver(ChannelMessage message) {
            return name;
        }
    }

    private record BuiltIn(Channel channel, String name) implements ChannelProvider, BuiltInProvider {
        @Override
        public String deliver(ChannelMessage message) {
            return name;
        }
    }

    @Test
    void a_deployments_own_provider_replaces_the_built_in_one_for_its_channel_only() {
        Own own = new Own(Channel.SMS, "own sms");
        BuiltIn builtInSms = new BuiltIn(Channel.SMS, "built-in sms");
        BuiltIn inbox = new BuiltIn(Channel.INBOX, "built-in inbox");
        ChannelProviders providers = new ChannelProviders(List.of(builtInSms, own, inbox));

        assertThat(providers.of(Channel.SMS)).containsSame(own);
        assertThat(providers.of(Channel.INBOX)).containsSame(inbox);
        assertThat(providers.of(Channel.EMAIL)).isEmpty();
        assertThat(providers.describe()).contains("sms: Own[channel=SMS, name=own sms]", "email: not configured");
    }

    @Test
    void two_own_providers_for_one_channel_stop_the_start_naming_both() {
        assertThatThrownBy(() -> new ChannelProviders(List.of(new Own(Channel.EMAIL, "a"), new Own(Channel.EMAIL, "b"))))
                .hasMessageContaining("two providers for channel email").hasMessageContaining("name=a").hasMessageContaining("name=b");
    }

    @Test
    void settings_name_each_wrong_value() {
        assertThatThrownBy(() -> new ChannelSettings(true, null, 0, "ftp://x", "c2hvcnQ=", new ChannelSettings.Retry(0, null, 0.5, null),
                null, null, new ChannelSettings.Gateway("not a url", null, null), null, null, null,
                new ChannelSettings.Webhook("https://brand.example.com/hook", null, null)))
                .hasMessageContaining("retailpulse.channels.public-base-url must be an http(s) URL, got 'ftp://x'")
                .hasMessageContaining("retailpulse.channels.link-secret must be base64 of at least 32 bytes")
                .hasMessageContaining("retailpulse.channels.retry.attempts must be 1 to 20, got 0")
                .hasMessageContaining("retailpulse.channels.retry.initial-interval must be above zero")
                .hasMessageContaining("retailpulse.channels.retry.multiplier must be 1 or more, got 0.5")
                .hasMessageContaining("retailpulse.channels.sms.url must be an http(s) URL, got 'not a url'")
                .hasMessageContaining("retailpulse.channels.webhook.secret must be set");
    }
}
