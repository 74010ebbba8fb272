package io.jenkins.plugins.capi.testing;

import static org.junit.jupiter.api.Assertions.fail;

import com.github.dockerjava.api.DockerClient;
import io.jenkins.plugins.capi.container.EngineConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The real Docker engine and the fake builder image for integration tests. Without an engine the tests are
 * skipped with a loud message, unless {@code CAPI_TEST_REQUIRE_ENGINE=1} (set by .ci/test): then they fail.
 */
public final class Engine {

    /** {@code $FAKE_BUILDER_IMAGE} when set (fake-builder/build.sh builds under the same name), else the default. */
    public static final String FAKE_IMAGE = System.getenv("FAKE_BUILDER_IMAGE") == null
            || System.getenv("FAKE_BUILDER_IMAGE").isBlank()
            ? "localhost/capi-fake-builder:latest" : System.getenv("FAKE_BUILDER_IMAGE");
    /** Stand-ins whose PID 1 is make / a shell without a trap, each running a Packer-like child (fake-builder/pid1). */
    public static final String PID1_MAKE_IMAGE = "localhost/capi-pid1-make:latest";
    public static final String PID1_SH_IMAGE = "localhost/capi-pid1-sh:latest";
    /** As {@link #PID1_MAKE_IMAGE}, but the stop's exec that searches for Packer answers only after 17 s. */
    public static final String PID1_LATE_IMAGE = "localhost/capi-pid1-late:latest";
    private static DockerClient client;
    private static boolean imageBuilt;
    private static boolean pid1Built;

    private Engine() {}

    public static synchronized DockerClient client() {
        if (client == null) {
            DockerClient c = EngineConnection.open(null);
            try {
                c.pingCmd().exec();
            } catch (RuntimeException e) {
                String why = "No Docker engine answers at " + EngineConnection.describe(null) + " (" + e.getMessage()
                        + "). Start one with: bash .ci/engine up";
                if ("1".equals(System.getenv("CAPI_TEST_REQUIRE_ENGINE"))) {
                    fail("CAPI_TEST_REQUIRE_ENGINE=1 but " + why);
                }
                System.err.println("\n*** SKIPPING ENGINE TESTS: " + why + " ***\n");
                Assumptions.abort("SKIPPED LOUDLY: " + why);
            }
            client = c;
        }
        ensureFakeImage();
        return client;
    }

    /** The engine, with the PID 1 stand-ins built (or confirmed up to date) too. */
    public static synchronized DockerClient clientWithPid1Images() {
        DockerClient c = client();
        if (!pid1Built) {
            buildImage("fake-builder/pid1/build.sh");
            pid1Built = true;
        }
        return c;
    }

    /** Builds (or confirms up to date) the fake builder with the project's script. */
    private static void ensureFakeImage() {
        if (imageBuilt) {
            return;
        }
        buildImage("fake-builder/build.sh");
        imageBuilt = true;
    }

    /**
     * Runs one of the project's stand-in image scripts ({@code fake-builder/…/build.sh}, given relative to the
     * repository root); they rebuild only when their inputs changed. Fails the test when the script fails.
     */
    public static void buildImage(String script) {
        Path path = Path.of("..").resolve(script).toAbsolutePath().normalize();
        if (!Files.isRegularFile(path)) {
            fail("stand-in image script not found at " + path + "; run the tests from a module folder (core/ or plugin/)");
        }
        try {
            Process p = new ProcessBuilder("bash", path.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                fail("bash " + path + " failed:\n" + out);
            }
        } catch (Exception e) {
            fail("cannot run " + path + ": " + e);
        }
    }
}
