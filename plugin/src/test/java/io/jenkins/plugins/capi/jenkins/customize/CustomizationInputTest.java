package io.jenkins.plugins.capi.jenkins.customize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jenkins.plugins.capi.customize.Customization;
import io.jenkins.plugins.capi.customize.RhsmWorkaround;
import io.jenkins.plugins.capi.customize.StaticIp;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The customisation parameters as they reach core's {@link Customization} on the agent. */
public class CustomizationInputTest {

    private static final Path WORKSPACE = Path.of("/agent/workspace/images");

    public static StaticAddress address() {
        StaticAddress a = new StaticAddress();
        a.setIp("10.20.30.40");
        a.setNetmask("24");
        a.setGateway("10.20.30.1");
        a.setNameservers("10.20.30.2, 10.20.30.3 10.20.30.4");
        a.setHostname("build-vm01");
        return a;
    }

    @Test
    void theWorkspaceIsTheBaseOfScriptsAndKickstart() {
        Customization c = CustomizationInput.of(
                        List.of("ci/pre/*.sh", "hardening.sh"),
                        List.of("ci/post/cleanup.sh"),
                        address(),
                        "ks/rocky8.cfg",
                        "OFF",
                        UnaryOperator.identity())
                .toCustomization(WORKSPACE);
        assertEquals(WORKSPACE, c.baseDir());
        assertEquals(List.of("ci/pre/*.sh", "hardening.sh"), c.scripts().pre());
        assertEquals(List.of("ci/post/cleanup.sh"), c.scripts().post());
        assertEquals(WORKSPACE.resolve("ks/rocky8.cfg"), c.kickstartFile());
        assertEquals(RhsmWorkaround.Mode.OFF, c.rhsm());
        assertEquals(
                new StaticIp(
                        "10.20.30.40",
                        "24",
                        "10.20.30.1",
                        List.of("10.20.30.2", "10.20.30.3", "10.20.30.4"),
                        "build-vm01"),
                c.staticIp());
    }

    @Test
    void nothingAskedForIsCoresNone() {
        Customization c = CustomizationInput.of(List.of(), List.of(), null, null, null, UnaryOperator.identity())
                .toCustomization(WORKSPACE);
        assertEquals(false, c.requested());
    }

    @Test
    void freestyleLinesAndVariables() {
        assertEquals(List.of("a.sh", "ci/*.sh"), CustomizationInput.lines("a.sh\r\n\n  ci/*.sh  \n"));
        CustomizationInput in = CustomizationInput.of(
                List.of("${DIR}/pre.sh"), List.of(), null, "${DIR}/ks.cfg", "auto", v -> v.replace("${DIR}", "ci"));
        assertEquals(List.of("ci/pre.sh"), in.preScripts());
        assertEquals("ci/ks.cfg", in.kickstart());
    }

    @Test
    void aWrongRhsmModeIsRefusedWithCoresWords() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> CustomizationInput.of(null, null, null, null, "maybe", UnaryOperator.identity()));
        assertEquals("'maybe' is not auto, on or off", e.getMessage());
    }
}
