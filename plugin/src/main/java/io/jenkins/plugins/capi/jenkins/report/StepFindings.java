package io.jenkins.plugins.capi.jenkins.report;

import io.jenkins.plugins.capi.config.Finding;
import io.jenkins.plugins.capi.config.Setting;

/**
 * Core's findings in the Jenkins step's words: a setting core names is shown as the step parameter that sets it.
 * Core names settings, never one front end's spelling of them.
 */
public final class StepFindings {

    private StepFindings() {}

    /** The step parameter for {@code setting}, or null where the step offers none (core's label is kept). */
    static String parameter(Setting setting) {
        return switch (setting) {
            case VCENTER_CREDENTIALS -> "credentialsId";
            case RHEL_CREDENTIALS -> "rhelCredentialsId";
            case COMPATIBILITY -> "compatibility";
            case BUILDER_IMAGE -> "builderImage";
            case VCENTER_TRUST -> "vcenterCaFile or vcenterInsecure";
            case EXTERNAL_ISO -> "isoPath";
            case CONFIG_FILE -> "config";
            case OUTPUT_DIR -> "outputDir";
            case DOCKER_HOST -> "dockerHost";
            case TIMEOUT -> "timeoutMinutes";
            case STOP_GRACE -> "stopGraceSeconds";
            default -> null;
        };
    }

    /**
     * One line: a finding about a setting itself is shown at its parameter, others get the parameter added to their
     * hint; findings about the file stay as core writes them ({@code FILE:LINE: error: …}).
     */
    public static String format(Finding f) {
        String parameter = f.setting() == null ? null : parameter(f.setting());
        if (parameter == null) {
            return f.format();
        }
        boolean aboutTheSetting =
                f.key() == null && f.location().source().equals(f.setting().label());
        StringBuilder b = new StringBuilder(
                        aboutTheSetting ? parameter : f.location().toString())
                .append(": ")
                .append(f.severity().label())
                .append(": ")
                .append(f.message());
        String hint = f.hint() == null ? "" : f.hint().strip();
        if (!aboutTheSetting) {
            hint = (hint.isEmpty() ? "" : hint + "; ") + "in the step: " + parameter;
        }
        if (!hint.isEmpty()) {
            b.append(" (hint: ").append(hint).append(')');
        }
        return b.toString();
    }
}
