package io.jenkins.plugins.capi.container;

import java.util.List;
import java.util.Objects;

/**
 * A build run as execs in an idling container instead of by the image's own start-up: the container runs
 * {@code idleCommand}, then {@code preparation} and {@code build} run through {@link ExecSequence}, and the build's
 * exit code is the run's. The vendor documents this for clone builds that need a role edited first.
 */
public record ExecPlan(List<String> idleCommand, List<ExecSequence.Step> preparation, ExecSequence.Step build) {

    public ExecPlan {
        idleCommand = List.copyOf(idleCommand);
        if (idleCommand.isEmpty()) {
            throw new IllegalArgumentException("an idle command is needed to keep the container alive for the execs");
        }
        preparation = List.copyOf(preparation);
        Objects.requireNonNull(build, "build");
    }
}
