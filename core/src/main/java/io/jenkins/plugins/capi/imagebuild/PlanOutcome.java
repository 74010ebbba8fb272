package io.jenkins.plugins.capi.imagebuild;

import io.jenkins.plugins.capi.config.Finding;
import io.jenkins.plugins.capi.container.ContainerPlan;
import java.util.List;

/** What {@code plan} shows: the run a build would do, or why it would be refused. */
public sealed interface PlanOutcome {

    /**
     * @param steps     what the build would do before and after the container, in order
     * @param container the container it would run and the files it would prepare
     */
    record Planned(List<String> steps, ContainerPlan container) implements PlanOutcome {
        public Planned {
            steps = List.copyOf(steps);
        }
    }

    record Refused(List<Finding> findings) implements PlanOutcome {
        public Refused {
            findings = List.copyOf(findings);
        }
    }
}
