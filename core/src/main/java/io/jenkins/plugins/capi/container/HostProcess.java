package io.jenkins.plugins.capi.container;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * This tool's process on the host: the uid and gid the files it creates belong to, and how a later run names it
 * (pid and host name, in the labels of the containers it starts and in the output folder's lock).
 */
record HostProcess(int uid, int gid, String userName, long pid, String host) {

    private static volatile HostProcess current;

    static HostProcess current() {
        HostProcess p = current;
        if (p == null) {
            p = probe();
            current = p;
        }
        return p;
    }

    boolean isRoot() {
        return uid == 0;
    }

    /** {@code <pid>@<host>}: the owner label of a container. */
    String owner() {
        return pid + "@" + host;
    }

    /** The owner of a file it just made in the temporary folder is who this process creates files as. */
    private static HostProcess probe() {
        int uid = -1;
        int gid = -1;
        try {
            Path probe = Files.createTempFile("capi-uid-probe", "");
            try {
                uid = (Integer) Files.getAttribute(probe, "unix:uid", LinkOption.NOFOLLOW_LINKS);
                gid = (Integer) Files.getAttribute(probe, "unix:gid", LinkOption.NOFOLLOW_LINKS);
            } finally {
                Files.deleteIfExists(probe);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // not a POSIX file system: ownership cannot be handed back, and is never needed there
        }
        return new HostProcess(uid, gid, System.getProperty("user.name", "?"), ProcessHandle.current().pid(), hostName());
    }

    private static String hostName() {
        try {
            String name = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException e) {
            // not Linux
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
