package io.jenkins.plugins.capi.testing;

import static org.junit.jupiter.api.Assertions.fail;

import com.github.dockerjava.api.DockerClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

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
            Path script = Path.of("..", "fake-builder", "clone", "build.sh").toAbsolutePath().normalize();
            if (!Files.isRegularFile(script)) {
                fail("stand-in script not found at " + script + "; run the tests from a module folder (core/)");
            }
            try {
                Process p = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes());
                if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    fail("bash " + script + " failed:\n" + out);
                }
            } catch (Exception e) {
                fail("cannot run " + script + ": " + e);
            }
            built = true;
        }
        return docker;
    }
}
