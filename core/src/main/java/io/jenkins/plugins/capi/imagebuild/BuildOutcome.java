package io.jenkins.plugins.capi.imagebuild;

import io.jenkins.plugins.capi.config.Finding;
import io.jenkins.plugins.capi.logs.FailureHint;
import io.jenkins.plugins.capi.logs.Phase;
import io.jenkins.plugins.capi.metadata.TemplateMetadata;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** How a build ended. */
public sealed interface BuildOutcome {

    /** Phase name to time spent in it, in the order phases were entered. */
    Map<Phase, Duration> phaseTimings();

    /** The container ran and produced a template; metadata was written to {@code metadataFile}. */
    record Succeeded(TemplateMetadata metadata, Path metadataFile, Map<Phase, Duration> phaseTimings)
            implements BuildOutcome {}

    /** Nothing was started: the config, the ISO or vCenter pre-flight had errors. */
    record Rejected(List<Finding> findings) implements BuildOutcome {
        @Override
        public Map<Phase, Duration> phaseTimings() {
            return Map.of();
        }
    }

    /** The container ran and failed (non-zero exit, or outputs missing or inconsistent). */
    record Failed(int exitCode, String reason, FailureHint hint, Phase lastPhase, Map<Phase, Duration> phaseTimings)
            implements BuildOutcome {}

    /** The build hit its timeout; the container was stopped and removed. */
    record TimedOut(Duration timeout, Phase lastPhase, Map<Phase, Duration> phaseTimings) implements BuildOutcome {}
}
