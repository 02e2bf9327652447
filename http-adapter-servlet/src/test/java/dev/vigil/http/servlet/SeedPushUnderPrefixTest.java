package dev.vigil.http.servlet;

class SeedPushUnderPrefixTest extends SeedPushTests {
    @Override
    protected String mapping() {
        return "/monitoring/*";
    }
}
