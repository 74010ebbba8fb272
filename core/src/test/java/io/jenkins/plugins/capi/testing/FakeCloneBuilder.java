package io.jenkins.plugins.capi.testing;

import com.github.dockerjava.api.DockerClient;

/**
 * The stand-in builder image for builds from an existing VM ({@code fake-builder/clone/build.sh}): it idles with
 * {@code sleep infinity}, holds the RHSM check in its Ansible role, runs a clone make target like KIB's, and records
 * the commands it receives in {@code <output>/stand-in-commands.log}. Needs the engine (see {@link Engine}).
 */
public final class FakeCloneBuilder {

    public static final String IMAGE = "localhost/capi-fake-clone-builder:latest";
    public static final String COMMAND_LOG = "stand-in-commands.log";
    private static boolean built;

    private FakeCloneBuilder() {}

    /** The engine's client, with the image built (or confirmed up to date); skips or fails like {@link Engine}. */
    public static synchronized DockerClient client() {
        DockerClient docker = Engine.client();
        if (!built) {
            Engine.buildImage("fake-builder/clone/build.sh");
            built = true;
        }
        return docker;
    }
}
