package dev.vigil.http.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A failure outside Vigil's router (here: a servlet that was never initialised) does not flood the log. */
class ServletErrorLogTest extends ServletTestBase {
    @Override
    protected String prefix() {
        return "";
    }

    @Test
    void aRepeatedServletFailureIsLoggedOnceWithItsStack() {
        servlet().override = new VigilServlet(); // no init(): every request fails inside the servlet
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            for (int i = 0; i < 30; i++) {
                assertThat(get("/healthz").body()).isEqualTo("{\"error\":\"Internal server error\"}");
            }
        } finally {
            System.setErr(old);
        }
        String log = buf.toString(StandardCharsets.UTF_8);
        assertThat(log.split("VigilServlet could not handle", -1)).hasSize(2);
        assertThat(log).contains("VigilServlet is not initialised").contains("\tat ");
    }
}
