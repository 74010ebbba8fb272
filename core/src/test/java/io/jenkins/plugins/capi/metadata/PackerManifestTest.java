package io.jenkins.plugins.capi.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackerManifestTest {

    @TempDir
    Path dir;

    private Path manifest(String json) throws Exception {
        return Files.writeString(dir.resolve(PackerManifest.FILE_NAME), json);
    }

    @Test
    void picksTheBuildOfTheLastRunNotTheFirstEntry() throws Exception {
        Path file = manifest(KibOutputFolder.MANIFEST_TWO_RUNS);
        PackerManifest m = PackerManifest.read(file);
        assertThat(m.builds()).hasSize(2);
        PackerManifest.Build b = m.lastRunBuild(file);
        assertThat(b.packerRunUuid()).isEqualTo(KibOutputFolder.LAST_RUN);
        assertThat(b.artifactId()).isEqualTo("rocky-8");
        assertThat(b.builderType()).isEqualTo("vsphere-iso");
        assertThat(b.buildTime()).isEqualTo(1784715999L);
        assertThat(b.files()).extracting(PackerManifest.FileEntry::name)
                .containsExactly("rocky-8-disk-0.vmdk", "rocky-8.ovf");
    }

    @Test
    void lastRunIsFoundEvenWhenItIsNotTheLastEntry() throws Exception {
        Path file = manifest("""
                {"builds": [
                  {"name": "vsphere", "artifact_id": "new", "packer_run_uuid": "b"},
                  {"name": "vsphere", "artifact_id": "old", "packer_run_uuid": "a"}
                ], "last_run_uuid": "b"}""");
        assertThat(PackerManifest.read(file).lastRunBuild(file).artifactId()).isEqualTo("new");
    }

    @Test
    void oldCustomDataKeysAreKeptAsAnOpenMap() throws Exception {
        Path file = manifest(KibOutputFolder.MANIFEST_TWO_RUNS);
        PackerManifest.Build b = PackerManifest.read(file).lastRunBuild(file);
        assertThat(b.customData()).containsEntry("build_type", "node").containsEntry("custom_role", "false")
                .containsEntry("kubernetes_semver", "v1.30.4").hasSize(19);
        assertThat(b.custom("ib_version")).isEqualTo("v0.1.49");
        assertThat(b.custom("missing")).isNull();
    }

    @Test
    void nullFilesAndMissingCustomDataAreEmpty() throws Exception {
        Path file = manifest("""
                {"builds": [{"name": "vsphere", "files": null, "artifact_id": "x", "packer_run_uuid": "u"}],
                 "last_run_uuid": "u"}""");
        PackerManifest.Build b = PackerManifest.read(file).lastRunBuild(file);
        assertThat(b.files()).isEmpty();
        assertThat(b.customData()).isEmpty();
        assertThat(b.buildTime()).isNull();
    }

    @Test
    void singleBuildWithoutLastRunUuidIsThatBuild() throws Exception {
        Path file = manifest("""
                {"builds": [{"name": "vsphere", "artifact_id": "only"}]}""");
        assertThat(PackerManifest.read(file).lastRunBuild(file).artifactId()).isEqualTo("only");
    }

    @Test
    void missingManifestNamesTheFile() {
        Path file = dir.resolve(PackerManifest.FILE_NAME);
        assertThatThrownBy(() -> PackerManifest.read(file)).isInstanceOf(OutputsException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("no Packer manifest")
                .satisfies(e -> assertThat(((OutputsException) e).file()).isEqualTo(file));
    }

    @Test
    void truncatedManifestSaysWhereItBroke() throws Exception {
        String full = KibOutputFolder.MANIFEST_TWO_RUNS;
        Path file = manifest(full.substring(0, full.length() / 2));
        assertThatThrownBy(() -> PackerManifest.read(file)).isInstanceOf(OutputsException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("not a valid Packer manifest at line");
    }

    @Test
    void emptyAndWrongShapedManifestsAreRejected() throws Exception {
        Path empty = manifest("");
        assertThatThrownBy(() -> PackerManifest.read(empty)).hasMessageContaining("empty");
        Path array = manifest("[1, 2]");
        assertThatThrownBy(() -> PackerManifest.read(array)).isInstanceOf(OutputsException.class)
                .hasMessageContaining("not a valid Packer manifest");
        Path wrongType = manifest("""
                {"builds": [{"name": "vsphere", "files": [{"name": "a", "size": "big"}]}]}""");
        assertThatThrownBy(() -> PackerManifest.read(wrongType)).isInstanceOf(OutputsException.class)
                .hasMessageContaining("not a valid Packer manifest");
    }

    @Test
    void noBuildOfTheLastRunListsTheRunsThatAreThere() throws Exception {
        Path file = manifest("""
                {"builds": [{"name": "vsphere", "packer_run_uuid": "a"}], "last_run_uuid": "z"}""");
        PackerManifest m = PackerManifest.read(file);
        assertThatThrownBy(() -> m.lastRunBuild(file)).isInstanceOf(OutputsException.class)
                .hasMessageContaining("z").hasMessageContaining("[a]");
        Path none = manifest("""
                {"builds": [], "last_run_uuid": "z"}""");
        assertThatThrownBy(() -> PackerManifest.read(none).lastRunBuild(none)).hasMessageContaining("no builds");
        Path ambiguous = manifest("""
                {"builds": [{"packer_run_uuid": "a"}, {"packer_run_uuid": "b"}]}""");
        assertThatThrownBy(() -> PackerManifest.read(ambiguous).lastRunBuild(ambiguous))
                .hasMessageContaining("no last_run_uuid");
    }
}
