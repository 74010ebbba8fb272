package io.jenkins.plugins.capi.publish;

import io.jenkins.plugins.capi.config.Finding;
import io.jenkins.plugins.capi.config.ImageConfig;
import io.jenkins.plugins.capi.metadata.MetadataJson;
import io.jenkins.plugins.capi.metadata.Provenance;
import io.jenkins.plugins.capi.metadata.TemplateMetadata;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Publishing a build's result, the same way for the {@code publish} command, a build that publishes and the Jenkins
 * steps: first every target is checked (nothing changes), then — only when all passed — the template is published
 * to each, and the publications are recorded in the build's metadata with the provenance beside it.
 */
public final class BuildPublication {

    /** What the checks found; {@link #passed()} decides whether anything may be published. */
    public record Checked(List<TargetCheck> checks) {
        public Checked {
            checks = List.copyOf(checks);
        }

        public boolean passed() {
            return checks.stream().allMatch(TargetCheck::passed);
        }

        public List<Finding> errors() {
            return checks.stream().flatMap(c -> c.errors().stream()).toList();
        }
    }

    /**
     * @param metadata   the metadata with the publications added (as written, unless a dry run)
     * @param provenance the provenance file written beside it, or null (dry run, or no OVA to describe)
     */
    public record Recorded(PublishResult result, TemplateMetadata metadata, Path provenance) {}

    private BuildPublication() {}

    /**
     * Checks every target of {@code request} (login, objects, space, name collisions); changes nothing.
     *
     * @throws InterruptedException when interrupted while checking; nothing was published
     */
    public static Checked check(PublishRequest request) throws InterruptedException {
        List<TargetCheck> checks = Publisher.preflight(request);
        if (Thread.interrupted()) {
            throw new InterruptedException("stopped while the publish targets were checked; nothing was published");
        }
        return new Checked(checks);
    }

    /**
     * Publishes to every target (in parallel, each with its own result), then adds the publications to
     * {@code metadata}, writes it to {@code metadataFile} and the provenance into {@code outputDir} — except for a dry
     * run, which changes nothing. {@code lines} gets the progress and every target's result.
     *
     * @throws InterruptedException when interrupted: every target was stopped and what it had begun removed; what
     *         was published before is recorded all the same
     */
    public static Recorded publishAndRecord(PublishRequest request, TemplateMetadata metadata, Path metadataFile,
                                            Path outputDir, ImageConfig config, Consumer<String> lines)
            throws IOException, InterruptedException {
        PublishResult result = new Publisher(request, new ProgressLines(lines)).publish();
        boolean interrupted = Thread.interrupted();
        result.lines().forEach(lines);
        TemplateMetadata updated = metadata.withPublications(result.publications());
        Path provenance = null;
        if (!request.dryRun()) {
            MetadataJson.write(updated, metadataFile);
            if (updated.ova() != null) {
                provenance = Provenance.write(outputDir, updated, config);
            }
        }
        if (interrupted) {
            throw new InterruptedException("stopped while publishing; what each target had begun was removed");
        }
        return new Recorded(result, updated, provenance);
    }
}
