package dev.vigil;

/** What one synchronous {@link Vigil#tick()} did. */
public record TickResult(int transitions, int delivered) {
}
