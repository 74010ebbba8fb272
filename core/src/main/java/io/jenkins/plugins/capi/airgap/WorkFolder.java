package io.jenkins.plugins.capi.airgap;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The build's own folder for what is taken out of the bundle: {@code rpmrepo/} (which the Yum repository indexes and
 * serves, so it must be writable and must not be the user's), {@code kickstart/} and the {@code imageconfig}
 * template. Nothing is written anywhere else. A marker file says the folder is the tool's, so a later run may clear
 * it; a folder holding anything else is refused.
 */
final class WorkFolder {

    static final String MARKER = ".capi-airgap-work";
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwxr-xr-x");

    private final Path root;

    WorkFolder(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    Path root() {
        return root;
    }

    Path rpmRepo() {
        return root.resolve(ArchiveLayout.RPM_REPO);
    }

    Path kickstarts() {
        return root.resolve(ArchiveLayout.KICKSTART);
    }

    Path imageConfigTemplate() {
        return root.resolve(ArchiveLayout.IMAGE_CONFIG);
    }

    /** Why the folder cannot be used, or empty: it must be missing, empty, or the tool's from an earlier run. */
    Optional<String> problem() {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of("is not a folder");
        }
        if (Files.exists(root.resolve(MARKER))) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.findAny().map(p -> "already holds files this tool did not put there (" + p.getFileName() + ")");
        } catch (IOException e) {
            return Optional.of("cannot be read: " + e.getMessage());
        }
    }

    /** Makes the folder, empty but for the marker; an earlier run's content is removed first. */
    void create() {
        problem().ifPresent(p -> {
            throw new AirgapException("the air-gap work folder " + root + " " + p);
        });
        try {
            if (Files.exists(root)) {
                deleteContent();
            }
            Files.createDirectories(root);
            Files.writeString(root.resolve(MARKER), "capi-image-build: files taken from the air-gap bundle for one "
                    + "build; deleted when it ends\n");
            Files.createDirectories(rpmRepo());
            Files.setPosixFilePermissions(rpmRepo(), DIRECTORY);
        } catch (IOException e) {
            throw new AirgapException("cannot prepare the air-gap work folder " + root + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes one archive entry of {@code rpmrepo/}, {@code kickstart/} or {@code output/imageconfig}. Folders and
     * regular files only; the entry's permission bits are kept as {@code tar -x} keeps them.
     *
     * @return false when the entry is neither (a link or device), which is skipped
     */
    boolean write(ArchiveLayout.Entry entry, boolean directory, boolean regular, int mode, InputStream content)
            throws IOException {
        Path target = target(entry);
        if (directory) {
            Files.createDirectories(target);
            Files.setPosixFilePermissions(target, withOwnerAccess(mode, true));
            return true;
        }
        if (!regular) {
            return false;
        }
        Files.createDirectories(target.getParent());
        Files.copy(content, target, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(target, withOwnerAccess(mode, false));
        return true;
    }

    /** Copies one file of an extracted folder, keeping its permissions (a copy, so the user's file is never touched). */
    void copy(ArchiveLayout.Entry entry, Path file) throws IOException {
        Path target = target(entry);
        Files.createDirectories(target.getParent());
        Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES,
                LinkOption.NOFOLLOW_LINKS);
    }

    private Path target(ArchiveLayout.Entry entry) {
        Path target = switch (entry.part()) {
            case RPM_REPO -> entry.path().isEmpty() ? rpmRepo() : rpmRepo().resolve(entry.path());
            case KICKSTART -> entry.path().isEmpty() ? kickstarts() : kickstarts().resolve(entry.path());
            case IMAGE_CONFIG -> imageConfigTemplate();
            default -> throw new IllegalArgumentException("not extracted: " + entry);
        };
        Path normal = target.normalize();
        if (!normal.startsWith(root)) {
            throw new AirgapException("archive entry " + entry.path() + " would be written outside " + root);
        }
        return normal;
    }

    private static Set<PosixFilePermission> withOwnerAccess(int mode, boolean directory) {
        Set<PosixFilePermission> p = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_READ};
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << i)) != 0) {
                p.add(bits[i]);
            }
        }
        p.add(PosixFilePermission.OWNER_READ);
        p.add(PosixFilePermission.OWNER_WRITE);
        if (directory) {
            p.add(PosixFilePermission.OWNER_EXECUTE);
        }
        return p;
    }

    /** Removes the folder and everything in it. */
    void delete() {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            deleteContent();
            Files.deleteIfExists(root);
        } catch (DirectoryNotEmptyException e) {
            throw new AirgapException("could not empty the air-gap work folder " + root + "; delete it by hand", e);
        } catch (IOException e) {
            throw new AirgapException("could not delete the air-gap work folder " + root + ": " + e.getMessage(), e);
        }
    }

    private void deleteContent() throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (!dir.equals(root)) {
                    Files.delete(dir);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
