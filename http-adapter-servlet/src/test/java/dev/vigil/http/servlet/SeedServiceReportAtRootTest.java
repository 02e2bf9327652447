package dev.vigil.http.servlet;

class SeedServiceReportAtRootTest extends SeedServiceReportTests {
    @Override
    protected String mapping() {
        return "/*";
    }
}
