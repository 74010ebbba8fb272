package io.jenkins.plugins.capi.jenkins.report;

import java.io.Serializable;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/** One file the builder produced, as shown on the build page and in the REST API. */
@ExportedBean(defaultVisibility = 3)
public final class OutputFileSummary implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String name;
    private final long sizeBytes;
    private final String sha256;

    public OutputFileSummary(String name, long sizeBytes, String sha256) {
        this.name = name;
        this.sizeBytes = sizeBytes;
        this.sha256 = sha256;
    }

    @Exported
    public String getName() {
        return name;
    }

    @Exported
    public long getSizeBytes() {
        return sizeBytes;
    }

    @Exported
    public String getSha256() {
        return sha256;
    }

    /** Size for people: "1.8 GiB". */
    public String getSizeText() {
        return ByteSizes.format(sizeBytes);
    }
}
