package io.jenkins.plugins.capi.container;

import io.jenkins.plugins.capi.logs.FailureHint;
import io.jenkins.plugins.capi.logs.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * How a container run ended. The container is removed and the imageconfig deleted by the time this exists.
 *
 * @param exitCode     the container's exit code (143/137 after a stop)
 * @param lastPhase    the last phase the log showed
 * @param phaseTimings time per phase, in the order entered
 * @param hint         for a non-zero exit, what the log tail says went wrong
 * @param imageId      local image id ({@code sha256:…})
 * @param imageDigest  registry digest ({@code repo@sha256:…}), or null for images that were never pushed/pulled
 * @param timedOut     the run hit its timeout and was stopped
 * @param logLines     lines handed to the listener
 */
public record ContainerResult(
        int exitCode,
        Instant started,
        Instant ended,
        Phase lastPhase,
        Map<Phase, Duration> phaseTimings,
        Optional<FailureHint> hint,
        String imageId,
        String imageDigest,
        boolean timedOut,
        long logLines) {

    public boolean succeeded() {
        return exitCode == 0 && !timedOut;
    }
}
