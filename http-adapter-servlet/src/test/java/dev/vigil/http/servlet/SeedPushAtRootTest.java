package dev.vigil.http.servlet;

class SeedPushAtRootTest extends SeedPushTests {
    @Override
    protected String mapping() {
        return "/*";
    }
}
