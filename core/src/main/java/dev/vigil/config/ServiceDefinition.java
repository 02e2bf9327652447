package dev.vigil.config;

import dev.vigil.service.ServiceDeclaration;

/** One entry of {@code services:}: a service's path and what is declared about it. */
public record ServiceDefinition(String path, ServiceDeclaration declaration) {
}
