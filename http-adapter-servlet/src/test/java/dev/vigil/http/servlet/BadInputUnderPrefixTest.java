package dev.vigil.http.servlet;

class BadInputUnderPrefixTest extends BadInputTests {
    @Override
    protected String mapping() {
        return "/monitoring/*";
    }
}
