package io.jenkins.plugins.capi.cli;

import io.jenkins.plugins.capi.config.ConfigKey;
import io.jenkins.plugins.capi.config.Finding;
import io.jenkins.plugins.capi.config.ImageConfig;
import io.jenkins.plugins.capi.config.Overrides;
import io.jenkins.plugins.capi.config.ParsedConfig;
import io.jenkins.plugins.capi.config.Severity;
import io.jenkins.plugins.capi.config.SourceLocation;
import io.jenkins.plugins.capi.imagebuild.RequestChecks;
import io.jenkins.plugins.capi.metadata.MetadataCollector;
import io.jenkins.plugins.capi.metadata.MetadataJson;
import io.jenkins.plugins.capi.metadata.OutputScanner;
import io.jenkins.plugins.capi.metadata.OutputsException;
import io.jenkins.plugins.capi.metadata.TemplateMetadata;
import io.jenkins.plugins.capi.publish.BuildPublication;
import io.jenkins.plugins.capi.publish.PublishRequest;
import io.jenkins.plugins.capi.publish.PublishResult;
import io.jenkins.plugins.capi.publish.PublishSettings;
import io.jenkins.plugins.capi.publish.PublishTarget;
import io.jenkins.plugins.capi.publish.TargetCheck;
import io.jenkins.plugins.capi.vsphere.VsphereTimeouts;
import io.jenkins.plugins.capi.vsphere.VsphereTls;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code capi-image-build publish}: makes a finished build's OVA (or kept VM) a named, tagged template. */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = {"Publishes a finished build as a vCenter template in every target: imports the OVA (or clones"
                + " the build VM the builder kept), names it, sets its notes and tags, optionally adds it to a content"
                + " library, and deletes older templates of the same image beyond --keep.",
            "Targets: the imageconfig's vCenter, and one more per --target FILE (the vcenter_* keys of an imageconfig;"
                + " also vcenter_user, vcenter_password, vcenter_ca_file and content_library for that target). Every"
                + " target is checked first; nothing is published when one is wrong.",
            "Credentials of the imageconfig's vCenter as for build: VCENTER_USER (or --vcenter-user) and"
                + " VCENTER_PASSWORD (or --vcenter-password-file), else the file's. Ctrl-C stops every target and"
                + " removes what it began."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every target published, skipped or (with --dry-run) checked",
            "1:a target failed its check or its publication (every target's result is printed)", "2:invalid input",
            "130:interrupted"})
public final class PublishCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    CapiImageBuild root;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ConfigOptions config;

    @Mixin
    CredentialOptions credentials;

    @Mixin
    VcenterTrustOptions trust;

    @Option(names = "--output-dir", required = true, paramLabel = "DIR", description = "The build's output folder.")
    Path outputDir;

    @Option(names = "--image-name", paramLabel = "NAME", description = "image_name of the build; default: the config's.")
    String imageName;

    @Mixin
    PublishOptions publish;

    @Option(names = "--dry-run", description = "Check every target and print what would happen; change nothing.")
    boolean dryRun;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "How long to wait for each vCenter answer, e.g. 30s (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ImageConfig imageConfig = readConfig(err);
        TemplateMetadata metadata = metadata(imageConfig);
        PublishRequest request = request(imageConfig, metadata, err);

        BuildPublication.Checked checked;
        try (CtrlC ctrlC = CtrlC.duringCheck(Thread.currentThread(), err)) {
            checked = BuildPublication.check(request);
        }
        for (TargetCheck check : checked.checks()) {
            check.findings().stream().filter(f -> f.severity() != Severity.INFO)
                    .forEach(f -> out.println(CliFindings.format(f)));
            out.println("[" + check.target() + "] " + (check.passed() ? "check passed" : "check failed"));
        }
        out.flush();
        if (!checked.passed()) {
            err.println("capi-image-build publish: nothing was published: fix the targets above first");
            err.flush();
            return ExitCode.FAILED;
        }

        BuildPublication.Recorded recorded;
        Path metadataFile = MetadataJson.defaultFile(outputDir);
        try (CtrlC ctrlC = CtrlC.duringCheck(Thread.currentThread(), err)) {
            // An interrupt makes the publisher cancel every target and wait until each has cleaned up.
            recorded = BuildPublication.publishAndRecord(request, metadata, metadataFile, outputDir, imageConfig,
                    line -> {
                        out.println(line);
                        out.flush();
                    });
        } catch (IOException e) {
            err.println("capi-image-build publish: error: cannot write the metadata: " + e.getMessage());
            return ExitCode.FAILED;
        }
        if (!dryRun) {
            out.println("metadata: " + metadataFile);
            if (recorded.provenance() != null) {
                out.println("provenance: " + recorded.provenance());
            }
            out.flush();
        }
        PublishResult result = recorded.result();
        return result.succeeded() ? ExitCode.OK : ExitCode.FAILED;
    }

    private ImageConfig readConfig(PrintWriter err) {
        Overrides overrides = config.overrides();
        ParsedConfig parsed = config.read();
        List<Finding> findings = new ArrayList<>(parsed.findings());
        findings.addAll(overrides.findings());
        CliFindings.print(err, findings);
        if (findings.stream().anyMatch(Finding::isError)) {
            throw new CliInputException("nothing was published: fix the errors above");
        }
        ImageConfig c = overrides.applyTo(parsed.config());
        return imageName == null ? c : c.with(ConfigKey.IMAGE_NAME, imageName, SourceLocation.of("--image-name"));
    }

    /** The build's metadata document when there is one for this image, else what the output folder says. */
    private TemplateMetadata metadata(ImageConfig c) {
        if (!Files.isDirectory(outputDir)) {
            throw new CliInputException("--output-dir " + outputDir + ": not a folder; give the build's output folder");
        }
        Path file = MetadataJson.defaultFile(outputDir);
        if (Files.isRegularFile(file)) {
            try {
                TemplateMetadata m = MetadataJson.read(file);
                if (c.imageName().isBlank() || c.imageName().strip().equals(m.imageName())) {
                    return m;
                }
            } catch (IOException e) {
                throw new CliInputException("--output-dir " + e.getMessage());
            }
        }
        if (c.imageName().isBlank()) {
            throw new CliInputException("image_name is not set in " + config.config + "; give --image-name");
        }
        try {
            return new MetadataCollector(OutputScanner.withDefaults()).collect(outputDir, c, null, null, null,
                    Map.of("tool", "capi-image-build"), null);
        } catch (OutputsException e) {
            throw new CliInputException("--output-dir " + e.getMessage());
        }
    }

    private PublishRequest request(ImageConfig c, TemplateMetadata metadata, PrintWriter err) {
        PublishSettings settings = publish.settings(err);
        if (timeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new CliInputException("--timeout must be at least 1s");
        }
        VsphereTls tls = trust.tls();
        List<Finding> trustProblems = RequestChecks.vcenterTrust(tls);
        CliFindings.print(err, trustProblems);
        if (trustProblems.stream().anyMatch(Finding::isError)) {
            throw new CliInputException("nothing was published: fix the errors above");
        }
        List<PublishTarget> targets = settings.targets(c, credentials.secrets(root.environment).resolve(c), tls);
        if (targets.isEmpty()) {
            throw new CliInputException("no target: vcenter_server is not set in " + config.config
                    + " and no --target was given");
        }
        return settings.afterBuild(metadata, outputDir, c, targets, new VsphereTimeouts(
                        timeout.compareTo(Duration.ofSeconds(10)) < 0 ? timeout : Duration.ofSeconds(10), timeout))
                .dryRun(dryRun).build();
    }
}
