package io.jenkins.plugins.capi.publish;

import io.jenkins.plugins.capi.metadata.TemplateMetadata.Publication;
import java.util.List;

/** Every target's publication, in the order of the request. */
public record PublishResult(List<Publication> publications) {

    public PublishResult {
        publications = List.copyOf(publications);
    }

    /** True when no target failed (published, replaced, skipped or dry-run). */
    public boolean succeeded() {
        return publications.stream().noneMatch(p -> "failed".equals(p.outcome()));
    }

    /** One line per target: {@code [target] outcome: message}. */
    public List<String> lines() {
        return publications.stream().map(p -> "[" + p.target() + "] " + p.outcome() + ": " + p.message()).toList();
    }
}
