package dev.vigil.notify;

/** A channel setting is missing or wrong; {@link #key()} names it (reported as {@code channels.<name>.<key>}). */
public class ChannelSettingException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String key;

    public ChannelSettingException(String key, String message) {
        super(message);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
