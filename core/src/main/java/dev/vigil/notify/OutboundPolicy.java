package dev.vigil.notify;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * The SSRF guard for outbound notifications: only http(s) URLs, and unless private targets are allowed, no host that
 * resolves to a loopback, private, link-local, unique-local, carrier-grade NAT, multicast or unspecified address
 * (IPv4-mapped IPv6 addresses are judged by their IPv4 address). Redirects are never followed by Vigil's clients.
 */
public final class OutboundPolicy {
    private static final OutboundPolicy PUBLIC_ONLY = new OutboundPolicy(false);
    private static final OutboundPolicy ALLOW_PRIVATE = new OutboundPolicy(true);

    private final boolean allowPrivateTargets;

    private OutboundPolicy(boolean allowPrivateTargets) {
        this.allowPrivateTargets = allowPrivateTargets;
    }

    /** The default: public targets only. */
    public static OutboundPolicy publicOnly() {
        return PUBLIC_ONLY;
    }

    /** Also allows private and loopback targets (tests, the example server, internal receivers). */
    public static OutboundPolicy allowingPrivateTargets() {
        return ALLOW_PRIVATE;
    }

    public boolean allowsPrivateTargets() {
        return allowPrivateTargets;
    }

    /** Checks a URL's form: absolute http(s) with a host, no user info. Throws {@link IllegalArgumentException}. */
    public static URI checkSyntax(String url) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + url + "' is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("URL must start with http:// or https://, got '" + url + "'");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("URL has no host: '" + url + "'");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("URL must not carry credentials; use headers or the channel's secret");
        }
        return uri;
    }

    /**
     * Resolves the URL's host and refuses it if any address is not allowed. Called before every delivery, so a
     * changed DNS answer is caught at the next attempt.
     */
    public void check(URI uri) throws IOException {
        if (allowPrivateTargets) {
            return;
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IOException("refused: the URL has no host");
        }
        String name = host.toLowerCase(Locale.ROOT);
        name = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (name.equals("localhost") || name.endsWith(".localhost")) { // RFC 6761: always loopback, whatever DNS says
            throw new IOException("refused: " + host + " is a loopback name (set outbound.allow_private_targets: true"
                    + " to allow it)");
        }
        if (isAmbiguousIpv4(name)) {
            // 0177.0.0.1 is 177.0.0.1 to Java but 127.0.0.1 to inet_aton, curl, browsers and proxies; a single
            // number or hex is no DNS name either: only dotted decimal is a target whose address everyone agrees on
            throw new IOException("refused: " + host + " is a numeric address not in dotted-decimal form"
                    + " (write it as a.b.c.d)");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            throw new IOException("cannot resolve " + uri.getHost());
        }
        for (InetAddress a : addresses) {
            if (!isPublic(a)) {
                throw new IOException("refused: " + uri.getHost() + " resolves to the non-public address "
                        + a.getHostAddress() + " (set outbound.allow_private_targets: true to allow it)");
            }
        }
    }

    /**
     * True for a host made only of numeric labels (decimal, octal with a leading 0, or hex with 0x) that is not plain
     * dotted decimal with four labels of 0-255 without leading zeros: {@code 2130706433}, {@code 0177.0.0.1},
     * {@code 0x7f.0.0.1}, {@code 127.1}.
     */
    static boolean isAmbiguousIpv4(String host) {
        String[] labels = host.split("\\.", -1);
        for (String l : labels) {
            if (!l.matches("0[xX][0-9a-fA-F]*|[0-9]+")) {
                return false; // a name (or an IPv6 literal): not a numeric IPv4 form
            }
        }
        if (labels.length != 4) {
            return true;
        }
        for (String l : labels) {
            if (!l.matches("0|[1-9][0-9]{0,2}") || Integer.parseInt(l) > 255) {
                return true;
            }
        }
        return false;
    }

    /** True for globally routable unicast addresses. */
    public static boolean isPublic(InetAddress a) {
        if (a instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            if (isIpv4Mapped(b) || isIpv4Compatible(b) || isNat64(b)) {
                try {
                    return isPublic(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
            if ((b[0] & 0xfe) == 0xfc) { // fc00::/7 unique local
                return false;
            }
        }
        if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return false;
        }
        if (a instanceof Inet4Address) {
            byte[] b = a.getAddress();
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 0 || first >= 240) { // "this network", reserved and broadcast
                return false;
            }
            if (first == 100 && second >= 64 && second <= 127) { // 100.64.0.0/10 carrier-grade NAT
                return false;
            }
            if (first == 198 && (second == 18 || second == 19)) { // benchmarking
                return false;
            }
        }
        return true;
    }

    /** 64:ff9b::/96, the well-known NAT64 prefix: a NAT64 gateway forwards it to the embedded IPv4 address. */
    private static boolean isNat64(byte[] b) {
        if (b[0] != 0 || b[1] != 0x64 || (b[2] & 0xff) != 0xff || (b[3] & 0xff) != 0x9b) {
            return false;
        }
        for (int i = 4; i < 12; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIpv4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }

    private static boolean isIpv4Compatible(byte[] b) {
        for (int i = 0; i < 12; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return !(b[12] == 0 && b[13] == 0 && b[14] == 0 && (b[15] == 0 || b[15] == 1)); // not :: or ::1
    }
}
