package io.jenkins.plugins.capi.container;

import java.util.concurrent.atomic.AtomicReference;

/** A {@link ContainerRunner#run} on a thread of its own, so a test can watch it and abort it as a user would. */
final class BackgroundRun {

    private final Thread thread;
    private final AtomicReference<Throwable> thrown = new AtomicReference<>();
    private volatile boolean interruptedAfter;

    private BackgroundRun(ContainerRunner runner, RunSpec spec, ContainerEvents events) {
        thread = new Thread(() -> {
            try {
                runner.run(spec, events);
            } catch (Throwable t) {
                thrown.set(t);
                interruptedAfter = Thread.currentThread().isInterrupted();
            }
        }, "background-run-" + spec.runId());
    }

    static BackgroundRun start(ContainerRunner runner, RunSpec spec, ContainerEvents events) {
        BackgroundRun run = new BackgroundRun(runner, spec, events);
        run.thread.start();
        return run;
    }

    /** Interrupts the run (a Jenkins abort, Ctrl-C) and waits up to a minute for it to end. */
    BackgroundRun abort() throws InterruptedException {
        thread.interrupt();
        thread.join(60_000);
        return this;
    }

    boolean alive() {
        return thread.isAlive();
    }

    Throwable thrown() {
        return thrown.get();
    }

    /** Whether the interrupt flag was set when the run threw. */
    boolean interruptedAfter() {
        return interruptedAfter;
    }
}
