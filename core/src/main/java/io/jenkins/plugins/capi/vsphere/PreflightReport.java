package io.jenkins.plugins.capi.vsphere;

import io.jenkins.plugins.capi.config.Finding;
import io.jenkins.plugins.capi.config.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The result of one pre-flight run: every problem found (errors and warnings), one {@code INFO} finding per
 * check that passed, and the inventory path each config key resolved to.
 *
 * @param server        {@code vcenter_server} as configured
 * @param about         what the endpoint said it is; null when it could not be reached
 * @param findings      in check order; never carry a secret
 * @param resolvedPaths config key → inventory path of the object it names (only keys that resolved)
 * @param elapsed       wall time of the run
 */
public record PreflightReport(String server, VcenterAbout about, List<Finding> findings,
                              Map<String, String> resolvedPaths, Duration elapsed) {

    public PreflightReport {
        findings = List.copyOf(findings);
        resolvedPaths = Map.copyOf(resolvedPaths);
    }

    public Optional<VcenterAbout> aboutIfReached() {
        return Optional.ofNullable(about);
    }

    /** True when no check failed (warnings allowed). */
    public boolean passed() {
        return findings.stream().noneMatch(Finding::isError);
    }

    public List<Finding> errors() {
        return findings.stream().filter(Finding::isError).toList();
    }

    public List<Finding> warnings() {
        return findings.stream().filter(f -> f.severity() == Severity.WARNING).toList();
    }

    /** One line: what was checked and how it went. */
    public String summary() {
        String what = about == null ? "vCenter " + server
                : "vCenter " + server + " (" + about.fullName() + ", " + about.apiType() + ", API " + about.apiVersion() + ")";
        long e = errors().size();
        long w = warnings().size();
        return what + ": " + (passed() ? "pre-flight passed" : "pre-flight failed") + ", " + e
                + (e == 1 ? " error, " : " errors, ") + w + (w == 1 ? " warning" : " warnings") + " in "
                + elapsed.toMillis() + " ms";
    }
}
