package io.jenkins.plugins.capi.config;

/**
 * A setting outside the imageconfig that a finding's hint refers to. Core names the setting, never one front
 * end's spelling of it; the command line and the Jenkins plugin each add how their users change it.
 */
public enum Setting {
    /** The vCenter user name and password, supplied by the front end instead of the file. */
    VCENTER_CREDENTIALS,
    /** The RHEL subscription user name and password, supplied by the front end instead of the file. */
    RHEL_CREDENTIALS,
    /** How the compatibility matrix is applied: warn, strict or off. */
    COMPATIBILITY,
    /** The builder image (its tag gives the builder version). */
    BUILDER_IMAGE,
    /** How much free space the datastore must have. */
    DATASTORE_FREE_SPACE,
    /** How vCenter's certificate is trusted: a CA file, or no verification. */
    VCENTER_TRUST,
    /** An ISO outside the output folder, mounted into the container read-only. */
    EXTERNAL_ISO,
    /** The imageconfig file itself. */
    CONFIG_FILE,
    /** The output folder mounted at /home/imagebuilder/output. */
    OUTPUT_DIR,
    /** The Docker or Podman API address. */
    DOCKER_HOST,
    /** A saved image archive to load when the builder image is missing. */
    IMAGE_ARCHIVE,
    /** The build's time limit. */
    TIMEOUT,
    /** How long SIGTERM is given before the container is killed. */
    STOP_GRACE,
    /** Custom scripts run before the builder's provisioning (files or globs). */
    PRE_SCRIPTS,
    /** Custom scripts run after the builder's provisioning (files or globs). */
    POST_SCRIPTS,
    /** The build VM's static IPv4 address (instead of DHCP). */
    STATIC_IP,
    /** The subnet mask of the static address. */
    NETMASK,
    /** The default gateway of the static address. */
    GATEWAY,
    /** The DNS servers of the static address. */
    NAMESERVERS,
    /** The build VM's host name with a static address. */
    HOSTNAME,
    /** The kickstart file to rewrite for a static address, or to use as it is. */
    KICKSTART,
    /** The vendor's RHSM workaround for Rocky builds from an existing VM: auto, on or off. */
    RHSM_WORKAROUND;

    /** How core names the setting where no front end rewords it, e.g. {@code stop grace}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
