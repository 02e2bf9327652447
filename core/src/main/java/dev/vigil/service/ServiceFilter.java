package dev.vigil.service;

import org.jspecify.annotations.Nullable;

/**
 * Which services a list returns; every field that is not null must match (attributes as in effect).
 *
 * @param pathPrefix a prefix of the path, e.g. {@code myorg/infra/}
 */
public record ServiceFilter(
        @Nullable String tag,
        @Nullable HealthStatus status,
        @Nullable String slaGroup,
        @Nullable String namespace,
        @Nullable String pathPrefix,
        @Nullable String criticality) {

    public static final ServiceFilter ALL = new ServiceFilter(null, null, null, null, null, null);

    public ServiceFilter withTag(@Nullable String value) {
        return new ServiceFilter(value, status, slaGroup, namespace, pathPrefix, criticality);
    }

    public ServiceFilter withStatus(@Nullable HealthStatus value) {
        return new ServiceFilter(tag, value, slaGroup, namespace, pathPrefix, criticality);
    }

    public ServiceFilter withSlaGroup(@Nullable String value) {
        return new ServiceFilter(tag, status, value, namespace, pathPrefix, criticality);
    }

    public ServiceFilter withNamespace(@Nullable String value) {
        return new ServiceFilter(tag, status, slaGroup, value, pathPrefix, criticality);
    }

    public ServiceFilter withPathPrefix(@Nullable String value) {
        return new ServiceFilter(tag, status, slaGroup, namespace, value, criticality);
    }

    public ServiceFilter withCriticality(@Nullable String value) {
        return new ServiceFilter(tag, status, slaGroup, namespace, pathPrefix, value);
    }
}
