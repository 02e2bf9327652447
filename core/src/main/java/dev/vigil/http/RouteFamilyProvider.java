package dev.vigil.http;

import dev.vigil.Vigil;

/**
 * Contributes a {@link RouteFamily} from another module without editing core: list the implementation in
 * {@code META-INF/services/dev.vigil.http.RouteFamilyProvider}, and {@link VigilHttp.Builder#build()} finds it with
 * {@link java.util.ServiceLoader} (unless {@link VigilHttp.Builder#discoverFamilies(boolean)} turned that off).
 * Implementations need a public no-argument constructor.
 */
@FunctionalInterface
public interface RouteFamilyProvider {

    /** The family serving {@code vigil}; called once per {@link VigilHttp} being built. */
    RouteFamily create(Vigil vigil);
}
