package io.jenkins.plugins.capi.jenkins.form;

import hudson.Util;
import hudson.util.FormValidation;
import io.jenkins.plugins.capi.jenkins.Messages;
import io.jenkins.plugins.capi.jenkins.run.OverrideLines;
import io.jenkins.plugins.capi.jenkins.run.ParameterDefaults;
import io.jenkins.plugins.capi.jenkins.run.WorkspacePaths;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Form checks shared by the Pipeline step, the freestyle builder and the global configuration. */
public final class ParameterChecks {

    // registry/repo[:tag][@sha256:digest], lower-case repository, as Docker accepts it
    private static final Pattern IMAGE_REFERENCE = Pattern.compile(
            "^(?:[a-zA-Z0-9.-]+(?::[0-9]+)?/)?[a-z0-9]+(?:[._-]+[a-z0-9]+)*(?:/[a-z0-9]+(?:[._-]+[a-z0-9]+)*)*"
                    + "(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$");
    private static final List<String> DOCKER_HOST_SCHEMES = List.of("unix://", "tcp://", "npipe://", "ssh://");
    private static final int MAX_TIMEOUT_MINUTES = 24 * 60;
    private static final int MAX_STOP_GRACE_SECONDS = 3600;

    private ParameterChecks() {}

    public static FormValidation config(String value) {
        String v = Util.fixEmptyAndTrim(value);
        if (v == null) {
            return FormValidation.ok(Messages.Check_Config_Default(ParameterDefaults.CONFIG));
        }
        if (v.contains("..")) {
            return FormValidation.warning(Messages.Check_Config_OutsideWorkspace());
        }
        return FormValidation.ok();
    }

    public static FormValidation outputDir(String value) {
        String v = Util.fixEmptyAndTrim(value);
        if (v == null) {
            return FormValidation.ok(Messages.Check_OutputDir_Default(ParameterDefaults.OUTPUT_DIR));
        }
        Optional<String> problem = WorkspacePaths.problemWithRelativePath(v);
        if (problem.isPresent()) {
            return FormValidation.error(Messages.Check_OutputDir_Invalid(problem.get()));
        }
        if (WorkspacePaths.normalise(v).equals(".")) {
            return FormValidation.error(Messages.Check_OutputDir_Workspace());
        }
        return FormValidation.ok();
    }

    public static FormValidation isoPath(String value) {
        String v = Util.fixEmptyAndTrim(value);
        if (v == null) {
            return FormValidation.ok(Messages.Check_IsoPath_Blank());
        }
        if (!v.toLowerCase(Locale.ROOT).endsWith(".iso")) {
            return FormValidation.warning(Messages.Check_IsoPath_NotIso());
        }
        return FormValidation.ok();
    }

    public static FormValidation builderImage(String value, String defaultImage) {
        String v = Util.fixEmptyAndTrim(value);
        if (v == null) {
            return FormValidation.ok(Messages.Check_BuilderImage_Default(defaultImage));
        }
        if (!IMAGE_REFERENCE.matcher(v).matches()) {
            return FormValidation.error(Messages.Check_BuilderImage_Invalid(v));
        }
        String lastPart = v.substring(v.lastIndexOf('/') + 1);
        if (!lastPart.contains(":") && !v.contains("@")) {
            return FormValidation.warning(Messages.Check_BuilderImage_NoTag());
        }
        if (lastPart.endsWith(":latest")) {
            return FormValidation.warning(Messages.Check_BuilderImage_NoTag());
        }
        return FormValidation.ok();
    }

    public static FormValidation dockerHost(String value) {
        String v = Util.fixEmptyAndTrim(value);
        if (v == null) {
            return FormValidation.ok(Messages.Check_DockerHost_Blank());
        }
        if (DOCKER_HOST_SCHEMES.stream().noneMatch(v::startsWith)) {
            return FormValidation.error(Messages.Check_DockerHost_Scheme(String.join(", ", DOCKER_HOST_SCHEMES)));
        }
        if (v.startsWith("tcp://") && !v.contains(":2376")) {
            return FormValidation.warning(Messages.Check_DockerHost_PlainTcp());
        }
        return FormValidation.ok();
    }

    /** Zero or blank means the global default. */
    public static FormValidation timeoutMinutes(String value, int defaultMinutes) {
        String v = Util.fixEmptyAndTrim(value);
        if (v == null || v.equals("0")) {
            return FormValidation.ok(Messages.Check_Timeout_Default(defaultMinutes));
        }
        FormValidation range = FormValidation.validateIntegerInRange(v, 1, MAX_TIMEOUT_MINUTES);
        if (range.kind != FormValidation.Kind.OK) {
            return range;
        }
        if (Integer.parseInt(v) < 30) {
            return FormValidation.warning(Messages.Check_Timeout_Short());
        }
        return FormValidation.ok();
    }

    /** Zero or blank means core's default. */
    public static FormValidation stopGraceSeconds(String value) {
        String v = Util.fixEmptyAndTrim(value);
        if (v == null || v.equals("0")) {
            return FormValidation.ok(Messages.Check_StopGrace_Default(ParameterDefaults.STOP_GRACE_SECONDS));
        }
        FormValidation range = FormValidation.validateIntegerInRange(v, 1, MAX_STOP_GRACE_SECONDS);
        if (range.kind != FormValidation.Kind.OK) {
            return range;
        }
        if (Integer.parseInt(v) < 30) {
            return FormValidation.warning(Messages.Check_StopGrace_Short());
        }
        return FormValidation.ok();
    }

    public static FormValidation vcenterServer(String value) {
        String v = Util.fixEmptyAndTrim(value);
        if (v == null) {
            return FormValidation.ok(Messages.Check_VcenterServer_Blank());
        }
        if (v.contains("://") || v.contains("/")) {
            return FormValidation.error(Messages.Check_VcenterServer_HostOnly());
        }
        if (v.contains(" ")) {
            return FormValidation.error(Messages.Check_VcenterServer_HostOnly());
        }
        return FormValidation.ok();
    }

    public static FormValidation vcenterCaFile(String value, boolean insecure) {
        String v = Util.fixEmptyAndTrim(value);
        if (v != null && insecure) {
            return FormValidation.warning(Messages.Check_VcenterCaFile_WithInsecure());
        }
        return FormValidation.ok();
    }

    public static FormValidation preflight(boolean preflight) {
        return preflight ? FormValidation.ok() : FormValidation.warning(Messages.Check_Preflight_Off());
    }

    public static FormValidation vcenterInsecure(boolean insecure) {
        return insecure ? FormValidation.warning(Messages.Check_VcenterInsecure()) : FormValidation.ok();
    }

    public static FormValidation overrideLines(String value) {
        List<String> problems = OverrideLines.problems(value);
        if (!problems.isEmpty()) {
            return FormValidation.error(String.join("; ", problems));
        }
        return FormValidation.ok();
    }
}
