package io.jenkins.plugins.capi.imagebuild;

import io.jenkins.plugins.capi.config.Finding;
import io.jenkins.plugins.capi.logs.FailureHint;
import io.jenkins.plugins.capi.logs.Phase;
import io.jenkins.plugins.capi.metadata.TemplateMetadata;
import io.jenkins.plugins.capi.publish.PublishResult;
import io.jenkins.plugins.capi.vsphere.BuildVmReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** How a build ended. */
public sealed interface BuildOutcome {

    /** Phase name to time spent in it, in the order phases were entered. */
    Map<Phase, Duration> phaseTimings();

    /**
     * The container ran and produced a template; metadata was written to {@code metadataFile}.
     *
     * @param publication what publishing did, target by target; null when nothing was to be published. A build can
     *                    succeed while a target failed: see {@link PublishResult#succeeded()}.
     */
    record Succeeded(TemplateMetadata metadata, Path metadataFile, Map<Phase, Duration> phaseTimings,
                     PublishResult publication) implements BuildOutcome {
        public Succeeded(TemplateMetadata metadata, Path metadataFile, Map<Phase, Duration> phaseTimings) {
            this(metadata, metadataFile, phaseTimings, null);
        }
    }

    /** Nothing was started: the settings, the config, the ISO, vCenter or a publish target had errors. */
    record Rejected(List<Finding> findings) implements BuildOutcome {
        @Override
        public Map<Phase, Duration> phaseTimings() {
            return Map.of();
        }
    }

    /**
     * The container ran and failed (non-zero exit, or outputs missing or inconsistent), or the engine failed.
     *
     * @param buildVm what was found in vCenter of the VM the build left (and whether it was removed); null when
     *                vCenter was not asked (no credentials, or the container never started)
     */
    record Failed(int exitCode, String reason, FailureHint hint, Phase lastPhase, Map<Phase, Duration> phaseTimings,
                  BuildVmReport buildVm) implements BuildOutcome {
        public Failed(int exitCode, String reason, FailureHint hint, Phase lastPhase, Map<Phase, Duration> phaseTimings) {
            this(exitCode, reason, hint, lastPhase, phaseTimings, null);
        }
    }

    /** The build hit its timeout; the container was stopped and removed. {@code buildVm} as for {@link Failed}. */
    record TimedOut(Duration timeout, Phase lastPhase, Map<Phase, Duration> phaseTimings, BuildVmReport buildVm)
            implements BuildOutcome {
        public TimedOut(Duration timeout, Phase lastPhase, Map<Phase, Duration> phaseTimings) {
            this(timeout, lastPhase, phaseTimings, null);
        }
    }
}
