package io.jenkins.plugins.capi.customize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.capi.config.Finding;
import io.jenkins.plugins.capi.config.ImageConfig;
import io.jenkins.plugins.capi.config.Severity;
import io.jenkins.plugins.capi.config.Setting;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CustomizationPlanTest {

    static final String IMAGE = "us-docker.pkg.dev/palette-images/palette/imagebuilder/capi-builder:v4.6.24";
    static final StaticIp ADDRESS = new StaticIp("10.1.2.3", "255.255.255.0", "10.1.2.1", List.of("10.1.0.53"), null);

    @TempDir
    Path workspace;
    Path out;
    final List<String> info = new ArrayList<>();

    @BeforeEach
    void folders() throws IOException {
        out = workspace.resolve("output");
        Files.createDirectories(workspace.resolve("scripts"));
        script("scripts/a-proxy.sh");
        script("scripts/b-certs.sh");
        script("scripts/c-tools.sh");
    }

    private Path script(String relative) throws IOException {
        Path p = workspace.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "#!/bin/bash\necho running " + p.getFileName() + "\n");
        return p;
    }

    static ImageConfig config(String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("os_version", "rockylinux-8");
        m.put("image_name", "rocky-8");
        m.put("airgap", "false");
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return ImageConfig.of("imageconfig", m);
    }

    private Customization scripts(List<String> pre, List<String> post) {
        return base().withScripts(new CustomScripts(pre, post));
    }

    private Customization base() {
        return Customization.NONE.withBaseDir(workspace);
    }

    private CustomizationPlan prepare(Customization c) {
        return CustomizationPlan.prepare(c, config(), IMAGE, out, null);
    }

    private List<String> tree() throws IOException {
        if (!Files.exists(out)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(out)) {
            return s.map(p -> out.relativize(p).toString()).sorted().toList();
        }
    }

    private static List<Finding> errors(CustomizationPlan p) {
        return p.errors();
    }

    // ---- custom scripts ----

    @Test
    void scriptsAreStagedInTheOrderGivenExecutableAndRemovedAfterwardsLeavingTheUsersFiles() throws IOException {
        Files.createDirectories(out.resolve("custom_scripts/pre"));
        Files.writeString(out.resolve("custom_scripts/pre/zz-mine.sh"), "#!/bin/bash\necho mine\n");
        CustomizationPlan plan = prepare(scripts(List.of("scripts/c-tools.sh", "scripts/a-proxy.sh"),
                List.of("scripts/b-certs.sh")));
        assertThat(errors(plan)).isEmpty();
        assertThat(plan.findings()).anySatisfy(f -> assertThat(f.message()).contains("zz-mine.sh; the builder runs them too"));
        List<String> before = tree();

        try (OutputStaging staging = plan.stage(info::add)) {
            assertThat(staging.files()).containsExactly(out.resolve("custom_scripts/pre/01-c-tools.sh"),
                    out.resolve("custom_scripts/pre/02-a-proxy.sh"), out.resolve("custom_scripts/post/01-b-certs.sh"));
            for (Path f : staging.files()) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rwxr-xr-x");
            }
            assertThat(Files.readString(out.resolve("custom_scripts/pre/02-a-proxy.sh")))
                    .isEqualTo(Files.readString(workspace.resolve("scripts/a-proxy.sh")));
            assertThat(out.resolve(StagingRecord.FILE_NAME)).exists();
        }
        assertThat(tree()).isEqualTo(before);
        assertThat(out.resolve("custom_scripts/pre/zz-mine.sh")).exists();
        assertThat(out.resolve("custom_scripts/post")).doesNotExist();
        assertThat(info).isEmpty();
    }

    @Test
    void globsExpandSortedAndAFileNamedEarlierKeepsItsPlace() throws IOException {
        CustomizationPlan plan = prepare(scripts(List.of("scripts/b-certs.sh", "scripts/*.sh"), List.of()));
        assertThat(errors(plan)).isEmpty();
        assertThat(plan.stagedFiles()).extracting(StagedFile::relativePath).containsExactly(
                "custom_scripts/pre/01-b-certs.sh", "custom_scripts/pre/02-a-proxy.sh", "custom_scripts/pre/03-c-tools.sh");
        assertThat(plan.findings()).filteredOn(f -> f.severity() == Severity.INFO).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("selects " + workspace.resolve("scripts/b-certs.sh")
                        + " again; it was already selected by 'scripts/b-certs.sh'"));
        assertThat(plan.describe()).contains("custom script (pre) 2/3: " + workspace.resolve("scripts/a-proxy.sh")
                + " -> " + out.resolve("custom_scripts/pre/02-a-proxy.sh") + " (mode 0755, removed after the run)");
    }

    @Test
    void aDeepGlobFindsScriptsInSubfoldersButNotOtherFiles() throws IOException {
        script("ci/hooks/one/pre-1.sh");
        script("ci/hooks/two/pre-2.sh");
        Files.writeString(workspace.resolve("ci/hooks/README"), "not a script");
        CustomizationPlan plan = prepare(scripts(List.of("ci/**/*.sh"), List.of()));
        assertThat(errors(plan)).isEmpty();
        assertThat(plan.stagedFiles()).extracting(StagedFile::relativePath)
                .containsExactly("custom_scripts/pre/01-pre-1.sh", "custom_scripts/pre/02-pre-2.sh");
    }

    @Test
    void aStagedNameThatWouldOverwriteAUserFileIsRefusedBeforeAnythingChanges() throws IOException {
        Files.createDirectories(out.resolve("custom_scripts/pre"));
        Files.writeString(out.resolve("custom_scripts/pre/01-a-proxy.sh"), "#!/bin/bash\necho the user's own\n");
        List<String> before = tree();
        CustomizationPlan plan = prepare(scripts(List.of("scripts/a-proxy.sh"), List.of()));
        assertThat(errors(plan)).singleElement().satisfies(f -> {
            assertThat(f.location().source()).isEqualTo(out.resolve("custom_scripts/pre/01-a-proxy.sh").toString());
            assertThat(f.message()).contains("would overwrite").contains("which this tool did not put there");
            assertThat(f.hint()).contains("rename or move your");
        });
        assertThatThrownBy(() -> plan.stage(info::add)).isInstanceOf(IllegalStateException.class);
        assertThat(tree()).isEqualTo(before);
        assertThat(Files.readString(out.resolve("custom_scripts/pre/01-a-proxy.sh"))).contains("the user's own");

        // the hint, applied
        Files.move(out.resolve("custom_scripts/pre/01-a-proxy.sh"), out.resolve("custom_scripts/pre/mine.sh"));
        assertThat(errors(prepare(scripts(List.of("scripts/a-proxy.sh"), List.of())))).isEmpty();
    }

    @Test
    void aFileWhereTheScriptsFolderShouldBeIsRefused() throws IOException {
        Files.createDirectories(out);
        Files.writeString(out.resolve("custom_scripts"), "oops");
        assertThat(errors(prepare(scripts(List.of("scripts/a-proxy.sh"), List.of())))).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("custom_scripts is not a folder"));
    }

    @Test
    void badScriptsAreEachNamedAndNothingIsStaged() throws IOException {
        Files.writeString(workspace.resolve("scripts/win.sh"), "#!/bin/bash\r\necho\r\n");
        Files.writeString(workspace.resolve("scripts/empty.sh"), "");
        CustomizationPlan plan = prepare(scripts(List.of("scripts/win.sh", "scripts/empty.sh", "scripts/missing.sh",
                "nothing/*.sh"), List.of("scripts/a-proxy.sh")));
        assertThat(errors(plan)).extracting(Finding::message).satisfiesExactly(
                m -> assertThat(m).contains("'scripts/missing.sh': " + workspace.resolve("scripts/missing.sh") + " does not exist"),
                m -> assertThat(m).contains("'nothing/*.sh' matches no file"),
                m -> assertThat(m).contains("win.sh has Windows (CRLF) line ends"),
                m -> assertThat(m).contains("empty.sh is empty"));
        assertThat(errors(plan)).first().satisfies(f -> assertThat(f.setting()).isEqualTo(Setting.PRE_SCRIPTS));
        assertThat(plan.stagedFiles()).isEmpty();
    }

    @Test
    void anOldBuilderCannotRunScriptsAndTheHintedImageCan() {
        Customization c = scripts(List.of("scripts/a-proxy.sh"), List.of());
        CustomizationPlan old = CustomizationPlan.prepare(c, config(),
                "gcr.io/spectro-images-public/imagebuilder/capi-builder:v4.4.4", out, null);
        assertThat(errors(old)).singleElement().satisfies(f -> {
            assertThat(f.setting()).isEqualTo(Setting.BUILDER_IMAGE);
            assertThat(f.message()).contains("builder 4.4.4").contains("need 4.6.23 or later");
        });
        assertThat(errors(CustomizationPlan.prepare(c, config(), IMAGE, out, null))).isEmpty();
        assertThat(errors(CustomizationPlan.prepare(c, config(),
                "localhost/capi-builder:v4.6.23", out, null))).isEmpty();
        assertThat(CustomizationPlan.prepare(c, config(), "localhost/capi-builder:latest", out, null).findings())
                .singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING));
    }

    @Test
    void aKilledRunsUnchangedLeftoversAreRemovedButAChangedOneIsTheUsers() throws IOException {
        Customization c = scripts(List.of("scripts/a-proxy.sh", "scripts/b-certs.sh"), List.of());
        OutputStaging killed = prepare(c).stage(info::add); // never closed: the run was killed
        assertThat(killed.files()).hasSize(2);

        CustomizationPlan again = prepare(c);
        assertThat(errors(again)).isEmpty();
        assertThat(again.describe()).anySatisfy(l -> assertThat(l).contains("remove 2 unchanged file(s)"));
        try (OutputStaging s = again.stage(info::add)) {
            assertThat(s.files()).hasSize(2);
            assertThat(info).hasSize(2).allSatisfy(m -> assertThat(m).contains("left by an earlier run"));
        }
        assertThat(out.resolve("custom_scripts")).doesNotExist();

        OutputStaging killedAgain = prepare(c).stage(info::add);
        Files.writeString(killedAgain.files().get(0), "#!/bin/bash\necho edited by the user\n");
        assertThat(errors(prepare(c))).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("01-a-proxy.sh, which this tool did not put there"));
    }

    // ---- static IP and kickstart ----

    private Path kickstart(String relative, String text) throws IOException {
        Path p = workspace.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    @Test
    void theKickstartIsRewrittenIntoTheOutputFolderForTheRunOnly() throws IOException {
        Path source = kickstart("ks/ks.cfg.rocky8", KickstartTest.rockyKickstart("\n"));
        CustomizationPlan plan = prepare(base().withStaticIp(ADDRESS).withKickstart(source));
        assertThat(plan.findings()).isEmpty();
        String line = "network --bootproto=static --ip=10.1.2.3 --netmask=255.255.255.0 --gateway=10.1.2.1"
                + " --nameserver=10.1.0.53 --onboot=on --ipv6=auto --activate --hostname=capv.vm";
        assertThat(plan.describe()).containsExactly(
                "kickstart: " + source + " -> " + out.resolve("ks.cfg") + " with a static address (removed after the run)",
                "  replaces line 6: " + KickstartTest.ROCKY_DHCP,
                "  with: " + line);
        try (OutputStaging s = plan.stage(info::add)) {
            assertThat(Files.readString(out.resolve("ks.cfg"))).contains(line).doesNotContain("dhcp");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("ks.cfg"))))
                    .isEqualTo("rw-r--r--");
        }
        assertThat(out.resolve("ks.cfg")).doesNotExist();
        assertThat(Files.readString(source)).isEqualTo(KickstartTest.rockyKickstart("\n"));
    }

    @Test
    void aKickstartWithoutStaticIpIsStagedByteForByte() throws IOException {
        byte[] odd = "text\nnetwork --bootproto=dhcp\n# caf\u00e9 \u00ff\n".getBytes(StandardCharsets.ISO_8859_1);
        Path source = workspace.resolve("mine.ks");
        Files.write(source, odd);
        CustomizationPlan plan = prepare(base().withKickstart(source));
        assertThat(plan.findings()).isEmpty();
        assertThat(plan.stagedFiles()).singleElement().satisfies(f -> assertThat(f.content()).isEqualTo(odd));
    }

    @Test
    void aConnectedBuildWithoutKickstartIsToldWhereToGetOneAndThatFileWorks() throws IOException {
        CustomizationPlan plan = prepare(base().withStaticIp(ADDRESS));
        assertThat(errors(plan)).singleElement().satisfies(f -> {
            assertThat(f.setting()).isEqualTo(Setting.KICKSTART);
            assertThat(f.message()).isEqualTo("a static IP needs the kickstart of rockylinux-8 to rewrite, and none was given");
            assertThat(f.hint()).isEqualTo("download the image builder's own (curl --location --output ks.cfg.rocky8 "
                    + Kickstart.upstreamUrl("rockylinux-8").orElseThrow() + ") and give ks.cfg.rocky8 as the kickstart");
        });
        // the hint, applied (the download stood in by a file with the upstream kickstart's DHCP line)
        kickstart("ks.cfg.rocky8", KickstartTest.rockyKickstart("\n"));
        assertThat(errors(prepare(base().withStaticIp(ADDRESS).withKickstart(Path.of("ks.cfg.rocky8")))))
                .isEmpty();
    }

    @Test
    void anAirGappedBuildTakesTheArchivesKickstartForItsOs() throws IOException {
        Path archive = workspace.resolve("capi-image-builder-v4.6.24");
        kickstart("capi-image-builder-v4.6.24/kickstart/ks.cfg.rhel8", KickstartTest.rhel8Kickstart());
        ImageConfig airgap = config("os_version", "rhel-8", "airgap", "true");
        CustomizationPlan plan = CustomizationPlan.prepare(base().withStaticIp(ADDRESS), airgap, IMAGE, out,
                archive);
        assertThat(plan.findings()).isEmpty();
        assertThat(plan.describe()).first().asString().startsWith("kickstart: " + archive.resolve("kickstart/ks.cfg.rhel8"));

        CustomizationPlan noArchive = CustomizationPlan.prepare(base().withStaticIp(ADDRESS), airgap, IMAGE,
                out, null);
        assertThat(errors(noArchive)).singleElement().satisfies(f ->
                assertThat(f.hint()).isEqualTo("give the extracted archive's kickstart/ks.cfg.rhel8 as the kickstart"));
        // the hint, applied
        assertThat(CustomizationPlan.prepare(base().withStaticIp(ADDRESS)
                .withKickstart(archive.resolve("kickstart/ks.cfg.rhel8")), airgap, IMAGE, out, null).findings()).isEmpty();
    }

    @Test
    void aUsersKsCfgInTheOutputFolderIsNeverReplacedAndTheHintedMoveWorks() throws IOException {
        Files.createDirectories(out);
        Files.writeString(out.resolve("ks.cfg"), KickstartTest.rockyKickstart("\n"));
        CustomizationPlan plan = prepare(base().withStaticIp(ADDRESS));
        assertThat(errors(plan)).singleElement().satisfies(f -> {
            assertThat(f.message()).contains(out.resolve("ks.cfg") + " is there, but the rewritten one must take its place");
            assertThat(f.hint()).isEqualTo("move it out of the output folder (e.g. to " + workspace
                    + "/ks.cfg.dhcp) and give that path as the kickstart");
        });
        CustomizationPlan inPlace = prepare(base().withStaticIp(ADDRESS).withKickstart(out.resolve("ks.cfg")));
        assertThat(errors(inPlace)).singleElement().satisfies(f -> assertThat(f.message()).contains("itself"));
        CustomizationPlan other = prepare(base().withStaticIp(ADDRESS)
                .withKickstart(kickstart("other.ks", KickstartTest.rockyKickstart("\n"))));
        assertThat(errors(other)).singleElement().satisfies(f -> assertThat(f.message()).contains("would overwrite"));

        // the hint, applied
        Files.move(out.resolve("ks.cfg"), workspace.resolve("ks.cfg.dhcp"));
        CustomizationPlan moved = prepare(base().withStaticIp(ADDRESS)
                .withKickstart(workspace.resolve("ks.cfg.dhcp")));
        assertThat(moved.findings()).isEmpty();
    }

    @Test
    void aKickstartWithoutTheDhcpLineShowsItsNetworkLinesAndTheHintedEditWorks() throws IOException {
        Path source = kickstart("custom.ks", "text\nnetwork --bootproto=dhcp --device=ens192 --activate\n");
        CustomizationPlan plan = prepare(base().withStaticIp(ADDRESS).withKickstart(source));
        assertThat(errors(plan)).singleElement().satisfies(f -> {
            assertThat(f.location().source()).isEqualTo(source.toString());
            assertThat(f.message()).endsWith("its network lines: line 2: network --bootproto=dhcp --device=ens192 --activate");
            assertThat(f.hint()).contains(KickstartTest.ROCKY_DHCP);
        });
        Files.writeString(source, "text\n" + KickstartTest.ROCKY_DHCP + "\n");
        assertThat(prepare(base().withStaticIp(ADDRESS).withKickstart(source)).findings()).isEmpty();
    }

    @Test
    void aStaticIpDoesNotApplyToABuildFromAnExistingVm() throws IOException {
        Path source = kickstart("ks.cfg.rocky8", KickstartTest.rockyKickstart("\n"));
        ImageConfig clone = config("vcenter_template", "/DC0/vm/rocky-base");
        CustomizationPlan plan = CustomizationPlan.prepare(base().withStaticIp(ADDRESS).withKickstart(source),
                clone, IMAGE, out, null);
        assertThat(errors(plan)).singleElement().satisfies(f -> {
            assertThat(f.setting()).isEqualTo(Setting.STATIC_IP);
            assertThat(f.message()).contains("no OS is installed, so no kickstart is read");
        });
        assertThat(errors(CustomizationPlan.prepare(Customization.NONE, clone, IMAGE, out, null))).isEmpty();
    }

    @Test
    void badAddressesAndAMissingDhcpLineAreReportedTogether() throws IOException {
        Path source = kickstart("custom.ks", "text\n");
        StaticIp bad = new StaticIp("10.1.2.3", "24", "10.9.9.9", List.of("10.1.0.53"), null);
        CustomizationPlan plan = prepare(base().withStaticIp(bad).withKickstart(source));
        assertThat(errors(plan)).extracting(f -> f.location().source()).containsExactly("gateway", source.toString());
        assertThat(errors(plan).get(1).message()).endsWith("its network lines: none");
    }

    @Test
    void findingsAboutASettingNameItForTheFrontEndsAndUsePlainWords() {
        CustomizationPlan plan = prepare(base().withStaticIp(ADDRESS));
        assertThat(errors(plan)).singleElement().satisfies(f -> {
            assertThat(f.key()).isNull();
            assertThat(f.setting()).isEqualTo(Setting.KICKSTART);
            assertThat(f.location().source()).isEqualTo(Setting.KICKSTART.label());
            assertThat(f.message() + f.hint()).doesNotContain("--kickstart").doesNotContain("--static-ip");
        });
    }
}
