package io.jenkins.plugins.capi.container;

import com.github.dockerjava.api.async.ResultCallback;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A docker-java stream callback that keeps its error for the caller instead of logging it, and that can be waited
 * on more than once.
 *
 * <p>docker-java's own callbacks log every stream error at ERROR level with a stack trace, which the command
 * line's logger prints on the user's terminal; the runner turns the error into one line that says what to do
 * instead. And their {@code awaitCompletion} closes the stream when it returns, even on a timeout or an interrupt,
 * so a wait for the container's exit that an abort interrupted would be gone when the stop needs it; {@link #await}
 * leaves the stream open until {@link #close()}.
 */
abstract class QuietCallback<T> extends ResultCallback.Adapter<T> {

    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile Throwable error;

    @Override
    public void onError(Throwable throwable) {
        if (error == null) {
            error = throwable;
        }
        closeQuietly();
    }

    @Override
    public void onComplete() {
        super.onComplete();
        ended.countDown();
    }

    @Override
    public void close() throws IOException {
        try {
            super.close();
        } finally {
            ended.countDown();
        }
    }

    /** Waits until the stream ends; rethrows what ended it, if it was an error. */
    void await() throws InterruptedException {
        ended.await();
        rethrowError();
    }

    /** Waits at most {@code max}; true when the stream ended (rethrowing an error that ended it). */
    boolean await(Duration max) throws InterruptedException {
        boolean done = ended.await(Math.max(0, max.toMillis()), TimeUnit.MILLISECONDS);
        if (done) {
            rethrowError();
        }
        return done;
    }

    void closeQuietly() {
        try {
            close();
        } catch (IOException e) {
            // the stream is abandoned either way
        }
    }

    private void rethrowError() {
        Throwable t = error;
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t != null) {
            throw new IllegalStateException(t);
        }
    }
}
