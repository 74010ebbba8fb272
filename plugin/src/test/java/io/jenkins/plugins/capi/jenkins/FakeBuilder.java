package io.jenkins.plugins.capi.jenkins;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The registry-free fake builder image ({@code fake-builder/build.sh}, built by {@code .ci/test}) and the inputs a
 * build with it needs. Tests that run it need a Docker engine on the machine running the test agents; without
 * one they are skipped with a loud reason, never silently.
 */
public final class FakeBuilder {

    public static final String IMAGE = "localhost/capi-fake-builder:latest";
    public static final String ISO_NAME = "Rocky-8-latest-x86_64-dvd.iso";
    public static final String ISO_CONTENT = "not really an ISO, but its checksum is checked all the same\n";
    /** The label core puts on every container of a run (ContainerRunner.LABEL_RUN_ID). */
    public static final String RUN_ID_LABEL = "io.jenkins.capi.run-id";
    /** A password the fake builder prints in its packer command line, as KIB does: it must be masked. */
    public static final String PLANTED_PASSWORD = "Pl4nted-vCenter-Passw0rd-7f3e";

    private FakeBuilder() {}

    public static void assumeDockerAndImage() {
        assumeTrue(
                run("docker", "version", "--format", "{{.Server.Version}}").exitCode == 0,
                "SKIPPED: no Docker engine reachable (docker version failed); start one with .ci/engine up");
        assumeTrue(
                run("docker", "image", "inspect", IMAGE).exitCode == 0,
                "SKIPPED: " + IMAGE + " is not built; run fake-builder/build.sh");
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
                "vcenter_resource_pool=Resources",
                "airgap=false",
                "fake_step_seconds=0.05"));
        lines.addAll(List.of(extraLines));
        return String.join("\n", lines) + "\n";
    }

    /** Ids of containers (running or not) that belong to {@code runId}. */
    public static List<String> containersOf(String runId) {
        Result r = run("docker", "ps", "-aq", "--filter", "label=" + RUN_ID_LABEL + "=" + runId);
        if (r.exitCode != 0) {
            throw new AssertionError("docker ps failed: " + r.output);
        }
        return r.output.lines().filter(l -> !l.isBlank()).toList();
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Result(int exitCode, String output) {}

    private static Result run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "timed out: " + String.join(" ", command));
            }
            return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, e.toString());
        }
    }
}
