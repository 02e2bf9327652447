package dev.vigil.notify;

/**
 * A type of notification channel, such as {@code webhook}: the YAML's {@code channels.<name>.type} names one.
 * Vigil has {@code log}, {@code webhook}, {@code slack} and {@code email}; hosts add their own with
 * {@code Vigil.builder().channelType("pagerduty", settings -> ...)}.
 */
@FunctionalInterface
public interface ChannelType {

    /**
     * Builds one channel from its settings.
     *
     * @throws ChannelSettingException naming the setting that is missing or wrong
     */
    Notifier create(ChannelSettings settings);
}
