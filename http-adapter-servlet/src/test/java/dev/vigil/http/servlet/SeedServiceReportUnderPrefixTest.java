package dev.vigil.http.servlet;

class SeedServiceReportUnderPrefixTest extends SeedServiceReportTests {
    @Override
    protected String mapping() {
        return "/monitoring/*";
    }
}
