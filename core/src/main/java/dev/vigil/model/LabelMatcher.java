package dev.vigil.model;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One Alertmanager-style matcher on a subject's labels: {@code name=value}, {@code name!=value}, {@code name=~regex}
 * or {@code name!~regex}. Regular expressions are anchored (they must match the whole value). A missing label is the
 * empty string. Subjects' labels: {@code kind}, {@code id}, {@code name}, {@code group}, {@code from}, {@code to}.
 */
public record LabelMatcher(String label, Op op, String value) {
    public static final int MAX_VALUE_LENGTH = 1000;
    private static final Pattern SYNTAX = Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_.]*)\\s*(=~|!~|!=|=)\\s*(.*?)\\s*");
    private static final Cache<String, Pattern> PATTERNS = Caffeine.newBuilder().maximumSize(1000).build();

    public enum Op {
        EQUAL("="),
        NOT_EQUAL("!="),
        REGEX("=~"),
        NOT_REGEX("!~");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        public static Op fromSymbol(String s) {
            for (Op op : values()) {
                if (op.symbol.equals(s)) {
                    return op;
                }
            }
            throw new IllegalArgumentException("unknown matcher operator '" + Text.forLog(s) + "' (use =, !=, =~, !~)");
        }
    }

    public LabelMatcher {
        if (!label.matches("[A-Za-z_][A-Za-z0-9_.]*")) {
            throw new IllegalArgumentException("matcher label '" + Text.forLog(label) + "' must be a plain name");
        }
        if (value.length() > MAX_VALUE_LENGTH || !Text.isPrintable(value) || !Text.isStorable(value)) {
            throw new IllegalArgumentException("matcher value must be printable and at most " + MAX_VALUE_LENGTH
                    + " characters");
        }
        if (op == Op.REGEX || op == Op.NOT_REGEX) {
            pattern(value); // fail now, not at the first notification
        }
    }

    /** Parses {@code name=value}, {@code name!=value}, {@code name=~regex} or {@code name!~regex}; quotes optional. */
    public static LabelMatcher parse(String text) {
        Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("matcher '" + Text.forLog(text)
                    + "' must look like name=value, name!=value, name=~regex or name!~regex");
        }
        String value = m.group(3);
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        return new LabelMatcher(m.group(1), Op.fromSymbol(m.group(2)), value);
    }

    public boolean matches(Map<String, String> labels) {
        String actual = labels.getOrDefault(label, "");
        switch (op) {
            case EQUAL:
                return actual.equals(value);
            case NOT_EQUAL:
                return !actual.equals(value);
            case REGEX:
                return pattern(value).matcher(actual).matches();
            default:
                return !pattern(value).matcher(actual).matches();
        }
    }

    private static Pattern pattern(String regex) {
        Pattern p = PATTERNS.getIfPresent(regex);
        if (p == null) {
            try {
                p = Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("matcher regex '" + Text.forLog(regex) + "' is invalid: "
                        + e.getDescription());
            }
            PATTERNS.put(regex, p);
        }
        return p;
    }

    /** All matchers match (an empty list matches everything). */
    public static boolean allMatch(java.util.List<LabelMatcher> matchers, Map<String, String> labels) {
        for (LabelMatcher m : matchers) {
            if (!m.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return label + op.symbol + value;
    }
}
