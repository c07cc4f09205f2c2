package com.retailpulse.infra.channels;

import com.retailpulse.contracts.message.Channel;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The provider of each channel: a deployment's own {@link ChannelProvider} bean for a channel replaces
 * the platform's adapter; two of a deployment's own for one channel stop the start. A channel without
 * any is not configured, and its messages are dead-lettered with that reason.
 */
final class ChannelProviders {

    private final Map<Channel, ChannelProvider> providers = new EnumMap<>(Channel.class);

    ChannelProviders(List<ChannelProvider> candidates) {
        Map<Channel, ChannelProvider> builtIn = new EnumMap<>(Channel.class);
        Map<Channel, ChannelProvider> own = new EnumMap<>(Channel.class);
        for (ChannelProvider provider : candidates) {
            Map<Channel, ChannelProvider> into = provider instanceof BuiltInProvider ? builtIn : own;
            ChannelProvider before = into.putIfAbsent(provider.channel(), provider);
            if (before != null) {
                throw new IllegalStateException("two providers for channel " + provider.channel().code() + ": " + before + " and "
                        + provider + "; define one ChannelProvider bean per channel");
            }
        }
        providers.putAll(builtIn);
        providers.putAll(own);
    }

    Optional<ChannelProvider> of(Channel channel) {
        return Optional.ofNullable(providers.get(channel));
    }

    /** For the start-up log: each channel and its provider, or "not configured". */
    String describe() {
        StringBuilder out = new StringBuilder();
        for (Channel channel : Channel.values()) {
            out.append(out.isEmpty() ? "" : "; ").append(channel.code()).append(": ")
                    .append(providers.containsKey(channel) ? providers.get(channel) : "not configured");
        }
        return out.toString();
    }
}
