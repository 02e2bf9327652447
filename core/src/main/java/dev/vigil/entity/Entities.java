package dev.vigil.entity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The entity registry (seed 001): entities derived from what Vigil knows (services as {@code SERVICE}, push
 * monitors as {@code PUSH_MONITOR}, the one {@code ENVIRONMENT}) and explicit ones. Obtained from
 * {@code vigil.entities()}. Thread-safe; instances sharing one store agree (the registry follows the store's change
 * feed).
 */
public interface Entities {
    /** The type of the one environment entity. */
    String ENVIRONMENT = "ENVIRONMENT";

    /**
     * Creates or updates an explicit entity, identified by type and display name; re-defining it counts as activity.
     *
     * @throws IllegalArgumentException if a relationship names an entity Vigil does not know
     */
    Entity define(EntityDefinition definition);

    /** Creates or updates a custom device and its group. */
    CustomDevice.Result customDevice(CustomDevice device);

    Optional<Entity> find(String entityId);

    /**
     * The entities the selector matches that were seen at or after {@code seenSince} (null: whatever their
     * activity), ordered by id; entities named by {@code entityId(…)} match whatever their activity. The environment
     * entity is always active.
     */
    List<Entity> select(EntitySelector selector, @Nullable Instant seenSince);

    /** The environment entity. */
    Entity environment();

    /** Deletes an explicit entity; false if there is none (derived entities go with what they derive from). */
    boolean delete(String entityId);

    /** {@code TYPE-} and 16 upper-case hex digits of SHA-256 over the type and the natural key. */
    static String entityId(String type, String naturalKey) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(type.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            byte[] d = md.digest(naturalKey.getBytes(StandardCharsets.UTF_8));
            return type + "-" + HexFormat.of().withUpperCase().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    /** Whether the text looks like an entity id: {@code TYPE-} and 16 upper-case hex digits. */
    static boolean isEntityId(String id) {
        int dash = id.lastIndexOf('-');
        if (dash < 1 || id.length() - dash - 1 != 16 || id.length() > 120) {
            return false;
        }
        for (int i = 0; i < dash; i++) {
            char c = id.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')) {
                return false;
            }
        }
        for (int i = dash + 1; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }

    /** The type part of an entity id. */
    static String typeOf(String entityId) {
        int dash = entityId.lastIndexOf('-');
        return dash < 0 ? entityId : entityId.substring(0, dash);
    }

    /** For convenience: parses {@code selector} and selects. */
    default List<Entity> select(String selector, @Nullable Instant seenSince) {
        return select(EntitySelector.parse(selector), seenSince);
    }
}
