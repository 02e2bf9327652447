package dev.vigil.entity;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Dynatrace's custom device ({@code POST /api/v2/entities/custom}): an entity of type {@code CUSTOM_DEVICE} whose
 * natural key is {@code customDeviceId}, and which {@code isInstanceOf} its {@code CUSTOM_DEVICE_GROUP} (named
 * {@code group}, or {@code type} when no group is given, or {@code default}).
 *
 * @param type a technology type shown for the device (kept as its {@code customizedType} property), not the entity
 *             type
 */
public record CustomDevice(String customDeviceId, String displayName, @Nullable String type, @Nullable String group,
        List<String> ipAddresses, List<Integer> listenPorts, List<String> dnsNames, Map<String, String> properties,
        @Nullable String configUrl, @Nullable String faviconUrl) {
    public static final int MAX_ID = 500;

    /** @throws IllegalArgumentException naming the first invalid field */
    public CustomDevice {
        Objects.requireNonNull(customDeviceId, "customDeviceId");
        Objects.requireNonNull(displayName, "displayName");
        if (customDeviceId.isBlank() || customDeviceId.length() > MAX_ID) {
            throw new IllegalArgumentException("customDeviceId must have 1 to " + MAX_ID + " characters");
        }
        if (displayName.isBlank() || displayName.length() > EntityDefinition.MAX_NAME) {
            throw new IllegalArgumentException("displayName must have 1 to " + EntityDefinition.MAX_NAME
                    + " characters");
        }
        ipAddresses = List.copyOf(ipAddresses);
        listenPorts = List.copyOf(listenPorts);
        for (int p : listenPorts) {
            if (p < 0 || p > 65535) {
                throw new IllegalArgumentException("listenPorts must be 0 to 65535, got " + p);
            }
        }
        dnsNames = List.copyOf(dnsNames);
        properties = EntityDefinition.checkProperties(properties);
    }

    public static CustomDevice of(String customDeviceId, String displayName) {
        return new CustomDevice(customDeviceId, displayName, null, null, List.of(), List.of(), List.of(), Map.of(),
                null, null);
    }

    /** The group's name: {@code group}, else {@code type}, else {@code default}. */
    public String groupName() {
        if (group != null && !group.isBlank()) {
            return group;
        }
        return type != null && !type.isBlank() ? type : "default";
    }

    /** What {@link Entities#customDevice} created or updated. */
    public record Result(String entityId, String groupId) {
    }
}
