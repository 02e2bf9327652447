package dev.vigil.benchmarks;

import dev.vigil.internal.Secrets;
import java.security.MessageDigest;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One secret check, Vigil's {@link Secrets#matches} against the push baseline's: SHA-256 of the presented secret
 * compared in constant time with the stored digest (raw bytes, nothing to decode). Since the verified-secret cache
 * was removed, both sides hash every time; Vigil also decodes the stored {@code sha256:<base64url>} form.
 * {@code RepeatedSecret}: the right secret (a monitor's usual push); {@code WrongSecret}: a wrong one.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class SecretCheckBenchmark {
    private final String secret = Secrets.generate();
    private final String wrong = Secrets.generate();
    private final String hash = Secrets.hash(secret);
    private final byte[] sha256 = MapPushTracker.sha256(secret);

    @Benchmark
    public boolean vigilRepeatedSecret() {
        return Secrets.matches(secret, hash);
    }

    @Benchmark
    public boolean baselineRepeatedSecret() {
        return MessageDigest.isEqual(MapPushTracker.sha256(secret), sha256);
    }

    @Benchmark
    public boolean vigilWrongSecret() {
        return Secrets.matches(wrong, hash);
    }

    @Benchmark
    public boolean baselineWrongSecret() {
        return MessageDigest.isEqual(MapPushTracker.sha256(wrong), sha256);
    }
}
