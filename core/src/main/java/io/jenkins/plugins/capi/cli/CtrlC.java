package io.jenkins.plugins.capi.cli;

import io.jenkins.plugins.capi.Durations;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) and SIGTERM during a build: the first asks the build to stop gracefully (it interrupts the build
 * thread: Packer gets SIGTERM and the grace period to destroy its VM, then the container is removed); a second one
 * says it stops now and interrupts again, which cuts the grace period short. The JVM keeps running until the build
 * thread has cleaned up, so no shutdown hook races the clean-up.
 */
final class CtrlC implements AutoCloseable {

    private final List<Restore> restore = new ArrayList<>();
    private final AtomicInteger signals = new AtomicInteger();

    private record Restore(Signal signal, SignalHandler previous) {}

    private CtrlC(Thread build, PrintWriter err, String first, String second) {
        SignalHandler handler = sig -> {
            int n = signals.incrementAndGet();
            err.println("\ncapi-image-build: " + (n == 1 ? first : second) + " (SIG" + sig.getName() + ")");
            err.flush();
            build.interrupt();
        };
        for (String name : List.of("INT", "TERM")) {
            try {
                Signal s = new Signal(name);
                restore.add(new Restore(s, Signal.handle(s, handler)));
            } catch (IllegalArgumentException unavailable) {
                // the platform has no such signal, or the JVM reserves it (-Xrs)
            }
        }
    }

    /** Takes over SIGINT and SIGTERM for the build running on {@code build}. */
    static CtrlC duringBuild(Thread build, PrintWriter err, Duration grace) {
        return new CtrlC(build, err, "stopping: the builder gets up to " + Durations.describe(grace)
                + " to clean up its VM, then the container is removed; press Ctrl-C again to stop now",
                "stopping now: the container is killed without waiting for the builder's clean-up; check vCenter"
                        + " for a VM left behind");
    }

    /** Takes over SIGINT and SIGTERM while {@code worker} checks something (ISO, vCenter): it is interrupted. */
    static CtrlC duringCheck(Thread worker, PrintWriter err) {
        return new CtrlC(worker, err, "interrupted", "interrupted");
    }

    /** Whether a second signal asked to stop without waiting. */
    boolean stopNow() {
        return signals.get() > 1;
    }

    @Override
    public void close() {
        restore.forEach(r -> Signal.handle(r.signal(), r.previous()));
    }
}
