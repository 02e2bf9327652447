package dev.vigil.entity;

/**
 * A malformed entity selector: where (the 0-based character position in the selector text) and what was expected
 * there. The message reads e.g. {@code Invalid entity selector at position 12: expected ')' but found ','}.
 */
public final class SelectorSyntaxException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final int position;
    private final String expected;

    public SelectorSyntaxException(int position, String expected, String found) {
        super("Invalid entity selector at position " + position + ": expected " + expected + " but found " + found);
        this.position = position;
        this.expected = expected;
    }

    /** The 0-based character position of the problem in the selector text. */
    public int position() {
        return position;
    }

    /** What the parser expected there, in words. */
    public String expected() {
        return expected;
    }
}
