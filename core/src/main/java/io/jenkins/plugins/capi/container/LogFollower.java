package io.jenkins.plugins.capi.container;

import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import io.jenkins.plugins.capi.logs.LogPipeline;
import java.time.Duration;

/** Feeds the frames of {@code logs --follow} (or of an exec's output) into the log pipeline, stdout and stderr apart. */
final class LogFollower extends QuietCallback<Frame> {

    private final LogPipeline pipeline;

    LogFollower(LogPipeline pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    public void onNext(Frame frame) {
        if (frame.getStreamType() == StreamType.STDERR) {
            pipeline.stderr(frame.getPayload());
        } else {
            pipeline.stdout(frame.getPayload());
        }
    }

    /**
     * Whether the stream ended within {@code max}; the stream stays open either way. A broken stream counts as ended:
     * the lines that arrived are all there will be.
     */
    boolean awaitEnd(Duration max) throws InterruptedException {
        try {
            return await(max);
        } catch (RuntimeException streamError) {
            return true;
        }
    }

    /** Waits up to {@code max} for the last lines after the container ended. */
    void awaitDrained(Duration max) throws InterruptedException {
        awaitEnd(max);
    }
}
