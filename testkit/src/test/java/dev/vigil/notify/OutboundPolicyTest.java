package dev.vigil.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutboundPolicyTest {
    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
        "169.254.169.254", "0.0.0.0", "100.64.0.1", "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1",
        "fc00::1", "fd12:3456::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "::127.0.0.1"})
    void privateLoopbackAndLinkLocalAreNotPublic(String ip) throws Exception {
        assertThat(OutboundPolicy.isPublic(InetAddress.getByName(ip))).as(ip).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "172.32.0.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"})
    void publicAddressesArePublic(String ip) throws Exception {
        assertThat(OutboundPolicy.isPublic(InetAddress.getByName(ip))).as(ip).isTrue();
    }

    /** Loopback and private targets in the disguises SSRF payloads use: all refused before any connection. */
    @ParameterizedTest
    @ValueSource(strings = {"http://localhost./", "http://LOCALHOST:8080/", "http://api.localhost/", "http://localhost/",
        "http://[::ffff:127.0.0.1]/", "http://[::ffff:7f00:1]/", "http://[::1]:9/", "http://[64:ff9b::7f00:1]/",
        "http://2130706433/", "http://017700000001/", "http://0x7f000001/", "http://0177.0.0.1/",
        "http://0x7f.0.0.1/", "http://127.1/", "http://127.000.000.001/", "http://169.254.169.254/latest/meta-data",
        "http://[::ffff:169.254.169.254]/", "http://0/", "http://0.0.0.0:80/", "http://10.0.0.1/"})
    void disguisedPrivateTargetsAreRefused(String url) {
        assertThatThrownBy(() -> OutboundPolicy.publicOnly().check(URI.create(url))).as(url)
                .isInstanceOf(IOException.class).hasMessageStartingWith("refused");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0177.0.0.1", "0x7f.0.0.1", "2130706433", "127.1", "127.000.000.001", "1.2.3.256",
        "0x7f000001", "1.2.3.4.5"})
    void numericHostsOtherThanDottedDecimalAreAmbiguous(String host) {
        assertThat(OutboundPolicy.isAmbiguousIpv4(host)).as(host).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "127.0.0.1", "0.0.0.0", "example.com", "1.2.3.example", "0x.example",
        "[::1]", "2001:db8::1", "255.255.255.255"})
    void dottedDecimalAndNamesAreNotAmbiguous(String host) {
        assertThat(OutboundPolicy.isAmbiguousIpv4(host)).as(host).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://8.8.8.8/hook", "https://[2606:4700:4700::1111]/hook"})
    void publicLiteralsPass(String url) throws Exception {
        OutboundPolicy.publicOnly().check(URI.create(url));
    }
}
