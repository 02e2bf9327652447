package dev.vigil.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpRequestTest {

    @Test
    void headersAreCaseInsensitive() {
        HttpRequest r = HttpRequest.builder("get", "").header("X-API-Key", "a").header("x-api-key", "b").build();
        assertThat(r.method()).isEqualTo("GET");
        assertThat(r.path()).isEqualTo("/");
        assertThat(r.header("X-Api-KEY")).contains("a");
        assertThat(r.headers().get("x-API-key")).containsExactly("a", "b");
    }

    @Test
    void rawQueryIsDecoded() {
        HttpRequest r = HttpRequest.builder("GET", "/x").rawQuery("group=Maintenance+Tasks&limit=5&x=%E2%9C%93&bad=%zz&flag")
                .build();
        assertThat(r.query("group")).contains("Maintenance Tasks");
        assertThat(r.query("limit")).contains("5");
        assertThat(r.query("x")).contains("\u2713");
        assertThat(r.query("bad")).contains("%zz");
        assertThat(r.query("flag")).contains("");
        assertThat(r.query("missing")).isEmpty();
    }

    @Test
    void bodyIsReadOnceAndLimited() {
        byte[] data = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
        HttpRequest r = HttpRequest.builder("POST", "/x").body(new ByteArrayInputStream(data), -1).build();
        assertThat(r.body(1024)).isEqualTo(data);
        assertThat(r.body(1024)).isEqualTo(data);
        assertThatThrownBy(() -> r.body(4)).isInstanceOf(BodyTooLargeException.class);
        assertThatThrownBy(() -> HttpRequest.builder("POST", "/x").body(new byte[2000]).build().body(1024))
                .isInstanceOf(BodyTooLargeException.class);
        assertThat(HttpRequest.builder("GET", "/x").build().body(10)).isEmpty();
    }

    @Test
    void aDeclaredLengthIsReadExactlyAndAnOverLongOneIsRefusedUnread() {
        byte[] data = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(HttpRequest.builder("POST", "/x").body(new ByteArrayInputStream(data), data.length).build()
                .body(1024)).isEqualTo(data);
        assertThat(HttpRequest.builder("POST", "/x").body(new ByteArrayInputStream(data), 0).build().body(1024))
                .isEmpty();
        // a stream that ends early (the client went away) gives what arrived
        assertThat(HttpRequest.builder("POST", "/x").body(new ByteArrayInputStream(data), 100).build().body(1024))
                .isEqualTo(data);
        ByteArrayInputStream big = new ByteArrayInputStream(new byte[2000]);
        assertThatThrownBy(() -> HttpRequest.builder("POST", "/x").body(big, 2000).build().body(1024))
                .isInstanceOf(BodyTooLargeException.class);
        assertThat(big.available()).isEqualTo(2000); // refused before a byte was read
    }

    @Test
    void toStringNeverShowsThePath() {
        assertThat(HttpRequest.builder("GET", "/api/push/1/secret-value").build().toString())
                .doesNotContain("secret");
    }
}
