package io.jenkins.plugins.capi.jenkins.report;

import io.jenkins.plugins.capi.config.Finding;
import io.jenkins.plugins.capi.config.Setting;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Core's findings in the Jenkins step's words: a setting core names is shown as the step parameter that sets it.
 * Core names settings, never one front end's spelling of them.
 */
public final class StepFindings {

    /** How {@link #targetLabel} names a publish target, so findings at it can name that target's parameters. */
    private static final Pattern TARGET = Pattern.compile("publish target (\\d+)(?: \\(.*\\))?");

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
            case PRE_SCRIPTS -> "preScripts";
            case POST_SCRIPTS -> "postScripts";
            case STATIC_IP -> "staticIp.ip";
            case NETMASK -> "staticIp.netmask";
            case GATEWAY -> "staticIp.gateway";
            case NAMESERVERS -> "staticIp.nameservers";
            case HOSTNAME -> "staticIp.hostname";
            case KICKSTART -> "kickstart";
            case RHSM_WORKAROUND -> "rhsmWorkaround";
            default -> null;
        };
    }

    /**
     * The parameter for {@code setting} of a finding at {@code source}: a publish target's own credentials and trust
     * are its parameters, not the step's.
     */
    static String parameter(Setting setting, String source) {
        Matcher target = TARGET.matcher(source == null ? "" : source);
        if (target.matches()) {
            String which = " of publish target " + target.group(1);
            if (setting == Setting.VCENTER_CREDENTIALS) {
                return "credentialsId" + which;
            }
            if (setting == Setting.VCENTER_TRUST) {
                return "caFile or insecure" + which;
            }
        }
        return parameter(setting);
    }

    /** How findings, log lines and publications name the {@code number}-th publish target (from 1). */
    public static String targetLabel(int number, String server) {
        return "publish target " + number + (server == null ? "" : " (" + server + ")");
    }

    /**
     * One line: a finding about a setting itself is shown at its parameter, others get the parameter added to their
     * hint; findings about the file stay as core writes them ({@code FILE:LINE: error: …}).
     */
    public static String format(Finding f) {
        String parameter =
                f.setting() == null ? null : parameter(f.setting(), f.location().source());
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
