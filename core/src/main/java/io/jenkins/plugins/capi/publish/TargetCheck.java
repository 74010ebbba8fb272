package io.jenkins.plugins.capi.publish;

import io.jenkins.plugins.capi.config.Finding;
import java.util.List;
import java.util.Map;

/**
 * The pre-flight of one target: every problem found, with the place it was written (the target's file and
 * line), and the inventory path each of its keys resolved to.
 */
public record TargetCheck(String target, List<Finding> findings, Map<String, String> resolvedPaths) {

    public TargetCheck {
        findings = List.copyOf(findings);
        resolvedPaths = Map.copyOf(resolvedPaths);
    }

    public boolean passed() {
        return findings.stream().noneMatch(Finding::isError);
    }

    public List<Finding> errors() {
        return findings.stream().filter(Finding::isError).toList();
    }
}
