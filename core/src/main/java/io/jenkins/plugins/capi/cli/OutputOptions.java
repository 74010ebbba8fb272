package io.jenkins.plugins.capi.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --output-dir DIR}: the folder mounted at /home/imagebuilder/output. */
final class OutputOptions {

    @Option(names = "--output-dir", required = true, paramLabel = "DIR",
            description = "Host folder mounted at /home/imagebuilder/output (created when missing). It may already"
                    + " hold your imageconfig, as the vendor lays it out; the tool never changes that file.")
    Path outputDir;

    Path absolute() {
        return outputDir.toAbsolutePath().normalize();
    }
}
