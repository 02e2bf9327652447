/**
 * The HTTP adapter contract kit: abstract JUnit 5 suites ({@link dev.vigil.testkit.http.SeedPushTests},
 * {@link dev.vigil.testkit.http.AdminApiTests}, {@link dev.vigil.testkit.http.BadInputTests}, ...) that every
 * adapter mounting {@link dev.vigil.http.VigilHttp} on a server passes, at the root and under a prefix. An adapter
 * module extends each suite and implements {@link dev.vigil.testkit.http.HttpApiTestBase}'s hooks: the prefix, the
 * store, and "start a server for this API at this prefix".
 */
@NullMarked
package dev.vigil.testkit.http;

import org.jspecify.annotations.NullMarked;
