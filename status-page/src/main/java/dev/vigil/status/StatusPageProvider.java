package dev.vigil.status;

import dev.vigil.Vigil;
import dev.vigil.http.RouteFamily;
import dev.vigil.http.RouteFamilyProvider;

/**
 * Serves the status page with default settings wherever Vigil's HTTP API is built while this module is on the class
 * path (listed in {@code META-INF/services/dev.vigil.http.RouteFamilyProvider}). A host that configures its own
 * {@link StatusPage} and gives its {@link StatusPage#family()} to {@code VigilHttp.Builder#family} replaces this one.
 */
public final class StatusPageProvider implements RouteFamilyProvider {

    @Override
    public RouteFamily create(Vigil vigil) {
        return StatusPage.builder(vigil).build().family();
    }
}
