package io.jenkins.plugins.capi.testing;

import com.github.dockerjava.api.model.Container;
import io.jenkins.plugins.capi.container.ContainerRunner;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The registry-free fake builder image ({@code fake-builder/build.sh}) and the inputs a build with it needs, for the
 * tests of both modules. Tests that run it need a Docker engine: without one they are skipped with a loud reason,
 * and with {@code CAPI_TEST_REQUIRE_ENGINE=1} they fail instead (see {@link Engine}).
 */
public final class FakeBuilder {

    public static final String IMAGE = Engine.FAKE_IMAGE;
    public static final String ISO_NAME = "Rocky-8-latest-x86_64-dvd.iso";
    public static final String ISO_CONTENT = "not really an ISO, but its checksum is checked all the same\n";
    /** A password the fake builder prints in its packer command line, as KIB does: it must be masked. */
    public static final String PLANTED_PASSWORD = "Pl4nted-vCenter-Passw0rd-7f3e";

    private FakeBuilder() {}

    /** Skips loudly (or fails under CAPI_TEST_REQUIRE_ENGINE=1) without an engine; builds the image when needed. */
    public static void assumeDockerAndImage() {
        Engine.client();
    }

    /** A valid connected Rocky 8 config for the fake builder; {@code extraLines} are appended. */
    public static String imageconfig(String imageName, String... extraLines) {
        List<String> lines = new ArrayList<>(List.of(
                "os_version=rockylinux-8",
                "image_type=standard",
                "image_name=" + imageName,
                "cloud_type=vmware",
                "k8s_version=1.30.4",
                "cni_version=1.3.0",
                "containerd_version=1.7.13",
                "crictl_version=1.28.0",
                "iso_name=" + ISO_NAME,
                "iso_checksum=" + sha256(ISO_CONTENT),
                "vcenter_server=vcenter.lab.example.com",
                "vcenter_datacenter=Datacenter",
                "vcenter_datastore=vsanDatastore",
                "vcenter_network='VM Network'",
                "vcenter_folder=templates",
                "vcenter_cluster=Cluster-A",
                "vcenter_resource_pool=",
                "airgap=false",
                "fake_step_seconds=0.05"));
        lines.addAll(List.of(extraLines));
        return String.join("\n", lines) + "\n";
    }

    /** Ids of containers (running or not) of run {@code runId} and of the runs named {@code runId-…} after it. */
    public static List<String> containersOf(String runId) {
        List<String> ids = new ArrayList<>();
        for (Container c : Engine.client().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(ContainerRunner.LABEL_TOOL, ContainerRunner.TOOL)).exec()) {
            String label = c.getLabels() == null ? null : c.getLabels().get(ContainerRunner.LABEL_RUN_ID);
            if (label != null && (label.equals(runId) || label.startsWith(runId + "-"))) {
                ids.add(c.getId());
            }
        }
        return ids;
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
