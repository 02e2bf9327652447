package dev.vigil.entity;

import dev.vigil.entity.EntitySelector.Comparison;
import dev.vigil.entity.EntitySelector.Criterion;
import dev.vigil.entity.EntitySelector.NameOp;
import dev.vigil.entity.EntitySelector.TagFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A recursive-descent parser over a small scanner: names ({@code [A-Za-z][A-Za-z0-9_]*}), punctuation
 * ({@code . , ( )}) and values (quoted with {@code ~} escapes, or bare up to {@code ,} or {@code )}). Each method
 * parses one rule of the grammar in {@link EntitySelector} and leaves the position after it; the first thing that
 * does not fit throws {@link SelectorSyntaxException} with its position.
 */
final class SelectorParser {
    private static final String ATTRIBUTES = "an attribute (type, entityId, entityName, caseSensitive, tag, "
            + "healthState, firstSeenTms, fromRelationships, toRelationships or not)";
    private static final int MAX_DEPTH = 20;

    private final String s;
    private int pos;
    private int depth;

    /** A value and where it started. */
    private record Value(String text, int pos) {
    }

    SelectorParser(String text) {
        this.s = text;
    }

    EntitySelector parseSelector() {
        if (s.length() > EntitySelector.MAX_LENGTH) {
            throw new SelectorSyntaxException(EntitySelector.MAX_LENGTH, "at most " + EntitySelector.MAX_LENGTH
                    + " characters", "a selector of " + s.length() + " characters");
        }
        return selector(false);
    }

    /** criterion ("," criterion)*, up to the end (top level) or up to a ')' it leaves unread (nested). */
    private EntitySelector selector(boolean nested) {
        skipSpaces();
        int start = pos;
        List<Criterion> criteria = new ArrayList<>();
        String type = null;
        boolean byId = false;
        while (true) {
            skipSpaces();
            int at = pos;
            Criterion c = criterion(false);
            if (c instanceof EntitySelector.Type t) {
                if (type != null) {
                    throw new SelectorSyntaxException(at, "one type(...) per selector", "a second type(...)");
                }
                type = t.type();
            } else if (c instanceof EntitySelector.EntityIds) {
                byId = true;
            }
            criteria.add(c);
            skipSpaces();
            if (atEnd()) {
                if (nested) {
                    throw error("',' or ')'");
                }
                break;
            }
            char ch = s.charAt(pos);
            if (ch == ',') {
                pos++;
                continue;
            }
            if (nested && ch == ')') {
                break;
            }
            throw error(nested ? "',' or ')'" : "',' or the end of the selector");
        }
        if (type == null && !byId) {
            throw new SelectorSyntaxException(start, "type(...) or entityId(...) in the selector",
                    "a selector with neither");
        }
        return new EntitySelector(s.substring(start, pos).strip(), type, criteria);
    }

