package io.jenkins.plugins.capi.cli;

import io.jenkins.plugins.capi.config.ConfigKey;
import io.jenkins.plugins.capi.config.ImageConfig;
import io.jenkins.plugins.capi.metadata.MetadataCollector;
import io.jenkins.plugins.capi.metadata.MetadataJson;
import io.jenkins.plugins.capi.metadata.OutputScanner;
import io.jenkins.plugins.capi.metadata.OutputsException;
import io.jenkins.plugins.capi.metadata.PackerManifest;
import io.jenkins.plugins.capi.metadata.TemplateMetadata;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code capi-image-build metadata}: reads a finished build's output folder and prints its template metadata.
 * It has no image config, so what it knows comes from the Packer manifest and the files.
 */
@Command(
        name = "metadata",
        mixinStandardHelpOptions = true,
        description = {
            "Prints the template metadata of a finished build: the Packer manifest's last run, the OVA "
                    + "(checked against its .ova.sha256) and every output file.",
            "Exit codes: 0 ok, 1 outputs missing or inconsistent, 2 bad usage."
        })
public final class MetadataCommand implements Callable<Integer> {

    enum Format { text, json }

    @Spec
    CommandSpec spec;

    @Option(names = "--output-dir", required = true, paramLabel = "DIR",
            description = "The build's output folder (the one mounted at /home/imagebuilder/output).")
    Path outputDir;

    @Option(names = "--image-name", paramLabel = "NAME",
            description = "image_name of the build; default: the only sub-folder of DIR with a packer-manifest.json.")
    String imageName;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json",
            description = "text (a readable summary, the default) or json (the metadata document).")
    Format format;

    @Option(names = "--hash-all",
            description = "Also hash files larger than 64 MiB (disk images); slow. The OVA is always hashed.")
    boolean hashAll;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isDirectory(outputDir)) {
            err.println("capi-image-build metadata: error: output folder not found: " + outputDir);
            return ExitCode.INVALID_INPUT;
        }
        String name = imageName;
        if (name == null) {
            List<String> builds = OutputScanner.buildFolders(outputDir);
            if (builds.isEmpty()) {
                err.println("capi-image-build metadata: error: " + outputDir + ": no build outputs: no sub-folder "
                        + "holds a " + PackerManifest.FILE_NAME);
                return ExitCode.FAILED;
            }
            if (builds.size() > 1) {
                err.println("capi-image-build metadata: error: " + outputDir + " holds several builds " + builds
                        + "; choose one with --image-name");
                return ExitCode.INVALID_INPUT;
            }
            name = builds.get(0);
        }
        OutputScanner scanner = hashAll ? OutputScanner.hashingFilesUpTo(Long.MAX_VALUE) : OutputScanner.withDefaults();
        TemplateMetadata metadata;
        try {
            metadata = new MetadataCollector(scanner,
                    warning -> err.println("capi-image-build metadata: warning: " + warning)).collect(outputDir,
                    ImageConfig.of("--image-name", Map.of(ConfigKey.IMAGE_NAME.key(), name)), null, null, null, Map.of(),
                    null);
        } catch (OutputsException e) {
            err.println("capi-image-build metadata: error: " + e.getMessage());
            return ExitCode.FAILED;
        }
        if (format == Format.json) {
            out.print(MetadataJson.toJson(metadata));
        } else {
            printText(metadata, out);
        }
        out.flush();
        return ExitCode.OK;
    }

    private static void printText(TemplateMetadata m, PrintWriter out) {
        TemplateMetadata.Packer p = m.packer();
        row(out, "Image", m.imageName());
        row(out, "Template", p.artifactId() + "  (packer build " + p.buildName() + ", " + p.builderType() + ")");
        row(out, "Run", p.runUuid());
        row(out, "OS", orDash(m.osVersion()) + "  " + orDash(m.customData().get("os_name")));
        row(out, "Kubernetes", orDash(m.kubernetesVersion()));
        row(out, "containerd", orDash(m.containerdVersion()));
        row(out, "CNI", orDash(m.cniVersion()));
        row(out, "Builder", orDash(m.customData().get("ib_version")) + "  (image-builder version)");
        String when = orDash(m.buildStart() == null ? null : m.buildStart().toString()) + " .. "
                + orDash(m.buildEnd() == null ? null : m.buildEnd().toString());
        if (m.buildStart() != null && m.buildEnd() != null && !m.buildEnd().isBefore(m.buildStart())) {
            when += "  (" + duration(Duration.between(m.buildStart(), m.buildEnd())) + ")";
        }
        row(out, "Built", when);
        if (m.vcenter() != null && m.vcenter().templateInventoryPath() != null) {
            row(out, "vCenter", m.vcenter().templateInventoryPath());
        }
        TemplateMetadata.Ova ova = m.ova();
        row(out, "OVA", ova.fileName() + "  " + size(ova.sizeBytes()));
        row(out, "SHA-256", ova.sha256() + (ova.checksumFileVerified()
                ? "  (matches " + ova.fileName() + ".sha256)" : "  (no .sha256 file to compare)"));
        out.println("Files:");
        for (TemplateMetadata.OutputFile f : m.files()) {
            out.printf(Locale.ROOT, "  %-44s %12s  %s%n", f.name(), size(f.sizeBytes()),
                    f.sha256() == null ? "(not hashed)" : f.sha256());
        }
    }

    private static void row(PrintWriter out, String label, String value) {
        out.printf(Locale.ROOT, "%-11s %s%n", label + ":", value);
    }

    private static String orDash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }

    private static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    private static String duration(Duration d) {
        return String.format(Locale.ROOT, "%dh%02dm%02ds", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }
}
