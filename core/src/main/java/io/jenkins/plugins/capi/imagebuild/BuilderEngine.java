package io.jenkins.plugins.capi.imagebuild;

import io.jenkins.plugins.capi.container.ContainerEvents;
import io.jenkins.plugins.capi.container.ContainerPlan;
import io.jenkins.plugins.capi.container.ContainerResult;
import io.jenkins.plugins.capi.container.RunSpec;

/** What a build needs from the container engine; {@link DockerBuilderEngine} is the real one. */
public interface BuilderEngine {

    /** What {@link #run} would do, touching nothing. */
    ContainerPlan plan(RunSpec spec);

    /**
     * Runs the builder container to its end.
     *
     * @throws io.jenkins.plugins.capi.container.ContainerRunException when the engine, the image or the output folder
     *         fail; nothing is left running
     * @throws InterruptedException when interrupted; the container has been stopped and removed
     */
    ContainerResult run(RunSpec spec, ContainerEvents events) throws InterruptedException;
}
