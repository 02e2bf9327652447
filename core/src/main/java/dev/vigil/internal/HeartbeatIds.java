package dev.vigil.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;

/**
 * Heartbeat ids. The canonical id is Canopsis': the MD5 of the pattern's keys in sorted order, each followed by its
 * value, no separators ({@code {"connector":"c2","connector_name":"connector2"}} gives
 * {@code 3d071cb49acce44040b35ed8c6714ef1}). Two different patterns can share it ({@code {"a":"bc"}} and
 * {@code {"ab":"c"}}); the later one gets the {@linkplain #alternate alternate id} instead.
 */
public final class HeartbeatIds {
    private HeartbeatIds() {
    }

    public static String canonical(SortedMap<String, String> pattern) {
        StringBuilder b = new StringBuilder();
        pattern.forEach((k, v) -> b.append(k).append(v));
        return md5(b.toString());
    }

    /** The MD5 of a length-prefixed encoding: {@code <length>:<key><length>:<value>} per field, in key order. */
    public static String alternate(SortedMap<String, String> pattern) {
        StringBuilder b = new StringBuilder("v2;");
        for (Map.Entry<String, String> e : pattern.entrySet()) {
            b.append(e.getKey().length()).append(':').append(e.getKey());
            b.append(e.getValue().length()).append(':').append(e.getValue());
        }
        return md5(b.toString());
    }

    private static String md5(String s) {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every Java runtime", e);
        }
    }
}