    private Criterion criterion(boolean insideNot) {
        skipSpaces();
        int at = pos;
        String name = name(ATTRIBUTES);
        switch (name) {
            case "type": {
                if (insideNot) {
                    throw new SelectorSyntaxException(at, "a criterion other than type(...) inside not(...)",
                            "type");
                }
                expect('(');
                Value v = single(values());
                String t = v.text().toUpperCase(Locale.ROOT);
                for (int i = 0; i < t.length(); i++) {
                    char c = t.charAt(i);
                    if (!(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')) {
                        throw new SelectorSyntaxException(v.pos(), "an entity type such as HOST (letters, digits, '_')",
                                "'" + v.text() + "'");
                    }
                }
                expect(')');
                return new EntitySelector.Type(t);
            }
            case "entityId": {
                expect('(');
                List<Value> vs = values();
                expect(')');
                return new EntitySelector.EntityIds(vs.stream().map(Value::text).toList());
            }
            case "entityName":
                return entityName(false);
            case "caseSensitive": {
                expect('(');
                skipSpaces();
                int inner = pos;
                String n = name("entityName");
                if (!n.equals("entityName")) {
                    throw new SelectorSyntaxException(inner, "entityName inside caseSensitive(...)", "'" + n + "'");
                }
                Criterion c = entityName(true);
                expect(')');
                return c;
            }
            case "tag": {
                expect('(');
                List<Value> vs = values();
                expect(')');
                List<TagFilter> tags = new ArrayList<>(vs.size());
                for (Value v : vs) {
                    tags.add(tag(v));
                }
                return new EntitySelector.Tags(tags);
            }
            case "healthState": {
                expect('(');
                Value v = single(values());
                expect(')');
                String h = v.text().toUpperCase(Locale.ROOT);
                if (!h.equals("HEALTHY") && !h.equals("UNHEALTHY")) {
                    throw new SelectorSyntaxException(v.pos(), "HEALTHY or UNHEALTHY", "'" + v.text() + "'");
                }
                return new EntitySelector.HealthState(h.equals("HEALTHY"));
            }
            case "firstSeenTms": {
                expect('.');
                int opAt = pos;
                String op = name("lt, lte, gt or gte");
                Comparison c;
                switch (op) {
                    case "lt" -> c = Comparison.LT;
                    case "lte" -> c = Comparison.LTE;
                    case "gt" -> c = Comparison.GT;
                    case "gte" -> c = Comparison.GTE;
                    default -> throw new SelectorSyntaxException(opAt, "lt, lte, gt or gte", "'" + op + "'");
                }
                expect('(');
                Value v = single(values());
                expect(')');
                long ms;
                try {
                    ms = Long.parseLong(v.text());
                } catch (NumberFormatException e) {
                    throw new SelectorSyntaxException(v.pos(), "a time in milliseconds since the epoch",
                            "'" + v.text() + "'");
                }
                return new EntitySelector.FirstSeen(c, ms);
            }
            case "fromRelationship", "fromRelationships", "toRelationship", "toRelationships": {
                expect('.');
                String rel = name("a relationship such as isInstanceOf, runsOn, calls or belongsTo");
                expect('(');
                if (++depth > MAX_DEPTH) {
                    throw new SelectorSyntaxException(at, "relationships nested at most " + MAX_DEPTH + " deep",
                            "a deeper nesting");
                }
                EntitySelector inner = selector(true);
                depth--;
                expect(')');
                return new EntitySelector.Relationship(name.startsWith("from"), rel, inner);
            }
            case "not": {
                expect('(');
                if (++depth > MAX_DEPTH) {
                    throw new SelectorSyntaxException(at, "not(...) nested at most " + MAX_DEPTH + " deep",
                            "a deeper nesting");
                }
                Criterion c = criterion(true);
                depth--;
                expect(')');
                return new EntitySelector.Not(c);
            }
            default:
                throw new SelectorSyntaxException(at, ATTRIBUTES, "'" + name + "'");
        }
    }

    /** After {@code entityName}: an optional {@code .equals|.startsWith|.in}, then the values. */
    private Criterion entityName(boolean caseSensitive) {
        skipSpaces();
        NameOp op = NameOp.CONTAINS;
        if (!atEnd() && s.charAt(pos) == '.') {
            pos++;
            int opAt = pos;
            String o = name("equals, startsWith or in");
            switch (o) {
                case "equals" -> op = NameOp.EQUALS;
                case "startsWith" -> op = NameOp.STARTS_WITH;
                case "in" -> op = NameOp.IN;
                default -> throw new SelectorSyntaxException(opAt, "equals, startsWith or in", "'" + o + "'");
            }
        }
        expect('(');
        List<Value> vs = values();
        if (op != NameOp.IN) {
            single(vs);
        }
        expect(')');
        return new EntitySelector.Name(op, vs.stream().map(Value::text).toList(), caseSensitive);
    }

    /** One value only: a second one is an error at its comma. */
    private Value single(List<Value> vs) {
        if (vs.size() > 1) {
            throw new SelectorSyntaxException(vs.get(1).pos(), "')' (one value only)", "a second value");
        }
        return vs.get(0);
    }

    /** value ("," value)*, up to a ')' left unread. */
    private List<Value> values() {
        List<Value> out = new ArrayList<>(2);
        while (true) {
            out.add(value());
            skipSpaces();
            if (atEnd()) {
                throw error("',' or ')'");
            }
            char c = s.charAt(pos);
            if (c == ')') {
                return out;
            }
            if (c != ',') {
                throw error("',' or ')'");
            }
            pos++;
        }
    }

    private Value value() {
        skipSpaces();
        int start = pos;
        if (atEnd()) {
            throw error("a value");
        }
        StringBuilder b = new StringBuilder();
        if (s.charAt(pos) == '"') {
            pos++;
            while (true) {
                if (atEnd()) {
                    throw error("a closing '\"' for the value opened at position " + start);
                }
                char c = s.charAt(pos++);
                if (c == '~') {
                    if (atEnd()) {
                        throw error("a character after the escape '~'");
                    }
                    b.append(s.charAt(pos++));
                } else if (c == '"') {
                    break;
                } else {
                    b.append(c);
                }
            }
            if (b.length() == 0) {
                throw new SelectorSyntaxException(start, "a value", "'\"\"'");
            }
            return new Value(b.toString(), start);
        }
        while (!atEnd()) {
            char c = s.charAt(pos);
            if (c == ',' || c == ')') {
                break;
            }
            if (c == '(' || c == '"') {
                throw error("',' or ')' (quote a value that holds '(' or '\"')");
            }
            if (c == '~') {
                pos++;
                if (atEnd()) {
                    throw error("a character after the escape '~'");
                }
                c = s.charAt(pos);
            }
            b.append(c);
            pos++;
        }
        String text = b.toString().strip();
        if (text.isEmpty()) {
            throw new SelectorSyntaxException(start, "a value", describe(start));
        }
        return new Value(text, start);
    }

    /** {@code [context]key:value}, {@code key:value} or {@code key}; {@code \:} is a colon in the key. */
    private static TagFilter tag(Value v) {
        String t = v.text();
        int i = 0;
        String context = null;
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 0) {
                throw new SelectorSyntaxException(v.pos() + t.length(), "']' closing the tag context",
                        "the end of the tag");
            }
            context = t.substring(1, close);
            if (context.isEmpty()) {
                throw new SelectorSyntaxException(v.pos() + 1, "a tag context inside '[' ']'", "']'");
            }
            i = close + 1;
        }
        StringBuilder key = new StringBuilder();
        String value = null;
        for (; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '\\' && i + 1 < t.length() && (t.charAt(i + 1) == ':' || t.charAt(i + 1) == '\\')) {
                key.append(t.charAt(++i));
            } else if (c == ':') {
                value = t.substring(i + 1).replace("\\:", ":");
                break;
            } else {
                key.append(c);
            }
        }
        if (key.length() == 0) {
            throw new SelectorSyntaxException(v.pos(), "a tag key", "'" + t + "'");
        }
        return new TagFilter(context, key.toString(), value);
    }

    /** A name: a letter, then letters, digits or '_'. */
    private String name(String expected) {
        skipSpaces();
        int start = pos;
        if (atEnd() || !isLetter(s.charAt(pos))) {
            throw error(expected);
        }
        while (!atEnd() && (isLetter(s.charAt(pos)) || s.charAt(pos) >= '0' && s.charAt(pos) <= '9'
                || s.charAt(pos) == '_')) {
            pos++;
        }
        return s.substring(start, pos);
    }

    private void expect(char c) {
        skipSpaces();
        if (atEnd() || s.charAt(pos) != c) {
            throw error("'" + c + "'");
        }
        pos++;
    }

    private static boolean isLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private void skipSpaces() {
        while (!atEnd() && Character.isWhitespace(s.charAt(pos))) {
            pos++;
        }
    }

    private boolean atEnd() {
        return pos >= s.length();
    }

    private SelectorSyntaxException error(String expected) {
        return new SelectorSyntaxException(pos, expected, describe(pos));
    }

    private String describe(int at) {
        if (at >= s.length()) {
            return "the end of the selector";
        }
        char c = s.charAt(at);
        return Character.isISOControl(c) ? "a control character" : "'" + c + "'";
    }

}
