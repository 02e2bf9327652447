package dev.vigil.kind;

import org.jspecify.annotations.Nullable;

/**
 * Where a subject's notifications go besides routing: a named channel ({@code address} null), or an address within
 * a channel type that the subject carries itself (a Slack channel for a bot-token Slack channel, e-mail addresses
 * for an SMTP channel, a webhook URL), which passes the same outbox and SSRF guard.
 */
public record Target(String channel, @Nullable String address) {
    public static Target channel(String name) {
        return new Target(name, null);
    }

    public static Target address(String channel, String address) {
        return new Target(channel, address);
    }
}
