package io.jenkins.plugins.capi.config;

import java.util.List;
import java.util.Objects;

/** An image config as read, with what the reader found wrong on the way. */
public record ParsedConfig(ImageConfig config, List<Finding> findings) {

    public ParsedConfig {
        Objects.requireNonNull(config, "config");
        findings = List.copyOf(findings);
    }

    public boolean hasErrors() {
        return findings.stream().anyMatch(Finding::isError);
    }
}
