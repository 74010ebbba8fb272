package io.jenkins.plugins.capi.cli;

import io.jenkins.plugins.capi.config.ConfigKey;
import io.jenkins.plugins.capi.config.ConfigLoader;
import io.jenkins.plugins.capi.config.ConfigReadException;
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
import io.jenkins.plugins.capi.metadata.Provenance;
import io.jenkins.plugins.capi.metadata.TemplateMetadata;
import io.jenkins.plugins.capi.publish.NamePattern;
import io.jenkins.plugins.capi.publish.OnExisting;
import io.jenkins.plugins.capi.publish.PublishProgress;
import io.jenkins.plugins.capi.publish.PublishRequest;
import io.jenkins.plugins.capi.publish.PublishResult;
import io.jenkins.plugins.capi.publish.PublishTarget;
import io.jenkins.plugins.capi.publish.Publisher;
import io.jenkins.plugins.capi.publish.TargetCheck;
import io.jenkins.plugins.capi.publish.TemplateIdentity;
import io.jenkins.plugins.capi.secrets.BuildSecrets;
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
import java.util.concurrent.ConcurrentHashMap;
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

    @Option(names = "--name", paramLabel = "PATTERN",
            description = "Template name with {os}, {k8s}, {image_name}, {build}, {date}; default: the builder's VM name.")
    String namePattern;

    @Option(names = "--on-existing", paramLabel = "fail|replace|skip", defaultValue = "fail",
            description = "When the name is taken: fail (default), replace (swapped, never without a template) or skip.")
    String onExisting;

    @Option(names = "--keep", paramLabel = "N", defaultValue = "0",
            description = "Keep the newest N templates of this image in each folder (0: keep all).")
    int keep;

    @Option(names = "--content-library", paramLabel = "NAME", description = "Also publish an OVF item to this local content library.")
    String contentLibrary;

    @Option(names = "--target", paramLabel = "FILE", description = "Another vCenter to publish to (repeatable).")
    List<Path> targetFiles = new ArrayList<>();

    @Option(names = "--build-id", paramLabel = "ID", description = "The build number for {build}.")
    String buildId;

    @Option(names = "--dry-run", description = "Check every target and print what would happen; change nothing.")
    boolean dryRun;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "How long to wait for each vCenter answer, e.g. 30s (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    private final Map<String, Long> lastPercent = new ConcurrentHashMap<>();

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ImageConfig imageConfig = readConfig(err);
        TemplateMetadata metadata = metadata(imageConfig);
        PublishRequest request = request(imageConfig, metadata, err);

        boolean allPassed = true;
        List<TargetCheck> checks;
        try (CtrlC ctrlC = CtrlC.duringCheck(Thread.currentThread(), err)) {
            checks = Publisher.preflight(request);
        }
        if (Thread.interrupted()) {
            throw new InterruptedException("the targets' checks were stopped; nothing was published");
        }
        for (TargetCheck check : checks) {
            check.findings().stream().filter(f -> f.severity() != Severity.INFO)
                    .forEach(f -> out.println(CliFindings.format(f)));
            out.println("[" + check.target() + "] " + (check.passed() ? "check passed" : "check failed"));
            allPassed &= check.passed();
        }
        out.flush();
        if (!allPassed) {
            err.println("capi-image-build publish: nothing was published: fix the targets above first");
            err.flush();
            return ExitCode.FAILED;
        }

        PublishResult result;
        try (CtrlC ctrlC = CtrlC.duringCheck(Thread.currentThread(), err)) {
            // An interrupt makes the publisher cancel every target and wait until each has cleaned up.
            result = new Publisher(request, p -> progress(out, p)).publish();
        }
        boolean interrupted = Thread.interrupted();
        result.lines().forEach(out::println);
        out.flush();
        if (!dryRun) {
            TemplateMetadata updated = metadata.withPublications(result.publications());
            try {
                MetadataJson.write(updated, MetadataJson.defaultFile(outputDir));
                out.println("metadata: " + MetadataJson.defaultFile(outputDir));
                if (updated.ova() != null) {
                    out.println("provenance: " + Provenance.write(outputDir, updated, imageConfig));
                }
            } catch (IOException e) {
                err.println("capi-image-build publish: error: cannot write the metadata: " + e.getMessage());
                return ExitCode.FAILED;
            }
            out.flush();
        }
        if (interrupted) {
            throw new InterruptedException("every target was stopped and what it had begun removed");
        }
        return result.succeeded() ? ExitCode.OK : ExitCode.FAILED;
    }

    /** Every step, and each target's upload in steps of 10 %. */
    private void progress(PrintWriter out, PublishProgress p) {
        if (p.stage() == PublishProgress.Stage.UPLOADING && p.bytesTotal() > 0) {
            long pct = p.bytesSent() * 100 / p.bytesTotal() / 10 * 10;
            Long before = lastPercent.put(p.target(), pct);
            if (before != null && before == pct) {
                return;
            }
        }
        synchronized (out) {
            out.println(p.line());
            out.flush();
        }
    }

    private ImageConfig readConfig(PrintWriter err) {
        Overrides overrides = config.overrides();
        ParsedConfig parsed;
        try {
            parsed = ConfigLoader.read(config.config);
        } catch (ConfigReadException e) {
            throw new CliInputException("--config " + e.getMessage());
        }
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
        OnExisting existing;
        NamePattern pattern;
        try {
            existing = OnExisting.parse(onExisting);
        } catch (IllegalArgumentException e) {
            throw new CliInputException("--on-existing " + e.getMessage());
        }
        try {
            pattern = NamePattern.of(namePattern);
        } catch (IllegalArgumentException e) {
            throw new CliInputException("--name: " + e.getMessage());
        }
        if (keep < 0) {
            throw new CliInputException("--keep must be 0 (keep all) or more");
        }
        if (timeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new CliInputException("--timeout must be at least 1s");
        }
        VsphereTls tls = trust.tls();
        List<Finding> trustProblems = RequestChecks.vcenterTrust(tls);
        CliFindings.print(err, trustProblems);
        if (trustProblems.stream().anyMatch(Finding::isError)) {
            throw new CliInputException("nothing was published: fix the errors above");
        }
        BuildSecrets effective = credentials.secrets(root.environment).resolve(c);
        List<PublishTarget> targets = new ArrayList<>();
        if (!c.vcenterServer().isBlank()) {
            targets.add(PublishTarget.of(c, effective.vcenterUser(), effective.vcenterPassword(), tls, contentLibrary));
        }
        for (Path file : targetFiles) {
            ParsedConfig parsed;
            try {
                parsed = ConfigLoader.read(file);
            } catch (ConfigReadException e) {
                throw new CliInputException("--target " + e.getMessage());
            }
            CliFindings.print(err, parsed.findings());
            if (parsed.hasErrors()) {
                throw new CliInputException("--target " + file + " has errors (listed above)");
            }
            targets.add(PublishTarget.fromFile(parsed.config(), effective.vcenterUser(), effective.vcenterPassword(),
                    tls, contentLibrary));
        }
        if (targets.isEmpty()) {
            throw new CliInputException("no target: vcenter_server is not set in " + config.config
                    + " and no --target was given");
        }
        Path ova = metadata.ova() == null ? null
                : outputDir.resolve(metadata.imageName()).resolve(metadata.ova().fileName());
        PublishRequest.BuildVm buildVm = null;
        TemplateMetadata.VcenterFacts facts = metadata.vcenter() == null ? null : metadata.vcenter().facts();
        if (facts != null && facts.buildVmPresent() && facts.inventoryPath() != null && !c.vcenterServer().isBlank()) {
            buildVm = new PublishRequest.BuildVm(c.vcenterServer().strip(), facts.inventoryPath(), false);
        }
        return PublishRequest.builder(TemplateIdentity.of(metadata, buildId)).ova(ova).buildVm(buildVm)
                .name(pattern).onExisting(existing).keep(keep).dryRun(dryRun).targets(targets)
                .timeouts(new VsphereTimeouts(timeout.compareTo(Duration.ofSeconds(10)) < 0 ? timeout
                        : Duration.ofSeconds(10), timeout))
                .build();
    }
}
