package dev.vigil.http.servlet;

class SeedHeartbeatUnderPrefixTest extends SeedHeartbeatTests {
    @Override
    protected String mapping() {
        return "/monitoring/*";
    }
}
