package io.jenkins.plugins.capi.cli;

import io.jenkins.plugins.capi.config.Finding;
import io.jenkins.plugins.capi.config.Setting;
import java.io.PrintWriter;
import java.util.List;

/** Prints core's findings in the command line's words: a setting core names is shown as the option that sets it. */
final class CliFindings {

    private CliFindings() {}

    /** The option (or variables) a CLI user changes for {@code setting}. */
    static String words(Setting setting) {
        return switch (setting) {
            case VCENTER_CREDENTIALS -> CredentialOptions.VCENTER_WORDS;
            case RHEL_CREDENTIALS -> CredentialOptions.RHEL_WORDS;
            case COMPATIBILITY -> "--compatibility off|warn|strict";
            case BUILDER_IMAGE -> "--image";
            case DATASTORE_FREE_SPACE -> "--min-free-gib";
            case VCENTER_TRUST -> "--ca-file or --insecure";
            case EXTERNAL_ISO -> "--iso";
            case CONFIG_FILE -> "--config";
            case OUTPUT_DIR -> "--output-dir";
            case DOCKER_HOST -> "--docker-host";
            case IMAGE_ARCHIVE -> "--image-archive";
            case TIMEOUT -> "--timeout";
            case STOP_GRACE -> "--stop-grace";
            case PRE_SCRIPTS -> "--pre-script";
            case POST_SCRIPTS -> "--post-script";
            case STATIC_IP -> "--static-ip";
            case NETMASK -> "--netmask";
            case GATEWAY -> "--gateway";
            case NAMESERVERS -> "--nameserver";
            case HOSTNAME -> "--hostname";
            case KICKSTART -> "--kickstart";
            case RHSM_WORKAROUND -> "--rhsm-workaround auto|on|off";
        };
    }

    /** A finding about a setting itself is shown at its option; others get the option added to their hint. */
    static String format(Finding f) {
        Setting s = f.setting();
        if (s == null) {
            return f.format();
        }
        boolean aboutTheSetting = f.key() == null && f.location().source().equals(s.label());
        String at = aboutTheSetting ? words(s) : f.location().toString();
        StringBuilder b = new StringBuilder(at).append(": ").append(f.severity().label()).append(": ")
                .append(f.message());
        String hint = f.hint() == null || f.hint().isBlank() ? "" : f.hint();
        if (!aboutTheSetting) {
            hint = hint.isEmpty() ? "on the command line: " + words(s) : hint + "; on the command line: " + words(s);
        }
        if (!hint.isEmpty()) {
            b.append(" (hint: ").append(hint).append(')');
        }
        return b.toString();
    }

    static void print(PrintWriter w, List<Finding> findings) {
        findings.forEach(f -> w.println(format(f)));
        w.flush();
    }
}
