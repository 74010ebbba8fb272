package io.jenkins.plugins.capi.cli;

import io.jenkins.plugins.capi.config.ConfigLoader;
import io.jenkins.plugins.capi.config.ConfigReadException;
import io.jenkins.plugins.capi.config.ImageConfig;
import io.jenkins.plugins.capi.config.ParsedConfig;
import io.jenkins.plugins.capi.publish.NamePattern;
import io.jenkins.plugins.capi.publish.OnExisting;
import io.jenkins.plugins.capi.publish.PublishSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** How a build's result is published, shared by {@code publish} and {@code build --publish}. */
final class PublishOptions {

    @Option(names = "--name", paramLabel = "PATTERN",
            description = "Template name with {os}, {k8s}, {image_name}, {build}, {date}; default: the builder's VM name.")
    String namePattern;

    @Option(names = "--on-existing", paramLabel = "fail|replace|skip", defaultValue = "fail",
            description = "When the name is taken: fail (default), replace (swapped, never without a template) or skip.")
    String onExisting;

    @Option(names = "--keep", paramLabel = "N", defaultValue = "0",
            description = "Keep the newest N templates of this image in each folder (0: keep all).")
    int keep;

    @Option(names = "--content-library", paramLabel = "NAME",
            description = "Also publish an OVF item to this local content library.")
    String contentLibrary;

    @Option(names = "--target", paramLabel = "FILE", description = "Another vCenter to publish to (repeatable).")
    List<Path> targetFiles = new ArrayList<>();

    @Option(names = "--build-id", paramLabel = "ID", description = "The build number for {build}.")
    String buildId;

    /**
     * @throws CliInputException naming the option and the fix when a value is wrong or a target file cannot be read
     *         (its findings are printed to {@code err} first)
     */
    PublishSettings settings(PrintWriter err) {
        OnExisting existing;
        NamePattern pattern;
        try {
            existing = OnExisting.parse(onExisting);
        } catch (IllegalArgumentException e) {
            throw new CliInputException("--on-existing " + e.getMessage());
        }
        try {
            pattern = NamePattern.of(namePattern);
        } catch (IllegalArgumentException e) {
            throw new CliInputException("--name: " + e.getMessage());
        }
        if (keep < 0) {
            throw new CliInputException("--keep must be 0 (keep all) or more");
        }
        List<ImageConfig> files = new ArrayList<>();
        for (Path file : targetFiles) {
            ParsedConfig parsed;
            try {
                parsed = ConfigLoader.read(file);
            } catch (ConfigReadException e) {
                throw new CliInputException("--target " + e.getMessage());
            }
            CliFindings.print(err, parsed.findings());
            if (parsed.hasErrors()) {
                throw new CliInputException("--target " + file + " has errors (listed above)");
            }
            files.add(parsed.config());
        }
        return new PublishSettings(pattern, existing, keep, contentLibrary, true, files, List.of(), buildId);
    }
}
