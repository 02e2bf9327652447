package dev.vigil.http.servlet;

class AdminApiAtRootTest extends AdminApiTests {
    @Override
    protected String mapping() {
        return "/*";
    }
}
