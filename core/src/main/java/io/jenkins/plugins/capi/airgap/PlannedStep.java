package io.jenkins.plugins.capi.airgap;

/**
 * One thing an air-gapped build would do, for {@code plan}.
 *
 * @param action  {@code load}, {@code use}, {@code extract}, {@code copy}, {@code start}, {@code run} or {@code stage}
 * @param subject what it acts on, e.g. {@code capi-builder-v4.6.24.tar (2.5 GB)}
 * @param detail  where it goes and how, e.g. {@code streamed into the engine, named localhost/capi-builder:v4.6.24}
 */
public record PlannedStep(String action, String subject, String detail) {

    /** {@code load  capi-builder-v4.6.24.tar (2.5 GB): streamed …} */
    public String format() {
        return String.format("%-8s %s: %s", action, subject, detail);
    }
}
