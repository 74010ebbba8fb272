package io.jenkins.plugins.capi.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The real-Packer test builder image ({@code tools/packer/image/build.sh}): make as PID 1, Packer v1.9.4 and
 * packer-plugin-vsphere v1.4.2 built by {@code tools/packer/build.sh}, a KIB-like template rendered from the
 * imageconfig. Building Packer takes minutes, so the tests never do it: without the binaries they are skipped with
 * a loud reason, and under {@code CAPI_TEST_REQUIRE_ENGINE=1} (set by .ci/test, which builds them first) they fail.
 * The image itself is (re)built from the binaries when its inputs changed, which takes seconds.
 */
public final class PackerBuilder {

    public static final String IMAGE = envOr("PACKER_BUILDER_IMAGE", "localhost/capi-packer-builder:latest");
    private static final Path TOOLS = Path.of("..", "tools", "packer").toAbsolutePath().normalize();
    private static boolean imageBuilt;

    private PackerBuilder() {}

    /** Skips loudly (or fails under CAPI_TEST_REQUIRE_ENGINE=1) without an engine or the Packer binaries. */
    public static synchronized void assumeImage() {
        Engine.client();
        if (imageBuilt) {
            return;
        }
        Path packer = TOOLS.resolve("bin").resolve("packer");
        if (!Files.isExecutable(packer)) {
            String why = "no Packer binaries at " + packer.getParent() + "; the real-Packer scenarios did NOT run."
                    + " Build them with: bash tools/packer/build.sh";
            if ("1".equals(System.getenv("CAPI_TEST_REQUIRE_ENGINE"))) {
                fail("CAPI_TEST_REQUIRE_ENGINE=1 but " + why);
            }
            System.err.println("\n*** SKIPPING REAL-PACKER TESTS: " + why + " ***\n");
            Assumptions.abort("SKIPPED LOUDLY: " + why);
        }
        Engine.buildImage("tools/packer/image/build.sh");
        imageBuilt = true;
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
