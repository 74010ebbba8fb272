package io.jenkins.plugins.capi.logs;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows a KIB/packer log and says which {@link Phase} the build is in. Knows both wordings of the packer vSphere
 * plugin (legacy up to 1.2.4, e.g. the bundled 1.1.1; newer from 1.2.5), the build names Packer prints for JSON
 * templates ({@code vsphere-iso.vsphere}, {@code vsphere-clone}) and Ansible's {@code TASK [role : task]} lines.
 * Phases only move forward (a line mentioning an earlier step, e.g. in cleanup, does not move it back), except that
 * a build end line, or Packer refusing the settings ({@code Error: Failed to prepare build}), always wins. Holds
 * state; not thread-safe (the log pipeline serialises calls).
 */
public final class PhaseDetector {

    /** Optional RFC3339 prefix of {@code -timestamp-ui}. */
    private static final Pattern TIMESTAMP = Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?(?:Z|[+-]\\d\\d:\\d\\d):? ");
    private static final Pattern BUILD_END = Pattern.compile("^Build '[^']+' (finished|errored) after");
    /** Packer checks every setting first; this line ends a run in which no build started. */
    private static final String PREPARE_FAILED = "Error: Failed to prepare build";
    private static final String POST_PROCESSOR = "Running post-processor: ";

    /** A step line's message starting with {@code prefix} means the build is in {@code phase}. */
    private record Marker(Phase phase, String prefix) {}

    // Literal prefixes (both wordings of the vSphere plugin, see docs/container.md) instead of regexes: every log
    // line passes here.
    private static final List<Marker> STEP_MARKERS = markers(
            Phase.ISO_UPLOAD, "Retrieving ISO", "Trying ", "Uploading ", "File ", "Skipping upload",
            Phase.CREATE_VM, "Creating VM...", "Creating virtual machine...", "Cloning VM...", "Cloning virtual machine...",
            "Customizing hardware", "Applying hardware configuration",
            Phase.BOOT, "Starting HTTP server", "Set boot order temporary", "Setting temporary boot order", "Power on VM",
            "Powering on virtual machine", "Waiting 10s for boot", "Typing boot command", "HTTP server is working",
            "Serving HTTP requests",
            Phase.OS_INSTALL, "Waiting for IP",
            Phase.SSH, "IP address: ", "Using SSH communicator", "Waiting for SSH",
            Phase.PROVISIONING, "Provisioning with Ansible", "Provisioning with shell script", "Provisioning with Windows",
            "Executing Ansible",
            Phase.VALIDATION, "Provisioning with Goss", "Running goss tests",
            Phase.SHUTDOWN, "Executing shutdown command", "Running shutdown command", "Eject CD-ROM", "Ejecting CD-ROM",
            "Deleting Floppy", "Deleting floppy",
            Phase.TEMPLATE, "Convert VM into template", "Converting virtual machine to template", "Creating snapshot",
            Phase.EXPORT, "Starting export", "Exporting to Open Virtualization Format", "Exporting file:", "Writing ovf");
    private static final Map<Character, List<Marker>> STEP_BY_FIRST_CHAR = STEP_MARKERS.stream()
            .collect(java.util.stream.Collectors.groupingBy(m -> m.prefix().charAt(0)));
    private static final List<Marker> MESSAGE_MARKERS = markers(
            Phase.EXPORT, "Starting export", "Exporting file:", "Writing ovf");
    private static final List<Marker> MAKE_MARKERS = markers(
            Phase.DEPENDENCIES, "hack/ensure-", "packer init", "packer build ", "make deps");

    private static List<Marker> markers(Object... phasesAndPrefixes) {
        List<Marker> out = new java.util.ArrayList<>();
        Phase current = null;
        for (Object o : phasesAndPrefixes) {
            if (o instanceof Phase p) {
                current = p;
            } else {
                out.add(new Marker(current, (String) o));
            }
        }
        return List.copyOf(out);
    }

    /** The phase a line marks, or null: {@code ==> build: step}, {@code     build: message}, or make's own lines. */
    private static Phase markedPhase(String line) {
        if (line.startsWith("==> ") || line.startsWith("    ")) {
            int colon = line.indexOf(": ", 4);
            if (colon < 0) {
                return null;
            }
            boolean step = line.charAt(0) == '=';
            if (step && line.regionMatches(colon - 13, "(shell-local)", 0, 13)) {
                return Phase.OVA;
            }
            int msg = colon + 2;
            if (msg >= line.length()) {
                return null;
            }
            if (step && line.startsWith(POST_PROCESSOR, msg)) {
                return postProcessorPhase(line);
            }
            Phase found = null;
            List<Marker> candidates = step ? STEP_BY_FIRST_CHAR.getOrDefault(line.charAt(msg), List.of()) : MESSAGE_MARKERS;
            for (Marker m : candidates) {
                if (line.startsWith(m.prefix(), msg)) {
                    found = m.phase();
                }
            }
            return found;
        }
        for (Marker m : MAKE_MARKERS) {
            if (line.startsWith(m.prefix())) {
                return m.phase();
            }
        }
        return null;
    }

    /**
     * KIB's post-processors run in order: the manifest, then the OVA step (shell-local). Other types (a custom hook
     * is shell-local too, and comes after the OVA) leave the phase where it is.
     */
    private static Phase postProcessorPhase(String line) {
        if (line.endsWith("(type manifest)")) {
            return Phase.MANIFEST;
        }
        return line.endsWith("(type shell-local)") ? Phase.OVA : null;
    }

