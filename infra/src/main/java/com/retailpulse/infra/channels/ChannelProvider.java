package com.retailpulse.infra.channels;

import com.retailpulse.contracts.message.Channel;
import com.retailpulse.contracts.message.ChannelMessage;

/**
 * Hands a message to one channel's provider (docs/channels.md). The platform's own adapters are replaced
 * by defining a bean of this type for the same channel. {@link #deliver} is called at most once per message
 * id, retried with backoff only when it throws a {@link ProviderException} that {@link ProviderException#retryable()
 * may pass}; links in the message are already rewritten to tracked links.
 */
public interface ChannelProvider {

    Channel channel();

    /**
     * @return the provider's id for the message (null when it gives none), once the provider has accepted it
     * @throws ProviderException when the provider did not take the message
     */
    String deliver(ChannelMessage message);
}
