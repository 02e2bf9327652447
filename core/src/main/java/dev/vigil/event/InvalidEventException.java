package dev.vigil.event;

/** An event or query that is not valid: the field ({@code path}, e.g. {@code eventType}) and what is wrong. */
public final class InvalidEventException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String path;

    public InvalidEventException(String path, String message) {
        super(path + " " + message);
        this.path = path;
    }

    /** The field the problem is in, e.g. {@code eventType} or {@code entitySelector}. */
    public String path() {
        return path;
    }

    /** The message without the field name. */
    public String detail() {
        return getMessage().substring(path.length() + 1);
    }
}
