package io.jenkins.plugins.capi.customize;

import io.jenkins.plugins.capi.config.SourceLocation;

/**
 * The options of a customisation, with the name each front end gives them, so that a finding names the option the
 * user actually typed: {@code --static-ip} on the command line, {@code ip} in a Pipeline step.
 */
public enum CustomizationOption {
    PRE_SCRIPT("--pre-script", "preScripts"),
    POST_SCRIPT("--post-script", "postScripts"),
    STATIC_IP("--static-ip", "ip"),
    NETMASK("--netmask", "netmask"),
    GATEWAY("--gateway", "gateway"),
    NAMESERVER("--nameserver", "nameservers"),
    HOSTNAME("--hostname", "hostname"),
    KICKSTART("--kickstart", "kickstart"),
    RHSM_WORKAROUND("--rhsm-workaround", "rhsmWorkaround"),
    BUILDER_IMAGE("--image", "builderImage");

    /** Which front end the user typed the options into. */
    public enum Style { CLI, PIPELINE }

    private final String cli;
    private final String pipeline;

    CustomizationOption(String cli, String pipeline) {
        this.cli = cli;
        this.pipeline = pipeline;
    }

    public String displayName(Style style) {
        return style == Style.PIPELINE ? pipeline : cli;
    }

    /** Where a finding about this option points: the option itself, there is no file or line. */
    public SourceLocation location(Style style) {
        return SourceLocation.of(displayName(style));
    }
}
