package io.jenkins.plugins.capi.jenkins.form;

import hudson.Util;
import hudson.util.FormValidation;
import io.jenkins.plugins.capi.config.ConfigKey;
import io.jenkins.plugins.capi.config.Finding;
import io.jenkins.plugins.capi.config.ImageConfigValidator;
import io.jenkins.plugins.capi.config.Severity;
import io.jenkins.plugins.capi.container.EngineHost;
import io.jenkins.plugins.capi.container.ImageReference;
import io.jenkins.plugins.capi.imagebuild.RequestChecks;
import io.jenkins.plugins.capi.jenkins.Messages;
import io.jenkins.plugins.capi.jenkins.report.StepFindings;
import io.jenkins.plugins.capi.jenkins.run.OverrideInput;
import io.jenkins.plugins.capi.jenkins.run.ParameterDefaults;
import io.jenkins.plugins.capi.jenkins.run.WorkspacePaths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Form checks shared by the Pipeline step, the freestyle builder and the global configuration. */
public final class ParameterChecks {

    private static final int MAX_TIMEOUT_MINUTES = 24 * 60;

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
        Optional<String> problem = ImageReference.problem(v);
        if (problem.isPresent()) {
            return FormValidation.error(problem.get());
        }
        ImageReference ref = ImageReference.parse(v);
        if (ref.digest() == null && (ref.tag() == null || ref.tag().equals("latest"))) {
            return FormValidation.warning(Messages.Check_BuilderImage_NoTag());
        }
        return FormValidation.ok();
    }

    public static FormValidation dockerHost(String value) {
        String v = Util.fixEmptyAndTrim(value);
        if (v == null) {
            return FormValidation.ok(Messages.Check_DockerHost_Blank());
        }
        Optional<String> problem = EngineHost.problem(v);
        if (problem.isPresent()) {
            return FormValidation.error(problem.get());
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
        FormValidation range =
                FormValidation.validateIntegerInRange(v, 1, (int) RequestChecks.MAX_STOP_GRACE.toSeconds());
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
        return findings(ImageConfigValidator.checkValue(ConfigKey.VCENTER_SERVER, v));
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

    /** Freestyle override lines, read by core as the build will read them. */
    public static FormValidation overrideLines(String value) {
        return findings(OverrideInput.ofText(value).read().findings());
    }

    /** Core's findings as one form message: errors first, then warnings. */
    public static FormValidation findings(List<Finding> findings) {
        List<FormValidation> shown = new ArrayList<>();
        for (Severity severity : List.of(Severity.ERROR, Severity.WARNING)) {
            findings.stream()
                    .filter(f -> f.severity() == severity)
                    .map(StepFindings::format)
                    .map(severity == Severity.ERROR ? FormValidation::error : FormValidation::warning)
                    .forEach(shown::add);
        }
        return shown.isEmpty() ? FormValidation.ok() : FormValidation.aggregate(shown);
    }
}
