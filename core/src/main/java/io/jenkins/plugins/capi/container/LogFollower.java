package io.jenkins.plugins.capi.container;

import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import io.jenkins.plugins.capi.logs.LogPipeline;
import java.time.Duration;

/** Feeds the frames of {@code logs --follow} into the log pipeline, stdout and stderr apart. */
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

    /** Waits up to {@code max} for the last lines after the container ended; a broken stream only ends the wait. */
    void awaitDrained(Duration max) throws InterruptedException {
        try {
            await(max);
        } catch (RuntimeException e) {
            // the lines that arrived are all there will be
        }
    }
}
