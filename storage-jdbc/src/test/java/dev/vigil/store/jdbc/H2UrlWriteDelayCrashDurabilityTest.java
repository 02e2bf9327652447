package dev.vigil.store.jdbc;

/**
 * {@link CrashDurabilityContract} on an H2 file whose URL asks for {@code WRITE_DELAY=500}: every connection the pool
 * opens sets it again for the whole database, and still no acknowledged push may be lost.
 */
class H2UrlWriteDelayCrashDurabilityTest extends H2CrashDurabilityTest {
    @Override
    protected String url() {
        return super.url() + ";WRITE_DELAY=500";
    }
}
