package dev.vigil.http.servlet;

class SeedHeartbeatAtRootTest extends SeedHeartbeatTests {
    @Override
    protected String mapping() {
        return "/*";
    }
}