    private final Instant started;
    private final LinkedHashMap<Phase, Instant> order = new LinkedHashMap<>();
    private Phase phase = Phase.STARTING;
    private String role;
    private String lastTask;
    private int tasksSeen;
    private Instant lastLineAt;
    private Instant lastHeartbeatAt;
    private Instant finishedAt;

    public PhaseDetector(Instant started) {
        this.started = started;
        this.lastLineAt = started;
        enter(Phase.STARTING, started);
    }

    /** Reads one (ANSI-free, masked) line; returns an event when the phase or the Ansible role changed. */
    public Optional<ProgressEvent> accept(String rawLine, Instant now) {
        lastLineAt = now;
        String line = rawLine;
        if (!line.isEmpty() && line.charAt(0) >= '0' && line.charAt(0) <= '9') {
            line = TIMESTAMP.matcher(line).replaceFirst("");
        }
        if (line.startsWith("Build '")) {
            Matcher end = BUILD_END.matcher(line);
            if (end.lookingAt()) {
                finishedAt = now;
                return moveTo(end.group(1).equals("finished") ? Phase.FINISHED : Phase.FAILED, now);
            }
        }
        if (line.startsWith(PREPARE_FAILED)) {
            finishedAt = now;
            return moveTo(Phase.FAILED, now);
        }
        if (phase == Phase.FINISHED || phase == Phase.FAILED) {
            return Optional.empty();
        }
        int taskAt = line.indexOf("TASK [");
        if (taskAt >= 0) {
            // TASK [role : task] or TASK [task]; parsed by hand, this runs for every Ansible task line
            int close = line.indexOf(']', taskAt + 6);
            if (close > taskAt + 6) {
                String inside = line.substring(taskAt + 6, close);
                int sep = inside.indexOf(" : ");
                return onTask(sep < 0 ? null : inside.substring(0, sep).trim(),
                        (sep < 0 ? inside : inside.substring(sep + 3)).trim(), now);
            }
        }
        Phase candidate = markedPhase(line);
        if (candidate != null && candidate.ordinal() > phase.ordinal()) {
            return moveTo(candidate, now);
        }
        return Optional.empty();
    }

    private Optional<ProgressEvent> onTask(String newRole, String taskName, Instant now) {
        tasksSeen++;
        lastTask = taskName;
        Optional<ProgressEvent> moved = phase.ordinal() < Phase.PROVISIONING.ordinal()
                ? moveTo(Phase.PROVISIONING, now) : Optional.empty();
        if (newRole != null && !newRole.equals(role)) {
            role = newRole;
            return Optional.of(event(now, false, Duration.ZERO));
        }
        return moved;
    }

    /** A heartbeat when nothing was logged for {@code interval} (and none was sent in the last interval). */
    public Optional<ProgressEvent> heartbeat(Instant now, Duration interval) {
        if (phase == Phase.FINISHED || phase == Phase.FAILED) {
            return Optional.empty();
        }
        Duration silent = Duration.between(lastLineAt, now);
        if (silent.compareTo(interval) < 0) {
            return Optional.empty();
        }
        if (lastHeartbeatAt != null && Duration.between(lastHeartbeatAt, now).compareTo(interval) < 0) {
            return Optional.empty();
        }
        lastHeartbeatAt = now;
        return Optional.of(event(now, true, silent));
    }

    public Phase phase() {
        return phase;
    }

    public String role() {
        return role;
    }

    public String lastTask() {
        return lastTask;
    }

    public int tasksSeen() {
        return tasksSeen;
    }

    /** Time spent in each phase entered, in the order entered; the current phase runs until {@code now}. */
    public Map<Phase, Duration> phaseTimings(Instant now) {
        Map<Phase, Duration> out = new LinkedHashMap<>();
        Phase previous = null;
        for (Map.Entry<Phase, Instant> e : order.entrySet()) {
            if (previous != null) {
                out.put(previous, Duration.between(order.get(previous), e.getValue()));
            }
            previous = e.getKey();
        }
        if (previous != null) {
            Instant until = finishedAt != null && (phase == Phase.FINISHED || phase == Phase.FAILED) ? finishedAt : now;
            out.put(previous, Duration.between(order.get(previous), until).isNegative()
                    ? Duration.ZERO : Duration.between(order.get(previous), until));
        }
        return out;
    }

    private Optional<ProgressEvent> moveTo(Phase to, Instant now) {
        if (to == phase) {
            return Optional.empty();
        }
        enter(to, now);
        return Optional.of(event(now, false, Duration.ZERO));
    }

    private void enter(Phase to, Instant now) {
        phase = to;
        order.putIfAbsent(to, now);
    }

    private ProgressEvent event(Instant now, boolean heartbeat, Duration silentFor) {
        Duration elapsed = Duration.between(started, now);
        String message;
        if (heartbeat) {
            Duration inPhase = Duration.between(order.get(phase), now);
            message = "still " + phase.description() + " for " + human(inPhase) + " (no log output for "
                    + human(silentFor) + ")";
        } else if (phase == Phase.PROVISIONING && role != null) {
            message = phase.description() + ": " + role + " (task " + tasksSeen + ")";
        } else {
            message = phase.description();
        }
        return new ProgressEvent(phase, elapsed, role, tasksSeen, message, heartbeat, silentFor);
    }

    /** "45 s", "12 min", "1 h 5 min". */
    public static String human(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min";
        }
        return (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }
}
