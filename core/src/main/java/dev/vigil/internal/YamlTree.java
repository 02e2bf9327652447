package dev.vigil.internal;

import dev.vigil.model.Text;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A YAML document read into maps, lists and scalars that remember their line, so configuration errors can
 * point at the line. Built on Jackson's streaming YAML parser.
 */
public final class YamlTree {
    private static final YAMLFactory FACTORY = YAMLFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).maxStringLength(1_000_000).build())
            .build();

    private YamlTree() {
    }

    /** A node and the line it starts on (1-based). */
    public sealed interface Node permits MapNode, ListNode, Scalar {
        int line();
    }

    public record MapNode(int line, Map<String, Node> entries) implements Node {
    }

    public record ListNode(int line, List<Node> items) implements Node {
    }

    /** A scalar: {@code text} is null for YAML null; {@code quoted} strings are never numbers or booleans. */
    public record Scalar(int line, @Nullable String text, boolean string) implements Node {
    }

    /** Thrown for syntax errors and duplicate keys, with the line. */
    public static final class YamlException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int line;

        YamlException(int line, String message) {
            super(message);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    /** Reads one document; an empty document is an empty map. */
    public static Node read(Reader reader) throws YamlException {
        try (JsonParser p = FACTORY.createParser(reader)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return new MapNode(1, Map.of());
            }
            return readValue(p);
        } catch (YamlException e) {
            throw e;
        } catch (IOException e) {
            int line = 0;
            if (e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe && jpe.getLocation() != null) {
                line = jpe.getLocation().getLineNr();
            }
            String msg = e.getMessage() == null ? e.toString() : e.getMessage();
            int cut = msg.indexOf('\n');
            throw new YamlException(line, "invalid YAML: " + (cut > 0 ? msg.substring(0, cut) : msg));
        }
    }

    private static Node readValue(JsonParser p) throws IOException, YamlException {
        int line = p.currentTokenLocation().getLineNr();
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT: {
                Map<String, Node> entries = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    int keyLine = p.currentTokenLocation().getLineNr();
                    p.nextToken();
                    if (entries.put(key, readValue(p)) != null) {
                        throw new YamlException(keyLine, "duplicate key '" + Text.forLog(key) + "'");
                    }
                }
                return new MapNode(line, entries);
            }
            case START_ARRAY: {
                List<Node> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(readValue(p));
                }
                return new ListNode(line, items);
            }
            case VALUE_NULL:
                return new Scalar(line, null, false);
            case VALUE_STRING:
                return new Scalar(line, p.getText(), true);
            default:
                return new Scalar(line, p.getText(), false);
        }
    }
}
