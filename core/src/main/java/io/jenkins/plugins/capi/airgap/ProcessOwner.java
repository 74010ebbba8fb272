package io.jenkins.plugins.capi.airgap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The process that started a container, written into a label as {@code host/pid/start-millis}, so that a later run
 * on the same host can tell a Yum repository whose build died (killed JVM, lost agent) from one still in use: the
 * leftover reaper spares running containers, and a Yum repository outliving its build would hold the port forever.
 * The start time guards against a reused pid.
 */
record ProcessOwner(String host, long pid, long startMillis) {

    static ProcessOwner current() {
        ProcessHandle self = ProcessHandle.current();
        return new ProcessOwner(hostName(), self.pid(), startOf(self).orElse(0L));
    }

    String label() {
        return host + "/" + pid + "/" + startMillis;
    }

    static Optional<ProcessOwner> parse(String label) {
        if (label == null) {
            return Optional.empty();
        }
        String[] p = label.split("/");
        if (p.length != 3) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ProcessOwner(p[0], Long.parseLong(p[1]), Long.parseLong(p[2])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** True only when this owner was on this host and its process no longer runs; unknown owners are not gone. */
    boolean isGone() {
        if (!host.equals(hostName())) {
            return false;
        }
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isEmpty() || !h.get().isAlive()) {
            return true;
        }
        return startOf(h.get()).map(s -> s != startMillis).orElse(false);
    }

    private static Optional<Long> startOf(ProcessHandle h) {
        return h.info().startInstant().map(Instant::toEpochMilli);
    }

    /** The kernel's host name (of this UTS namespace); no DNS lookup, which can hang on an air-gapped site. */
    private static String hostName() {
        for (String file : new String[] {"/proc/sys/kernel/hostname", "/etc/hostname"}) {
            try {
                String name = Files.readString(Path.of(file)).strip();
                if (!name.isEmpty()) {
                    return name;
                }
            } catch (IOException e) {
                // try the next source
            }
        }
        return "unknown-host";
    }
}
