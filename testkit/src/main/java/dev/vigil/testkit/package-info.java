/**
 * Test support for Vigil users and store authors: {@link dev.vigil.testkit.ManualClock},
 * {@link dev.vigil.testkit.RecordingNotifier}, and the abstract store contract tests.
 */
@NullMarked
package dev.vigil.testkit;

import org.jspecify.annotations.NullMarked;
