/**
 * Entities (seed 001, Dynatrace's Monitored Entities API v2): the registry of what Vigil knows (services, push
 * monitors, the environment, explicit entities and custom devices), and the entity selector language that picks
 * them ({@link dev.vigil.entity.EntitySelector}).
 */
@NullMarked
package dev.vigil.entity;

import org.jspecify.annotations.NullMarked;
