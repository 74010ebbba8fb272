package io.jenkins.plugins.capi.metadata;

import io.jenkins.plugins.capi.iso.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes an output folder the way a Spectro Cloud / KIB vSphere build leaves it (docs/metadata.md describes the
 * files): image_name rocky-8, os_version rockylinux-8, Kubernetes 1.30.4.
 */
final class KibOutputFolder {

    static final String IMAGE = "rocky-8";
    static final String OVA = "rockylinux-8-kube-v1.30.4.ova";
    static final String OLD_RUN = "3f1b6a0e-1111-4c1e-9d7a-000000000001";
    static final String LAST_RUN = "9c2d7b1f-2222-4c1e-9d7a-000000000002";

    /** Two runs used the folder: the first entry is stale, the second is the last run. */
    static final String MANIFEST_TWO_RUNS = """
            {
              "builds": [
                {
                  "name": "vsphere",
                  "builder_type": "vsphere-iso",
                  "build_time": 1700000000,
                  "files": [{"name": "rocky-8-old-disk-0.vmdk", "size": 10}],
                  "artifact_id": "rocky-8-old",
                  "packer_run_uuid": "%s",
                  "custom_data": {"build_name": "rockylinux-8", "kubernetes_semver": "v1.29.0"}
                },
                {
                  "name": "vsphere",
                  "builder_type": "vsphere-iso",
                  "build_time": 1784715999,
                  "files": [{"name": "rocky-8-disk-0.vmdk", "size": 4096}, {"name": "rocky-8.ovf", "size": 120}],
                  "artifact_id": "rocky-8",
                  "packer_run_uuid": "%s",
                  "custom_data": {
                    "build_date": "2026-07-22T10:11:12Z",
                    "build_name": "rockylinux-8",
                    "build_timestamp": "1784715072",
                    "build_type": "node",
                    "containerd_version": "1.7.13",
                    "custom_role": "false",
                    "disk_size": "20480",
                    "distro_arch": "amd64",
                    "distro_name": "rockylinux",
                    "distro_version": "8",
                    "firmware": "bios",
                    "guest_os_type": "rockylinux-64",
                    "ib_version": "v0.1.49",
                    "kubernetes_cni_semver": "v1.3.0",
                    "kubernetes_semver": "v1.30.4",
                    "kubernetes_source_type": "pkg",
                    "kubernetes_typed_version": "kube-v1.30.4",
                    "os_name": "RockyLinux 8",
                    "vsphere_guest_os_type": "rockylinux_64Guest"
                  },
                  "some_future_key": {"nested": true}
                }
              ],
              "last_run_uuid": "%s",
              "another_future_key": 1
            }
            """.formatted(OLD_RUN, LAST_RUN, LAST_RUN);

    private KibOutputFolder() {}

    /** Writes {@code <outputDir>/rocky-8/} with manifest, disk, OVFs, .mf, OVA and a bare-digest .ova.sha256. */
    static Path write(Path outputDir) throws IOException {
        Path dir = Files.createDirectories(outputDir.resolve(IMAGE));
        Files.writeString(dir.resolve(PackerManifest.FILE_NAME), MANIFEST_TWO_RUNS);
        Files.write(dir.resolve("rocky-8-disk-0.vmdk"), bytes(4096, 7));
        Files.writeString(dir.resolve("rocky-8.ovf"), "<Envelope/>\n");
        Files.writeString(dir.resolve("rockylinux-8-kube-v1.30.4.ovf"), "<Envelope><VirtualSystem/></Envelope>\n");
        Files.writeString(dir.resolve("rockylinux-8-kube-v1.30.4.mf"), "SHA256(rockylinux-8-kube-v1.30.4.ovf)= 00\n");
        Path ova = dir.resolve(OVA);
        Files.write(ova, bytes(8192, 11));
        // KIB writes the bare digest, no newline
        Files.writeString(dir.resolve(OVA + ".sha256"), Sha256.of(ova));
        return dir;
    }

    static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    static String text(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }
}
