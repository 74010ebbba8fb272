package io.jenkins.plugins.capi.airgap;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * One sequential read of the vendor's {@code .tgz}: gzip (the JDK's zlib inflater, about three times faster here
 * than GNU gzip) under commons-compress's tar reader, with the compressed position counted for progress.
 */
final class ArchiveStream implements Closeable {

    private static final int BUFFER = 1 << 16;

    private final Path file;
    private final long size;
    private final CountingStream counted;
    private final TarArchiveInputStream tar;

    ArchiveStream(Path file) throws IOException {
        this.file = file;
        this.size = java.nio.file.Files.size(file);
        InputStream raw = java.nio.file.Files.newInputStream(file);
        this.counted = new CountingStream(new BufferedInputStream(raw, BUFFER));
        try {
            this.tar = new TarArchiveInputStream(new GZIPInputStream(counted, BUFFER));
        } catch (ZipException e) {
            raw.close();
            throw new IOException(file + " is not a gzip-compressed tar (.tgz): " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /** The next entry, or null at the end. */
    TarArchiveEntry next() throws IOException {
        try {
            return tar.getNextEntry();
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " has a damaged tar header: " + e.getMessage(), e);
        }
    }

    /** The current entry's content; closing it does not close the archive. */
    InputStream content() {
        return tar;
    }

    /** Reads the rest of the current entry in chunks, stopping at once when the thread is interrupted. */
    void skipContent() throws IOException, InterruptedException {
        byte[] buf = new byte[BUFFER];
        while (tar.read(buf) >= 0) {
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while reading " + file);
            }
        }
    }

    long position() {
        return counted.count();
    }

    long size() {
        return size;
    }

    @Override
    public void close() throws IOException {
        tar.close();
    }
}
