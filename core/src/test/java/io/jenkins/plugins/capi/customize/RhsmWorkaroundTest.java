package io.jenkins.plugins.capi.customize;

import static io.jenkins.plugins.capi.customize.CustomizationPlanTest.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.capi.config.BuilderVersion;
import io.jenkins.plugins.capi.config.Finding;
import io.jenkins.plugins.capi.config.ImageConfig;
import io.jenkins.plugins.capi.config.Severity;
import io.jenkins.plugins.capi.config.Setting;
import io.jenkins.plugins.capi.customize.RhsmWorkaround.Mode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RhsmWorkaroundTest {

    static final ImageConfig ROCKY_CLONE = config("vcenter_template", "/DC0/vm/rocky-base", "iso_name", "");
    static final Optional<BuilderVersion> V4624 = BuilderVersion.parse("4.6.24");

    private static RhsmWorkaround.Decision decide(Mode mode, ImageConfig config, Optional<BuilderVersion> v) {
        return RhsmWorkaround.decide(mode, config, v);
    }

    private static List<Finding> errors(RhsmWorkaround.Decision d) {
        return d.findings().stream().filter(Finding::isError).toList();
    }

    @Test
    void autoAppliesToRockyClonesOnTheDocumentedBuilderAndLater() {
        assertThat(decide(Mode.AUTO, ROCKY_CLONE, V4624).workaround()).contains(new RhsmWorkaround("rockylinux-8"));
        assertThat(decide(Mode.AUTO, ROCKY_CLONE, BuilderVersion.parse("4.7.3")).workaround()).isPresent();
        assertThat(decide(Mode.AUTO, ROCKY_CLONE, BuilderVersion.parse("4.6.23")).workaround()).isEmpty();
        assertThat(decide(Mode.AUTO, config(), V4624).workaround()).isEmpty();
        assertThat(decide(Mode.AUTO, config(), V4624).findings()).isEmpty();
        assertThat(decide(Mode.AUTO, config("vcenter_template", "t", "os_version", "rhel-8"), V4624).workaround()).isEmpty();
        assertThat(decide(Mode.AUTO, config("vcenter_template", "t", "airgap", "true"), V4624).workaround()).isEmpty();
    }

    @Test
    void anUnreadableVersionIsAWarningWhoseHintedOptionApplies() {
        RhsmWorkaround.Decision unknown = decide(Mode.AUTO, ROCKY_CLONE, Optional.empty());
        assertThat(unknown.workaround()).isEmpty();
        assertThat(unknown.findings()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.setting()).isEqualTo(Setting.RHSM_WORKAROUND);
            assertThat(f.hint()).startsWith("set the RHSM workaround on");
        });
        assertThat(decide(Mode.ON, ROCKY_CLONE, Optional.empty()).workaround()).isPresent();
        assertThat(decide(Mode.OFF, ROCKY_CLONE, Optional.empty()).findings()).isEmpty();
    }

    @Test
    void forcingItWhereItCannotApplyIsAnErrorAndTheHintClearsIt() {
        assertThat(errors(decide(Mode.ON, config(), V4624))).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("vcenter_template is not set"));
        ImageConfig rhelClone = config("vcenter_template", "t", "os_version", "rhel-9");
        assertThat(errors(decide(Mode.ON, rhelClone, V4624))).singleElement().satisfies(f -> {
            assertThat(f.message()).contains("which rhel-9 builds need");
            assertThat(f.hint()).isEqualTo("set the RHSM workaround to auto or off for rhel-9");
        });
        assertThat(errors(decide(Mode.AUTO, rhelClone, V4624))).isEmpty();
        assertThat(errors(decide(Mode.AUTO, config(), V4624))).isEmpty();
    }

    @Test
    void theCommandsAreTheVendorsWithoutAShell() {
        RhsmWorkaround w = new RhsmWorkaround("rockylinux-9");
        assertThat(w.idleCommand()).containsExactly("sleep", "infinity");
        assertThat(w.patchCommand()).containsExactly("sed", "--in-place",
                "/Fail if RHSM_USER or RHSM_PASS/,/lookup.*RHSM_PASS.*length == 0/d",
                "/home/imagebuilder/ansible/roles/setup/tasks/redhat.yml");
        assertThat(w.buildCommand()).containsExactly("make", "build-node-ova-vsphere-clone-rockylinux-9");
        assertThat(w.describe()).hasSize(3).last().asString()
                .startsWith("exec 2: make build-node-ova-vsphere-clone-rockylinux-9");
    }

    @Test
    void modesReadAsTypedAndABadOneSaysWhatIsAllowed() {
        assertThat(Mode.parse(" On ")).isEqualTo(Mode.ON);
        assertThat(Mode.parse(null)).isEqualTo(Mode.AUTO);
        assertThatThrownBy(() -> Mode.parse("yes")).hasMessage("'yes' is not auto, on or off");
    }
}
