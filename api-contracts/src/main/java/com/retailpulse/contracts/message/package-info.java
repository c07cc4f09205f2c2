/**
 * Messages to customers: the eight channels, what a journey or campaign asks to send
 * ({@link com.retailpulse.contracts.message.MessageRequest}), and what goes on a channel's Kafka topic
 * once the customer's guardrails let it through ({@link com.retailpulse.contracts.message.ChannelMessage}).
 * The guardrail decisions and receipts are events of the customer (docs/messaging.md, ADR 0020).
 */
package com.retailpulse.contracts.message;
