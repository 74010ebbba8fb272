package io.jenkins.plugins.capi.airgap;

import io.jenkins.plugins.capi.logs.LineSplitter;
import io.jenkins.plugins.capi.logs.LogTail;
import io.jenkins.plugins.capi.logs.SecretMasker;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The vendor's Kubernetes air-gap pack, {@code airgap-pack-kubernetes-<version>.bin}: a self-extracting program
 * that uploads the Kubernetes images of that version to the support VM's registry. The guide runs it by hand
 * ({@code chmod +x} and {@code ./airgap-pack-…bin}) before the build; here it runs as a child process with its
 * output streamed line by line, masked, and its exit code checked. It runs in a folder of the build, so whatever it
 * unpacks into its working directory stays out of the user's folders.
 */
public final class KubernetesPack {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(1);
    static final String SOURCE = "kubernetes-pack";
    private static final Pattern NAME = Pattern.compile("airgap-pack-kubernetes-(\\d+\\.\\d+\\.\\d+)\\.bin");
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private KubernetesPack() {}

    /** The Kubernetes version in the pack's file name, e.g. {@code 1.30.4}. */
    public static Optional<String> versionOf(Path pack) {
        Matcher m = NAME.matcher(pack.getFileName().toString());
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The vendor's file name for a Kubernetes version. */
    public static String fileNameFor(String k8sVersion) {
        return "airgap-pack-kubernetes-" + k8sVersion + ".bin";
    }

    /**
     * The command that runs the pack without changing the user's file: the file itself when it is executable,
     * else the interpreter its {@code #!} line names.
     */
    static Optional<List<String>> command(Path pack) {
        if (Files.isExecutable(pack)) {
            return Optional.of(List.of(pack.toString()));
        }
        try (InputStream in = Files.newInputStream(pack)) {
            byte[] head = in.readNBytes(256);
            String first = new String(head, StandardCharsets.ISO_8859_1).split("\n", 2)[0];
            if (!first.startsWith("#!") || first.length() < 3) {
                return Optional.empty();
            }
            List<String> cmd = new ArrayList<>(List.of(first.substring(2).strip().split("\\s+", 2)));
            cmd.add(pack.toString());
            return Optional.of(cmd);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Runs the pack in {@code workDir} until it exits.
     *
     * @throws AirgapException when it cannot start, exits non-zero, or runs longer than {@code timeout} (then it is
     *         stopped), with its last output lines
     * @throws InterruptedException when interrupted; the pack and its children have then been stopped
     */
    public static void run(Path pack, Path workDir, Duration timeout, SecretMasker masker, AirgapEvents events)
            throws InterruptedException {
        List<String> cmd = command(pack).orElseThrow(() -> new AirgapException("cannot run " + pack
                + ": it is not executable and has no #! line; run chmod +x " + pack));
        Process p;
        try {
            Files.createDirectories(workDir);
            p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            throw new AirgapException("cannot run " + pack + ": " + e.getMessage(), e);
        }
        events.info("Running the Kubernetes air-gap pack " + pack.getFileName() + " (pid " + p.pid() + ")");
        LogTail tail = new LogTail(20);
        LineSplitter lines = new LineSplitter(16 * 1024, l -> {
            String masked = masker.mask(l.text());
            tail.add(masked);
            events.logLine(SOURCE, masked);
        });
        Thread reader = new Thread(() -> copy(p.getInputStream(), lines), "capi-kubernetes-pack-output");
        reader.setDaemon(true);
        reader.start();
        boolean exited;
        try {
            exited = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            events.info("Aborted: stopping the Kubernetes air-gap pack (pid " + p.pid() + ")");
            stop(p);
            throw e;
        }
        if (!exited) {
            stop(p);
            throw new AirgapException("the Kubernetes air-gap pack " + pack.getFileName() + " did not finish within "
                    + timeout + "; stopped it" + last(tail));
        }
        reader.join(TimeUnit.SECONDS.toMillis(5));
        if (p.exitValue() != 0) {
            throw new AirgapException("the Kubernetes air-gap pack " + pack.getFileName() + " exited with code "
                    + p.exitValue() + last(tail));
        }
        events.info("The Kubernetes air-gap pack " + pack.getFileName() + " finished");
    }

    private static void copy(InputStream in, LineSplitter lines) {
        byte[] buf = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                lines.accept(buf, 0, n);
            }
        } catch (IOException e) {
            // the process was stopped
        }
        lines.flush();
    }

    /** SIGTERM to the pack and everything it started, SIGKILL to what is left after the grace period. */
    private static void stop(Process p) {
        List<ProcessHandle> all = new ArrayList<>(p.descendants().toList());
        all.add(p.toHandle());
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        boolean interrupted = Thread.interrupted();
        for (ProcessHandle h : all) {
            while (h.isAlive() && System.nanoTime() < deadline) {
                try {
                    h.onExit().get(100, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    // a second abort must not leave the pack running: finish stopping it first
                    interrupted = true;
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    // still running: wait until the deadline
                }
            }
        }
        all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static String last(LogTail tail) {
        List<String> t = tail.lines();
        return t.isEmpty() ? "; it printed nothing" : "; its last lines: " + String.join(" | ", t);
    }
}
