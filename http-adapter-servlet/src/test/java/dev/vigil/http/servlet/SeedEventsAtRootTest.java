package dev.vigil.http.servlet;

/** Seed 001 with the servlet at the root and the API at {@code /api/v2}. */
class SeedEventsAtRootTest extends SeedEventTests {
    @Override
    protected String mapping() {
        return "/*";
    }

    @Override
    protected String api() {
        return "";
    }
}
