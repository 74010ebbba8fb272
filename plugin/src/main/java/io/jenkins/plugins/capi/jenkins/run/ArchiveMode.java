package io.jenkins.plugins.capi.jenkins.run;

/** Which build outputs are copied into the build's artifacts. */
public enum ArchiveMode {
    /** {@code template-metadata.json} only (default): small, enough to find and use the template. */
    METADATA,
    /** The metadata, the OVA and its {@code .sha256}: several GiB per build on the controller's artifact store. */
    METADATA_AND_IMAGE,
    /** Nothing; the outputs stay in the agent's workspace. */
    NONE
}
