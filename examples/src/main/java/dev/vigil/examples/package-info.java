/** Runnable examples: {@link dev.vigil.examples.ExampleServer}, Vigil as a small standalone server. */
package dev.vigil.examples;
