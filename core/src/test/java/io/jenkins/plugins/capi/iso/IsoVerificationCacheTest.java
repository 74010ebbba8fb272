package io.jenkins.plugins.capi.iso;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IsoVerificationCacheTest {

    @TempDir
    Path dir;

    @TempDir
    Path cacheDir;

    private Path iso;
    private String digest;

    @BeforeEach
    void iso() throws Exception {
        iso = dir.resolve("Rocky-9.5-x86_64-dvd.iso");
        Files.write(iso, "iso content ".repeat(500).getBytes(StandardCharsets.UTF_8));
        digest = Sha256.of(iso);
    }

    @Test
    void cacheSurvivesANewInstanceAndIgnoresACorruptFile() throws Exception {
        Path cacheFile = cacheDir.resolve("sub/iso-sha256.json");
        assertThat(IsoVerificationCache.at(cacheFile).sha256(iso, b -> {})).isEqualTo(digest);
        assertThat(IsoVerificationCache.at(cacheFile).lookup(iso)).contains(digest);

        Files.writeString(cacheFile, "{ this is not json");
        IsoVerificationCache fresh = IsoVerificationCache.at(cacheFile);
        assertThat(fresh.lookup(iso)).isEmpty();
        AtomicLong hashed = new AtomicLong();
        assertThat(fresh.sha256(iso, hashed::addAndGet)).isEqualTo(digest);
        assertThat(hashed.get()).isEqualTo(Files.size(iso));
        // rewritten as valid JSON
        assertThat(IsoVerificationCache.at(cacheFile).lookup(iso)).contains(digest);
        assertThat(Files.readString(cacheFile)).contains("\"sha256\"").contains(digest);
    }

    @Test
    void unwritableCacheLocationIsNotFatal() throws Exception {
        Path blocker = cacheDir.resolve("file");
        Files.writeString(blocker, "x");
        IsoVerificationCache cache = IsoVerificationCache.at(blocker.resolve("iso-sha256.json"));
        assertThat(cache.sha256(iso, b -> {})).isEqualTo(digest);
        assertThat(cache.lookup(iso)).isEmpty();
    }

    @Test
    void defaultLocationFollowsXdg() {
        Path p = IsoVerificationCache.defaultLocation();
        assertThat(p).endsWithRaw(Path.of("capi-image-builder", "iso-sha256.json"));
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            assertThat(p).startsWithRaw(Path.of(xdg));
        } else {
            assertThat(p).startsWithRaw(Path.of(System.getProperty("user.home"), ".cache"));
        }
    }

    @Test
    void entriesAreKeyedByPathNotByContentOrSize() throws Exception {
        IsoVerificationCache cache = IsoVerificationCache.at(cacheDir.resolve("c.json"));
        Path twin = dir.resolve("twin.iso");
        byte[] other = Files.readAllBytes(iso);
        other[0] ^= 1;
        Files.write(twin, other);
        Files.setLastModifiedTime(twin, Files.getLastModifiedTime(iso));
        assertThat(cache.sha256(iso, b -> {})).isEqualTo(digest);
        assertThat(cache.lookup(twin)).isEmpty();
        assertThat(cache.sha256(twin, b -> {})).isEqualTo(Sha256.of(other)).isNotEqualTo(digest);
        assertThat(cache.lookup(iso)).contains(digest);
    }
}
