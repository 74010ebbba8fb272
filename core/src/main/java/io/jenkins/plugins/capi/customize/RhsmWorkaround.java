package io.jenkins.plugins.capi.customize;

import static io.jenkins.plugins.capi.config.Setting.RHSM_WORKAROUND;

import io.jenkins.plugins.capi.config.BuilderVersion;
import io.jenkins.plugins.capi.config.Finding;
import io.jenkins.plugins.capi.config.ImageConfig;
import io.jenkins.plugins.capi.container.ExecPlan;
import io.jenkins.plugins.capi.container.ExecSequence;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The vendor's workaround for Rocky Linux builds from an existing VM ({@code vcenter_template}): such builds stop on
 * an erroneous Ansible task that demands Red Hat Subscription Management credentials. Instead of the image's own
 * start-up, the container is kept idle, the task is cut out of the role with {@code sed}, and the clone build's make
 * target is run by hand: the container's command and two execs through the Engine API.
 *
 * @param osVersion {@code rockylinux-8} or {@code rockylinux-9}
 */
public record RhsmWorkaround(String osVersion) {

    /** The builder release whose guide prescribes the workaround; later releases are assumed to need it too. */
    public static final BuilderVersion FIRST_DOCUMENTED = new BuilderVersion(4, 6, 24);

    public static final String TASKS_FILE = "/home/imagebuilder/ansible/roles/setup/tasks/redhat.yml";
    /** The sed range the vendor gives: from the task's name to the condition that ends it. */
    static final String TASK_RANGE = "/Fail if RHSM_USER or RHSM_PASS/,/lookup.*RHSM_PASS.*length == 0/d";

    public enum Mode {
        /** On for Rocky clone builds on a builder version the vendor documents it for; off otherwise. */
        AUTO,
        ON,
        OFF;

        /** {@code auto}, {@code on}, {@code off} (any case), as typed on the command line or in a Pipeline. */
        public static Mode parse(String text) {
            if (text == null || text.isBlank()) {
                return AUTO;
            }
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + text + "' is not auto, on or off");
            }
        }
    }

    /** Whether the workaround applies, and why (or why not). */
    public record Decision(Optional<RhsmWorkaround> workaround, List<Finding> findings) {}

    /** The container's command instead of the image's start-up: it keeps the container alive for the execs. */
    public List<String> idleCommand() {
        return List.of("sleep", "infinity");
    }

    /** The edit of the Ansible role, run as an exec. The guide wraps it in {@code bash --command}, which Bash does not have. */
    public List<String> patchCommand() {
        return List.of("sed", "--in-place", TASK_RANGE, TASKS_FILE);
    }

    /** The clone build itself; its output is the build log. */
    public List<String> buildCommand() {
        return List.of("make", "build-node-ova-vsphere-clone-" + osVersion);
    }

    /** The edit, an exec that must succeed before the build starts. */
    public List<ExecSequence.Step> preparation() {
        return List.of(new ExecSequence.Step("remove the RHSM credential check", patchCommand(), Set.of(0),
                "this builder image has no " + TASKS_FILE + " to edit, so the workaround does not fit it; run the"
                        + " build with the RHSM workaround off"));
    }

    /** The build command as an exec; its exit code is the build's result. */
    public ExecSequence.Step build() {
        return new ExecSequence.Step("clone build", buildCommand(), Set.of(0), null);
    }

    /** The container run this is: idle, edit the role, build. */
    public ExecPlan execPlan() {
        return new ExecPlan(idleCommand(), preparation(), build());
    }

    /** Readable lines for {@code plan}. */
    public List<String> describe() {
        return List.of(
                "clone build with the RHSM workaround: the container runs '" + String.join(" ", idleCommand())
                        + "' instead of the image's start-up",
                "exec 1: " + String.join(" ", quoted(patchCommand())) + "  (removes the RHSM credential check task)",
                "exec 2: " + String.join(" ", buildCommand()) + "  (the build; its exit code is the result)");
    }

    private static List<String> quoted(List<String> args) {
        return args.stream().map(a -> a.matches("[A-Za-z0-9_./=:-]+") ? a : "'" + a + "'").toList();
    }

    /**
     * Decides from the mode, the config and the builder version. Errors: forced on where it cannot apply (no
     * {@code vcenter_template}, or RHEL, whose subscription check is real).
     */
    public static Decision decide(Mode mode, ImageConfig config, Optional<BuilderVersion> builderVersion) {
        List<Finding> findings = new ArrayList<>();
        String os = config.osVersion();
        boolean clone = !config.vcenterTemplate().isBlank();
        boolean rocky = os.startsWith("rockylinux-");
        if (mode == Mode.OFF) {
            if (clone && rocky && !config.airgap() && documentedFor(builderVersion)) {
                findings.add(SettingFindings.info(RHSM_WORKAROUND, "the RHSM workaround is off; the vendor documents"
                        + " that Rocky builds from an existing VM stop on an RHSM credential check without it"));
            }
            return new Decision(Optional.empty(), findings);
        }
        if (mode == Mode.ON) {
            if (!clone) {
                findings.add(SettingFindings.error(RHSM_WORKAROUND, "the RHSM workaround is on, but it applies only to"
                                + " builds from an existing VM, and vcenter_template is not set",
                        "set vcenter_template to the base VM, or set the RHSM workaround to auto"));
                return new Decision(Optional.empty(), findings);
            }
            if (!rocky) {
                findings.add(SettingFindings.error(RHSM_WORKAROUND, "the RHSM workaround is on; it removes the RHSM"
                                + " credential check, which " + os + " builds need (the subscription is real there)",
                        "set the RHSM workaround to auto or off for " + os));
                return new Decision(Optional.empty(), findings);
            }
            findings.add(SettingFindings.info(RHSM_WORKAROUND, "the RHSM workaround is on (forced): the build runs"
                    + " through exec instead of the image's start-up"));
            return new Decision(Optional.of(new RhsmWorkaround(os)), findings);
        }
        if (!clone || !rocky) {
            return new Decision(Optional.empty(), findings);
        }
        if (config.airgap()) {
            findings.add(SettingFindings.info(RHSM_WORKAROUND, "the RHSM workaround is off for air-gapped builds: the"
                    + " vendor's air-gap guide runs the image's own start-up; set it on to apply it anyway"));
            return new Decision(Optional.empty(), findings);
        }
        if (builderVersion.isEmpty()) {
            findings.add(SettingFindings.warning(RHSM_WORKAROUND, "the builder version cannot be read from the image"
                            + " reference, so the RHSM workaround (documented from " + FIRST_DOCUMENTED
                            + ") is not applied",
                    "set the RHSM workaround on if the image is " + FIRST_DOCUMENTED + " or later, or off to silence this"));
            return new Decision(Optional.empty(), findings);
        }
        if (!documentedFor(builderVersion)) {
            findings.add(SettingFindings.info(RHSM_WORKAROUND, "builder " + builderVersion.get() + " predates the"
                    + " vendor's Rocky-from-VM guide (" + FIRST_DOCUMENTED + "); the RHSM workaround is not applied"));
            return new Decision(Optional.empty(), findings);
        }
        findings.add(SettingFindings.info(RHSM_WORKAROUND, "the RHSM workaround applies (Rocky from an existing VM,"
                + " builder " + builderVersion.get() + "): the build runs through exec instead of the image's start-up"));
        return new Decision(Optional.of(new RhsmWorkaround(os)), findings);
    }

    private static boolean documentedFor(Optional<BuilderVersion> v) {
        return v.isPresent() && !v.get().isBefore(FIRST_DOCUMENTED);
    }
}
