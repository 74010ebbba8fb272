package io.jenkins.plugins.capi.cli;

import io.jenkins.plugins.capi.config.ConfigKey;
import io.jenkins.plugins.capi.config.Finding;
import io.jenkins.plugins.capi.config.ImageConfig;
import io.jenkins.plugins.capi.config.ImageConfigParser;
import io.jenkins.plugins.capi.config.Overrides;
import io.jenkins.plugins.capi.config.ParsedConfig;
import io.jenkins.plugins.capi.config.Severity;
import io.jenkins.plugins.capi.config.SourceLocation;
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
import io.jenkins.plugins.capi.vsphere.VsphereTimeouts;
import io.jenkins.plugins.capi.vsphere.VsphereTls;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
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
            "Credentials of the imageconfig's vCenter: VCENTER_USER (or --vcenter-user) and VCENTER_PASSWORD (or"
                + " --vcenter-password-file), else the file's. Ctrl-C stops every target and removes what it began."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every target published, skipped or (with --dry-run) checked",
            "1:a target failed its check or its publication (the others' results are printed)", "2:invalid input",
            "130:interrupted"})
public final class PublishCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ConfigOptions configOptions;

    @Option(names = "--output-dir", required = true, paramLabel = "DIR", description = "the build's output folder")
    Path outputDir;

    @Option(names = "--image-name", paramLabel = "NAME", description = "image_name of the build; default: the config's")
    String imageName;

    @Option(names = "--name", paramLabel = "PATTERN",
            description = "template name with {os}, {k8s}, {image_name}, {build}, {date}; default: the builder's VM name")
    String namePattern;

    @Option(names = "--on-existing", paramLabel = "fail|replace|skip", defaultValue = "fail",
            description = "when the name is taken: fail (default), replace (swap, never without a template) or skip")
    String onExisting;

    @Option(names = "--keep", paramLabel = "N", defaultValue = "0",
            description = "keep the newest N templates of this image in each folder (0: keep all)")
    int keep;

    @Option(names = "--content-library", paramLabel = "NAME", description = "also publish an OVF item to this local content library")
    String contentLibrary;

    @Option(names = "--target", paramLabel = "FILE", description = "another vCenter to publish to (repeatable)")
    List<Path> targetFiles = new ArrayList<>();

    @Option(names = "--build-id", paramLabel = "ID", description = "the build number for {build}")
    String buildId;

    @Option(names = "--dry-run", description = "check every target and print what would happen; change nothing")
    boolean dryRun;

    /** The same --ca-file | --insecure as the pre-flight's. */
    @ArgGroup(exclusive = true)
    PreflightCommand.Trust trust;

    @Option(names = "--vcenter-user", paramLabel = "USER", description = "vCenter user; default: $VCENTER_USER")
    String user;

    @Option(names = "--vcenter-password-file", paramLabel = "FILE",
            description = "file holding the vCenter password; default: $VCENTER_PASSWORD")
    Path passwordFile;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "how long to wait for each vCenter answer (default: ${DEFAULT-VALUE})")
    Duration timeout;

    /** Where environment variables come from; tests replace it. */
    UnaryOperator<String> environment = System::getenv;

    private static final AtomicBoolean ABORTING = new AtomicBoolean();

    /** True once Ctrl-C started the JVM's shutdown (see {@link CapiImageBuild#main}). */
    static boolean aborting() {
        return ABORTING.get();
    }

    /** Input the command cannot use; the message says which option or file and what to do. */
    private static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PublishRequest request;
        ImageConfig config;
        Path metadataFile = MetadataJson.defaultFile(outputDir);
        TemplateMetadata metadata;
        try {
            config = readConfig(configOptions.config, configOptions.overrides(spec.commandLine()), err);
            if (imageName != null) {
                config = config.with(ConfigKey.IMAGE_NAME, imageName, SourceLocation.of("--image-name"));
            }
            metadata = metadata(config, metadataFile);
            request = request(config, metadata, err);
        } catch (Invalid e) {
            err.println("capi-image-build publish: " + e.getMessage());
            err.flush();
            return ExitCode.INVALID_INPUT;
        } catch (OutputsException e) {
            err.println("capi-image-build publish: " + e.getMessage());
            err.flush();
            return ExitCode.FAILED;
        }

        boolean allPassed = true;
        for (TargetCheck check : Publisher.preflight(request)) {
            for (Finding f : check.findings()) {
                if (f.severity() != Severity.INFO) {
                    out.println(f.format());
                }
            }
            out.println("[" + check.target() + "] " + (check.passed() ? "check passed" : "check failed"));
            allPassed &= check.passed();
        }
        out.flush();
        if (!allPassed) {
            err.println("capi-image-build publish: nothing was published: fix the targets above first");
            err.flush();
            return ExitCode.FAILED;
        }

        Publisher publisher = new Publisher(request, p -> progress(out, p));
        Thread main = Thread.currentThread();
        Thread onCtrlC = new Thread(() -> {
            ABORTING.set(true);
            publisher.cancel();
            try {
                main.join(Duration.ofMinutes(2).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "capi-publish-abort");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        PublishResult result;
        try {
            result = publisher.publish();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onCtrlC);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook waits for this thread to finish
            }
        }
        result.lines().forEach(out::println);
        out.flush();
        if (ABORTING.get()) {
            return ExitCode.INTERRUPTED;
        }
        if (!dryRun) {
            try {
                TemplateMetadata updated = metadata.withPublications(result.publications());
                MetadataJson.write(updated, metadataFile);
                out.println("metadata: " + metadataFile);
                if (metadata.ova() != null) {
                    out.println("provenance: " + Provenance.write(outputDir, updated, config));
                }
            } catch (IOException e) {
                err.println("capi-image-build publish: cannot write the metadata: " + e.getMessage());
                return ExitCode.FAILED;
            }
        }
        out.flush();
        return result.succeeded() ? ExitCode.OK : ExitCode.FAILED;
    }

    private static final long STEP = 10;
    private final Map<String, Long> lastPercent = new java.util.concurrent.ConcurrentHashMap<>();

    /** Every step, and the upload in steps of 10 %. */
    private void progress(PrintWriter out, PublishProgress p) {
        if (p.stage() == PublishProgress.Stage.UPLOADING && p.bytesTotal() > 0) {
            long pct = p.bytesSent() * 100 / p.bytesTotal() / STEP * STEP;
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

    private ImageConfig readConfig(Path file, Map<String, String> overrides, PrintWriter err) throws Invalid {
        ParsedConfig parsed = parse(file, "--config", err);
        ParsedConfig overridden = Overrides.apply(parsed.config(), overrides, ConfigOptions.SET_SOURCE);
        overridden.findings().forEach(f -> err.println(f.format()));
        if (overridden.hasErrors()) {
            throw new Invalid("--set has errors (listed above)");
        }
        return overridden.config();
    }

    private static ParsedConfig parse(Path file, String option, PrintWriter err) throws Invalid {
        ParsedConfig parsed;
        try {
            parsed = new ImageConfigParser().parse(file);
        } catch (IOException e) {
            throw new Invalid("cannot read " + option + " " + file + ": " + e.getMessage());
        }
        parsed.findings().forEach(f -> err.println(f.format()));
        if (parsed.hasErrors()) {
            throw new Invalid(option + " " + file + " has syntax errors (listed above)");
        }
        return parsed;
    }

    /** The build's metadata document when there is one, else what the output folder says. */
    private TemplateMetadata metadata(ImageConfig config, Path metadataFile) throws Invalid, OutputsException {
        if (!Files.isDirectory(outputDir)) {
            throw new Invalid("--output-dir " + outputDir + " is not a folder");
        }
        if (Files.isRegularFile(metadataFile)) {
            try {
                TemplateMetadata m = MetadataJson.read(metadataFile);
                if (config.imageName().isBlank() || config.imageName().strip().equals(m.imageName())) {
                    return m;
                }
            } catch (IOException e) {
                throw new Invalid(e.getMessage());
            }
        }
        if (config.imageName().isBlank()) {
            throw new Invalid("image_name is not set in " + configOptions.config + "; give --image-name");
        }
        return new MetadataCollector(OutputScanner.withDefaults()).collect(outputDir, config, null, null, null,
                Map.of("tool", "capi-image-build"), null);
    }

    private PublishRequest request(ImageConfig config, TemplateMetadata metadata, PrintWriter err) throws Invalid {
        OnExisting existing;
        try {
            existing = OnExisting.parse(onExisting);
        } catch (IllegalArgumentException e) {
            throw new Invalid("--on-existing " + e.getMessage());
        }
        NamePattern pattern;
        try {
            pattern = NamePattern.of(namePattern);
        } catch (IllegalArgumentException e) {
            throw new Invalid("--name: " + e.getMessage());
        }
        if (keep < 0) {
            throw new Invalid("--keep must be 0 (keep all) or more");
        }
        VsphereTls tls = VsphereTls.VERIFY;
        if (trust != null && trust.caFile != null) {
            if (!Files.isReadable(trust.caFile)) {
                throw new Invalid("--ca-file " + trust.caFile + " is not a readable file");
            }
            tls = new VsphereTls(trust.caFile, false);
        } else if (trust != null && trust.insecure) {
            tls = new VsphereTls(null, true);
        }
        String vcUser = firstSet(user, environment.apply("VCENTER_USER"), config.vcenterUser());
        String password = password(config);
        List<PublishTarget> targets = new ArrayList<>();
        if (!config.vcenterServer().isBlank()) {
            targets.add(PublishTarget.of(config, vcUser, password, tls, contentLibrary));
        }
        for (Path file : targetFiles) {
            targets.add(PublishTarget.fromFile(parse(file, "--target", err).config(), vcUser, password, tls,
                    contentLibrary));
        }
        if (targets.isEmpty()) {
            throw new Invalid("no target: vcenter_server is not set in " + configOptions.config + " and no --target was given");
        }
        Path ova = metadata.ova() == null ? null
                : outputDir.resolve(metadata.imageName()).resolve(metadata.ova().fileName());
        PublishRequest.BuildVm buildVm = null;
        TemplateMetadata.VcenterFacts facts = metadata.vcenter() == null ? null : metadata.vcenter().facts();
        if (facts != null && facts.buildVmPresent() && facts.inventoryPath() != null && !config.vcenterServer().isBlank()) {
            buildVm = new PublishRequest.BuildVm(config.vcenterServer().strip(), facts.inventoryPath(), false);
        }
        try {
            return PublishRequest.builder(TemplateIdentity.of(metadata, buildId)).ova(ova).buildVm(buildVm)
                    .name(pattern).onExisting(existing).keep(keep).dryRun(dryRun).targets(targets)
                    .timeouts(new VsphereTimeouts(timeout.compareTo(Duration.ofSeconds(10)) < 0 ? timeout
                            : Duration.ofSeconds(10), timeout))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new Invalid(e.getMessage());
        }
    }

    private String password(ImageConfig config) throws Invalid {
        if (passwordFile != null) {
            try {
                return Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new Invalid("cannot read --vcenter-password-file " + passwordFile + ": " + e.getClass().getSimpleName());
            }
        }
        String fromEnvironment = environment.apply("VCENTER_PASSWORD");
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            return fromEnvironment;
        }
        return config.value(ConfigKey.VCENTER_PASSWORD).filter(p -> !p.isEmpty()).orElse(null);
    }

    private static String firstSet(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }
}
