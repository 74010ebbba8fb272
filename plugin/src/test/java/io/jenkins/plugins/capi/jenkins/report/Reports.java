package io.jenkins.plugins.capi.jenkins.report;

import java.util.List;

/** Reports of image builds for tests that need one without running a build. */
public final class Reports {

    private Reports() {}

    /** A successful build of {@code templateName} whose outputs are at the given workspace paths (or null). */
    public static BuildReport succeeded(String templateName, String metadataPath, String ovaPath) {
        return new BuildReport(
                BuildReport.Outcome.SUCCEEDED,
                "img:v1",
                new TemplateSummary(
                        templateName,
                        null,
                        null,
                        null,
                        null,
                        "rockylinux-8",
                        "standard",
                        "1.30.4",
                        null,
                        null,
                        null,
                        "img:v1",
                        null,
                        ovaPath == null ? null : "x.ova",
                        ovaPath == null ? 0 : 1,
                        null,
                        false,
                        List.of(),
                        null,
                        null),
                null,
                List.of(),
                List.of(),
                metadataPath,
                ovaPath,
                null);
    }
}
