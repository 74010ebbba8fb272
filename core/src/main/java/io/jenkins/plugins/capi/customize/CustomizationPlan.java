package io.jenkins.plugins.capi.customize;

import io.jenkins.plugins.capi.Defaults;
import io.jenkins.plugins.capi.config.BuilderVersion;
import io.jenkins.plugins.capi.config.ConfigKey;
import io.jenkins.plugins.capi.config.Finding;
import io.jenkins.plugins.capi.config.ImageConfig;
import io.jenkins.plugins.capi.config.Setting;
import io.jenkins.plugins.capi.config.SourceLocation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A {@link Customization} checked against the config, the builder image and the output folder, before anything is
 * changed: the findings (every problem at once, each naming the option or file and the fix), the exact files that
 * would be staged, and readable lines for {@code plan}. {@link #stage} then puts the files in place for the run.
 *
 * <p>Staged files: custom scripts as {@code custom_scripts/pre|post/NN-<name>.sh} (mode 0755, NN = position in the
 * order given, so that the builder's name order is that order), and the kickstart as {@code ks.cfg}. Nothing of
 * the user's in the folder is overwritten, moved or removed.
 */
public final class CustomizationPlan {

    /** The first builder release that runs {@code custom_scripts/pre|post}. */
    public static final BuilderVersion SCRIPTS_FROM = new BuilderVersion(4, 6, 23);
    public static final String KICKSTART_FILE = "ks.cfg";

    private final Path outputDir;
    private final List<Finding> findings = new ArrayList<>();
    private final List<StagedFile> staged = new ArrayList<>();
    private final List<String> describe = new ArrayList<>();
    private final Set<String> leftovers;
    private Optional<RhsmWorkaround> rhsm = Optional.empty();

    private CustomizationPlan(Path outputDir) {
        this.outputDir = outputDir;
        Set<String> l = new HashSet<>();
        StagingRecord.leftovers(outputDir).forEach(e -> l.add(e.relativePath()));
        this.leftovers = Set.copyOf(l);
    }

    /**
     * Reads the scripts and the kickstart and checks everything; writes nothing.
     *
     * @param config         the build's image config (os_version, airgap, vcenter_template are read)
     * @param builderImage   the builder image reference, for its version
     * @param outputDir      the host output folder (it need not exist yet)
     * @param airgapArchive  the extracted air-gap archive (with {@code kickstart/}), or null
     */
    public static CustomizationPlan prepare(Customization customization, ImageConfig config, String builderImage,
                                            Path outputDir, Path airgapArchive) {
        CustomizationPlan plan = new CustomizationPlan(outputDir.toAbsolutePath().normalize());
        plan.checkScripts(customization, builderImage);
        plan.checkKickstart(customization, config, airgapArchive);
        RhsmWorkaround.Decision d = RhsmWorkaround.decide(customization.rhsm(), config,
                BuilderVersion.fromImageReference(builderImage));
        plan.findings.addAll(d.findings());
        plan.rhsm = d.workaround();
        d.workaround().ifPresent(w -> plan.describe.addAll(w.describe()));
        if (!plan.staged.isEmpty() && !plan.leftovers.isEmpty()) {
            plan.describe.add("before staging: remove " + plan.leftovers.size()
                    + " unchanged file(s) an earlier, unfinished run left (listed in " + StagingRecord.FILE_NAME + ")");
        }
        return plan;
    }

    // ---- custom scripts ----

    private void checkScripts(Customization c, String builderImage) {
        CustomScripts scripts = c.scripts();
        if (!scripts.requested()) {
            return;
        }
        Optional<BuilderVersion> version = BuilderVersion.fromImageReference(builderImage);
        if (version.isEmpty()) {
            findings.add(SettingFindings.warning(Setting.BUILDER_IMAGE, "cannot tell the builder version from '"
                    + builderImage + "'; custom scripts need " + SCRIPTS_FROM + " or later",
                    "use an image tagged with its version, e.g. " + Defaults.BUILDER_IMAGE));
        } else if (version.get().isBefore(SCRIPTS_FROM)) {
            findings.add(SettingFindings.error(Setting.BUILDER_IMAGE, "builder " + version.get() + " (" + builderImage
                            + ") does not run custom scripts; they need " + SCRIPTS_FROM + " or later",
                    "use a builder image of " + SCRIPTS_FROM + " or later (e.g. " + Defaults.BUILDER_IMAGE
                            + "), or leave the custom scripts out"));
        }
        for (ScriptPhase phase : ScriptPhase.values()) {
            checkPhase(phase, scripts.patterns(phase), c.baseDir());
        }
    }

    private void checkPhase(ScriptPhase phase, List<String> patterns, Path base) {
        if (patterns.isEmpty()) {
            return;
        }
        Setting setting = phase.setting();
        String what = "the " + phase.label() + " script";
        Map<Path, String> selected = new LinkedHashMap<>();
        for (String pattern : patterns) {
            List<Path> files;
            try {
                files = WorkspaceGlob.expand(base, pattern);
            } catch (IOException | RuntimeException e) {
                findings.add(SettingFindings.error(setting, what + " pattern '" + pattern + "' cannot be searched in "
                        + base + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")",
                        "check the pattern and the folder's permissions"));
                continue;
            }
            if (WorkspaceGlob.isGlob(pattern) && files.isEmpty()) {
                findings.add(SettingFindings.error(setting, what + " pattern '" + pattern + "' matches no file in "
                        + base, "check the pattern; it is relative to " + base));
                continue;
            }
            for (Path f : files) {
                if (!Files.exists(f)) {
                    findings.add(SettingFindings.error(setting, what + " '" + pattern + "': " + f
                            + " does not exist", "check the path; it is relative to " + base));
                    continue;
                }
                Path key = realPath(f);
                if (selected.containsKey(key)) {
                    findings.add(SettingFindings.info(setting, what + " pattern '" + pattern + "' selects " + f
                            + " again; it was already selected by '" + selected.get(key)
                            + "' and runs once, at that place"));
                    continue;
                }
                selected.put(key, pattern);
            }
        }
        int width = Math.max(2, Integer.toString(selected.size()).length());
        int n = 0;
        Set<String> names = new HashSet<>();
        for (Path f : selected.keySet()) {
            n++;
            BashScript.Inspection script = BashScript.inspect(f);
            findings.addAll(script.findings());
            String stagedName = String.format("%0" + width + "d", n) + "-" + f.getFileName();
            String relative = phase.relativeFolder() + "/" + stagedName;
            if (!names.add(stagedName)) {
                findings.add(SettingFindings.error(setting, "two " + phase.label() + " scripts would both be staged"
                        + " as " + relative, "give each script once"));
            }
            checkTarget(relative, "custom script " + f.getFileName(), "rename or move your "
                    + outputDir.resolve(relative) + ", or keep your own scripts under another name; they run too", null);
            if (script.ok()) {
                staged.add(new StagedFile(relative, script.content(), true, f.toString()));
            }
            describe.add("custom script (" + phase.label() + ") " + n + "/" + selected.size() + ": " + f + " -> "
                    + outputDir.resolve(relative) + " (mode 0755, removed after the run)");
        }
        List<String> own = ownFiles(phase.relativeFolder());
        if (!own.isEmpty()) {
            findings.add(SettingFindings.info(setting, outputDir.resolve(phase.relativeFolder())
                    + " already holds your own " + String.join(", ", own) + "; the builder runs them too, in name order"
                    + " with the staged ones"));
            describe.add("custom scripts (" + phase.label() + ") of your own, left as they are and run as well: "
                    + String.join(", ", own));
        }
    }

    /** Files in an output sub-folder that are not this tool's leftovers. */
    private List<String> ownFiles(String relativeFolder) {
        Path dir = outputDir.resolve(relativeFolder);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> !leftovers.contains(relativeFolder + "/" + p.getFileName()))
                    .map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static Path realPath(Path f) {
        try {
            return f.toRealPath();
        } catch (IOException e) {
            return f.toAbsolutePath().normalize();
        }
    }

    /** A staged file must not replace anything of the user's, nor need a folder where a file is. */
    private void checkTarget(String relative, String what, String hint, Setting hintRefersTo) {
        Path target = outputDir.resolve(relative);
        for (Path p = target.getParent(); p != null && p.startsWith(outputDir) && !p.equals(outputDir);
             p = p.getParent()) {
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                findings.add(Finding.error(SourceLocation.of(p.toString()), p + " is not a folder, so " + what
                        + " cannot be staged below it", "move or remove " + p));
                return;
            }
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !leftovers.contains(relative)) {
            Finding f = Finding.error(SourceLocation.of(target.toString()), "staging " + what + " would overwrite "
                    + target + ", which this tool did not put there", hint);
            findings.add(hintRefersTo == null ? f : f.about(hintRefersTo));
        }
    }

    // ---- static IP and kickstart ----

    private void checkKickstart(Customization c, ImageConfig config, Path airgapArchive) {
        StaticIp.Checked ip = c.staticIp().check();
        findings.addAll(ip.findings());
        boolean wantsIp = c.staticIp().requested();
        Path given = c.kickstartFile();
        if (!wantsIp && given == null) {
            return;
        }
        String os = config.osVersion();
        if (!config.vcenterTemplate().isBlank()) {
            Setting setting = wantsIp ? Setting.STATIC_IP : Setting.KICKSTART;
            findings.add(SettingFindings.error(setting, (wantsIp ? "a static IP" : "a kickstart") + " does not apply"
                            + " to a build from an existing VM (vcenter_template is set): no OS is installed, so no"
                            + " kickstart is read, and the clone keeps the base VM's network settings",
                    "give the base VM the address it should build with, and leave the "
                            + (wantsIp ? "static IP" : "kickstart") + " out"));
            return;
        }
        if (wantsIp && !Kickstart.supports(os)) {
            findings.add(Finding.error(ConfigKey.OS_VERSION, config.locationOf(ConfigKey.OS_VERSION), "a static IP is"
                    + " written into the kickstart of rockylinux-8/9 and rhel-8/9, not of '" + os + "'",
                    "set os_version to one of them, or leave the static IP out").about(Setting.STATIC_IP));
            return;
        }
        Path target = outputDir.resolve(KICKSTART_FILE);
        Path source = given;
        if (source == null && config.airgap() && airgapArchive != null) {
            source = Kickstart.inArchive(airgapArchive, os).orElse(null);
        }
        if (source == null) {
            findings.add(noKickstart(config, target));
            return;
        }
        SourceLocation at = SourceLocation.of(source.toString());
        if (!Files.isRegularFile(source)) {
            findings.add(given != null
                    ? SettingFindings.error(Setting.KICKSTART, "the kickstart " + source + " does not exist or is not"
                            + " a file", "check the kickstart's path")
                    : Finding.error(at, "the air-gap archive has no kickstart " + source, "check the archive: it"
                            + " should have kickstart/" + source.getFileName()));
            return;
        }
        if (isSameFile(source, target)) {
            if (wantsIp) {
                findings.add(Finding.error(at, "the kickstart to rewrite is " + target + " itself, where the rewritten"
                                + " one must go; your file would be replaced",
                        "move it out of the output folder (e.g. to " + target.getParent().getParent()
                                + "/ks.cfg.dhcp) and give that path as the kickstart").about(Setting.KICKSTART));
            } else {
                describe.add("kickstart: " + target + " is already in place; nothing is staged");
            }
            return;
        }
        checkTarget(KICKSTART_FILE, "the kickstart", "move your " + target + " out of the output folder and give its"
                + " new path as the kickstart" + (wantsIp ? "; it is then rewritten into place" : ""), Setting.KICKSTART);
        Kickstart kickstart;
        try {
            kickstart = Kickstart.read(source);
        } catch (IOException e) {
            findings.add(Finding.error(at, "the kickstart " + source + " cannot be read: " + e.getMessage(),
                    "give a readable kickstart file"));
            return;
        }
        if (kickstart.isBlank()) {
            findings.add(Finding.error(at, "the kickstart " + source + " is empty", wantsIp
                    ? "give the kickstart of " + os + ", e.g. " + Kickstart.upstreamUrl(os).orElse("the upstream one")
                    : "give a kickstart, or leave it out"));
            return;
        }
        if (!wantsIp) {
            staged.add(new StagedFile(KICKSTART_FILE, kickstart.bytes(), false, source.toString()));
            describe.add("kickstart: " + source + " -> " + target + " unchanged (removed after the run)");
            return;
        }
        StaticIp.Settings settings = ip.settings().orElse(null);
        Kickstart.Rewrite rewrite = kickstart.rewrite(os, settings != null ? settings : Kickstart.PROBE);
        if (rewrite instanceof Kickstart.Rewritten r) {
            if (settings != null) {
                staged.add(new StagedFile(KICKSTART_FILE, r.text().getBytes(StandardCharsets.UTF_8), false,
                        "rewritten from " + source));
                describe.add("kickstart: " + source + " -> " + target + " with a static address (removed after"
                        + " the run)");
                for (Kickstart.Line l : r.replaced()) {
                    describe.add("  replaces line " + l.number() + ": " + l.text());
                }
                describe.add("  with: " + r.line());
            }
        } else if (rewrite instanceof Kickstart.NoDhcpLine n) {
            findings.add(Finding.error(at, "the kickstart " + source + " has no DHCP network line to replace for " + os
                            + "; its network lines: " + (n.networkLines().isEmpty() ? "none" : listing(n.networkLines())),
                    "make its network line the builder's DHCP line (" + String.join(" / ", n.expected())
                            + "), or, if it already sets a static address, give it as the kickstart without a static IP")
                    .about(Setting.KICKSTART));
        } else if (rewrite instanceof Kickstart.DhcpLineTwice t) {
            findings.add(Finding.error(new SourceLocation(source.toString(), t.lines().get(1).number(), 0),
                    "the kickstart " + source + " has the DHCP network line more than once: " + listing(t.lines()),
                    "keep one of them"));
        } else {
            throw new IllegalStateException("os_version was checked above: " + rewrite);
        }
    }

    private Finding noKickstart(ImageConfig config, Path target) {
        String os = config.osVersion();
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !leftovers.contains(KICKSTART_FILE)) {
            return SettingFindings.error(Setting.KICKSTART, "a static IP needs a kickstart to rewrite; " + target
                    + " is there, but the rewritten one must take its place", "move it out of the output folder (e.g."
                    + " to " + target.getParent().getParent() + "/ks.cfg.dhcp) and give that path as the kickstart");
        }
        String local = Kickstart.inArchive(Path.of(""), os).map(p -> p.getFileName().toString()).orElseThrow();
        if (config.airgap()) {
            return SettingFindings.error(Setting.KICKSTART, "a static IP needs the kickstart of " + os
                    + "; air-gapped builds take it from the builder archive", "give the extracted archive's"
                    + " kickstart/" + local + " as the kickstart");
        }
        return SettingFindings.error(Setting.KICKSTART, "a static IP needs the kickstart of " + os
                + " to rewrite, and none was given", "download the image builder's own (curl --location --output "
                + local + " " + Kickstart.upstreamUrl(os).orElseThrow() + ") and give " + local + " as the kickstart");
    }

    private static boolean isSameFile(Path a, Path b) {
        try {
            return Files.exists(b, LinkOption.NOFOLLOW_LINKS) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    private static String listing(List<Kickstart.Line> lines) {
        List<Kickstart.Line> shown = lines.size() > Kickstart.MAX_LISTED ? lines.subList(0, Kickstart.MAX_LISTED) : lines;
        String s = String.join("; ", shown.stream().map(l -> "line " + l.number() + ": " + l.text()).toList());
        return lines.size() > shown.size() ? s + "; … and " + (lines.size() - shown.size()) + " more" : s;
    }

    // ---- results ----

    public List<Finding> findings() {
        return List.copyOf(findings);
    }

    public List<Finding> errors() {
        return findings.stream().filter(Finding::isError).toList();
    }

    public boolean hasErrors() {
        return findings.stream().anyMatch(Finding::isError);
    }

    /** What would be staged; empty when there are errors. */
    public List<StagedFile> stagedFiles() {
        return hasErrors() ? List.of() : List.copyOf(staged);
    }

    /** The workaround to run the build with (an exec sequence), when it applies. */
    public Optional<RhsmWorkaround> rhsmWorkaround() {
        return rhsm;
    }

    /** Readable lines for {@code plan}: each staged file and where it comes from, the kickstart edit, the execs. */
    public List<String> describe() {
        return List.copyOf(describe);
    }

    /**
     * Puts the files in place. Close the result when the run is over (also on failure or abort).
     *
     * @param info receives what was done about leftovers and any file that could not be removed
     * @throws IllegalStateException when the plan has errors
     * @throws IOException when a file cannot be written; what was written is removed again
     */
    public OutputStaging stage(Consumer<String> info) throws IOException {
        if (hasErrors()) {
            throw new IllegalStateException("the customisation has errors: " + errors());
        }
        return OutputStaging.stage(outputDir, staged, info);
    }
}
