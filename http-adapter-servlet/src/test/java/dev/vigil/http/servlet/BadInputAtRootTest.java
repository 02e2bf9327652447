package dev.vigil.http.servlet;

class BadInputAtRootTest extends BadInputTests {
    @Override
    protected String mapping() {
        return "/*";
    }
}
