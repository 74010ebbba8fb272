package io.jenkins.plugins.capi.cli;

import io.jenkins.plugins.capi.Defaults;
import picocli.CommandLine.Option;

/** {@code --image REF}: the builder image; its tag also gives the builder version the rules depend on. */
final class ImageOption {

    @Option(names = "--image", paramLabel = "REF", defaultValue = Defaults.BUILDER_IMAGE,
            description = "Builder image (default: ${DEFAULT-VALUE}). Its tag gives the builder version, which"
                    + " some rules depend on (e.g. RHEL credentials for air-gapped builds before 4.6.0).")
    String image;
}
