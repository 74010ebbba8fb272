package io.jenkins.plugins.capi.logs;

/**
 * Where a KIB/packer build is, as far as its log tells. Order follows a normal vSphere ISO build; a clone build
 * skips the ISO, boot, install and SSH phases.
 */
public enum Phase {
    STARTING("starting"),
    DEPENDENCIES("preparing packer and ansible"),
    ISO_UPLOAD("uploading the ISO"),
    CREATE_VM("creating the VM"),
    BOOT("booting the VM"),
    OS_INSTALL("waiting for IP"),
    SSH("waiting for SSH"),
    PROVISIONING("provisioning with Ansible"),
    VALIDATION("validating with Goss"),
    SHUTDOWN("shutting down"),
    TEMPLATE("converting to template"),
    EXPORT("exporting OVF"),
    MANIFEST("writing packer-manifest.json"),
    OVA("building the OVA"),
    FINISHED("finished"),
    FAILED("failed");

    private final String description;

    Phase(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
