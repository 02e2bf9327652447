package dev.vigil.spi;

import org.jspecify.annotations.Nullable;

/**
 * Where an outbox entry goes: a channel, and within it the subject's own target when it carries one. The dispatcher
 * bounds concurrent deliveries per destination, so one slow or dead endpoint delays only its own entries.
 *
 * @param channel the channel name
 * @param address the subject's own target within the channel (a Slack channel, e-mail addresses, a webhook URL), or
 *                null for the channel's own destination
 */
public record Destination(String channel, @Nullable String address) {
}
