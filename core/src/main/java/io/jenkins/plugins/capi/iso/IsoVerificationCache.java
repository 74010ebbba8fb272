package io.jenkins.plugins.capi.iso;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.capi.Json;
import io.jenkins.plugins.capi.fs.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * Remembers the SHA-256 of ISOs already hashed, so an unchanged multi-GB ISO is hashed once. An entry is keyed by
 * the file's real path, size and modification time (nanosecond precision where the file system has it); touching
 * or replacing the file invalidates it. The cache is a small JSON file; a missing, unreadable or corrupt cache
 * file is treated as empty and rewritten, never an error, because the cache only ever saves time.
 */
public final class IsoVerificationCache {

    /** Entries kept; the oldest verifications are dropped first. */
    static final int MAX_ENTRIES = 64;

    private static final ObjectMapper JSON = Json.mapper();

    private final Path file;

    private IsoVerificationCache(Path file) {
        this.file = file;
    }

    /** A cache persisted in {@code file} (created on first use). */
    public static IsoVerificationCache at(Path file) {
        return new IsoVerificationCache(file.toAbsolutePath());
    }

    /** A cache at {@link #defaultLocation()}. */
    public static IsoVerificationCache atDefaultLocation() {
        return at(defaultLocation());
    }

    /** {@code ${XDG_CACHE_HOME:-~/.cache}/capi-image-builder/iso-sha256.json}. */
    public static Path defaultLocation() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
                ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("capi-image-builder").resolve("iso-sha256.json");
    }

    public Path file() {
        return file;
    }

    /**
     * The SHA-256 of {@code iso}: from the cache when the file's path, size and modification time are unchanged
     * since it was hashed, otherwise hashed now (reporting bytes done to {@code progress}) and remembered.
     */
    public synchronized String sha256(Path iso, LongConsumer progress) throws IOException {
        Key before = Key.of(iso);
        Optional<String> cached = lookup(before);
        if (cached.isPresent()) {
            return cached.get();
        }
        String digest = Sha256.of(iso, progress);
        // Only remember a digest of a file that did not change while it was read.
        if (before.equals(Key.of(iso))) {
            remember(before, digest);
        }
        return digest;
    }

    /** The remembered digest of {@code iso} if the file is unchanged since it was hashed. */
    public synchronized Optional<String> lookup(Path iso) throws IOException {
        return lookup(Key.of(iso));
    }

    private Optional<String> lookup(Key key) {
        return load().stream().filter(key::matches).map(Entry::sha256).findFirst();
    }

    private void remember(Key key, String digest) {
        List<Entry> entries = new ArrayList<>(load());
        entries.removeIf(e -> e.path().equals(key.path()));
        entries.add(new Entry(key.path(), key.size(), key.mtimeNanos(), digest, Instant.now().toString()));
        entries.sort(Comparator.comparing(Entry::verifiedAt).reversed());
        List<Entry> kept = entries.subList(0, Math.min(entries.size(), MAX_ENTRIES));
        try {
            AtomicFile.write(file, JSON.writeValueAsBytes(new Document(1, kept)));
        } catch (IOException e) {
            // A read-only home or a full disk costs a re-hash next time, nothing more.
        }
    }

    private List<Entry> load() {
        try {
            Document doc = JSON.readValue(file.toFile(), Document.class);
            if (doc == null || doc.entries() == null) {
                return List.of();
            }
            return doc.entries().stream().filter(e -> e != null && e.isComplete()).toList();
        } catch (IOException e) {
            // missing, unreadable or not our JSON: start afresh; the next write replaces it
            return List.of();
        }
    }

    private record Key(String path, long size, long mtimeNanos) {
        static Key of(Path iso) throws IOException {
            Path real = iso.toRealPath();
            BasicFileAttributes attrs = Files.readAttributes(real, BasicFileAttributes.class);
            return new Key(real.toString(), attrs.size(), attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS));
        }

        boolean matches(Entry e) {
            return path.equals(e.path()) && size == e.size() && mtimeNanos == e.mtimeNanos();
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Document(int version, List<Entry> entries) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Entry(String path, long size, long mtimeNanos, String sha256, String verifiedAt) {
        boolean isComplete() {
            return path != null && Sha256.isHexDigest(sha256) && verifiedAt != null;
        }
    }
}
