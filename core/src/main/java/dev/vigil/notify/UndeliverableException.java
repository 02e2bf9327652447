package dev.vigil.notify;

/**
 * A notification cannot be delivered, and retrying will not change that (an invalid target address, a channel
 * that cannot take this target): the dispatcher keeps it as FAILED at once, with this message.
 */
public class UndeliverableException extends Exception {
    private static final long serialVersionUID = 1L;

    public UndeliverableException(String message) {
        super(message);
    }
}
