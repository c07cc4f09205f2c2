package com.retailpulse.infra.channels;

/** Marks the platform's own adapters: a deployment's own {@link ChannelProvider} bean for the same channel replaces them. */
interface BuiltInProvider {
}
