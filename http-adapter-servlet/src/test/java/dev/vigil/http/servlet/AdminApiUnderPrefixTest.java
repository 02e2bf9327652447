package dev.vigil.http.servlet;

class AdminApiUnderPrefixTest extends AdminApiTests {
    @Override
    protected String mapping() {
        return "/monitoring/*";
    }
}
