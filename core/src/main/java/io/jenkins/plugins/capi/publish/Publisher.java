package io.jenkins.plugins.capi.publish;

import io.jenkins.plugins.capi.logs.SecretMasker;
import io.jenkins.plugins.capi.metadata.TemplateMetadata.Publication;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Publishes one template to every target of a request, in parallel, each with its own result: one failing
 * target does not undo or stop the others. {@link #preflight(PublishRequest)} checks every target without
 * changing anything (front ends run it before the build starts). {@link #cancel()} stops every target at its
 * next step or chunk; what they had begun is cleaned up.
 */
public final class Publisher {

    private final PublishRequest request;
    private final PublishListener listener;
    private final AtomicBoolean cancelled = new AtomicBoolean();

    public Publisher(PublishRequest request, PublishListener listener) {
        this.request = Objects.requireNonNull(request, "request");
        this.listener = listener == null ? PublishListener.NONE : listener;
    }

    /** Every target's pre-flight, in parallel; never throws for vCenter problems (they are findings). */
    public static List<TargetCheck> preflight(PublishRequest request) {
        List<Callable<TargetCheck>> checks = new ArrayList<>();
        for (PublishTarget t : request.targets()) {
            checks.add(() -> TargetPreflight.check(request, t));
        }
        return inParallel(checks, "capi-publish-check", () -> { });
    }

    /** Publishes to every target; the results are in the order of the request's targets. */
    public PublishResult publish() {
        SecretMasker masker = SecretMasker.of(request.targets().stream().map(PublishTarget::password)
                .filter(Objects::nonNull).toList());
        List<Callable<Publication>> runs = new ArrayList<>();
        for (PublishTarget t : request.targets()) {
            runs.add(() -> new TargetRun(request, t, listener, cancelled::get, masker).run());
        }
        return new PublishResult(inParallel(runs, "capi-publish", this::cancel));
    }

    /** Asks every target to stop; safe from any thread. */
    public void cancel() {
        cancelled.set(true);
    }

    private static <T> List<T> inParallel(List<Callable<T>> work, String threadName, Runnable onInterrupt) {
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(work.size(), r -> {
            Thread t = new Thread(r, threadName + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> c : work) {
                futures.add(pool.submit(c));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(await(f, onInterrupt));
            }
            return out;
        } finally {
            pool.shutdown();
        }
    }

    /**
     * Waits for a target even through an interrupt (which cancels the run): it cleans up after itself and must be
     * let finish.
     */
    private static <T> T await(Future<T> f, Runnable onInterrupt) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                    onInterrupt.run();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("a publish target failed unexpectedly", e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
