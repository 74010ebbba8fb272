package io.jenkins.plugins.capi.publish;

import io.jenkins.plugins.capi.vsphere.OvfDescriptor;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An OVA read in place: a tar file whose entries (the OVF descriptor first, then the manifest and the disks) are
 * found by reading their 512-byte headers only, and then read straight out of the file. Nothing is extracted,
 * and memory stays at a buffer whatever the size of the disks. Understands ustar, GNU long names and pax
 * {@code path}/{@code size} records.
 */
public final class OvaArchive {

    /** The largest OVF descriptor read into memory; real ones are tens of kilobytes. */
    static final int MAX_DESCRIPTOR_BYTES = 16 * 1024 * 1024;
    private static final int BLOCK = 512;

    /** One file in the tar: where its bytes start and how many there are. */
    public record Entry(String name, long offset, long size) {}

    private final Path file;
    private final Map<String, Entry> entries;

    private OvaArchive(Path file, Map<String, Entry> entries) {
        this.file = file;
        this.entries = entries;
    }

    /** @throws IOException naming the file when it is not a tar archive with an OVF descriptor */
    public static OvaArchive open(Path file) throws IOException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            long pos = 0;
            String longName = null;
            Long paxSize = null;
            ByteBuffer header = ByteBuffer.allocate(BLOCK);
            while (pos + BLOCK <= size) {
                header.clear();
                readFully(ch, header, pos, file);
                byte[] h = header.array();
                if (allZero(h)) {
                    break;
                }
                if (!checksumOk(h)) {
                    throw new IOException(file + ": not a tar archive (bad header checksum at byte " + pos
                            + "); an OVA is a tar file of the OVF descriptor and its disks");
                }
                long entrySize = octal(h, 124, 12, file, pos);
                char type = (char) h[156];
                long data = pos + BLOCK;
                if (data + entrySize > size) {
                    throw new IOException(file + ": truncated: entry at byte " + pos + " needs " + entrySize
                            + " bytes, the file ends before");
                }
                switch (type) {
                    case 'L' -> longName = readString(ch, data, entrySize, file);
                    case 'x' -> {
                        Map<String, String> pax = pax(readString(ch, data, entrySize, file));
                        if (pax.containsKey("path")) {
                            longName = pax.get("path");
                        }
                        if (pax.containsKey("size")) {
                            paxSize = Long.parseLong(pax.get("size").strip());
                        }
                    }
                    case 'g', '5' -> { /* global attributes and directories carry no file */ }
                    default -> {
                        if (type == '0' || type == 0 || type == '7') {
                            long realSize = paxSize != null ? paxSize : entrySize;
                            String name = normal(longName != null ? longName : headerName(h));
                            entries.putIfAbsent(name, new Entry(name, data, realSize));
                            entrySize = realSize;
                        }
                        longName = null;
                        paxSize = null;
                    }
                }
                pos = data + (entrySize + BLOCK - 1) / BLOCK * BLOCK;
            }
        }
        if (entries.isEmpty()) {
            throw new IOException(file + ": not an OVA: the tar archive holds no file");
        }
        OvaArchive archive = new OvaArchive(file, entries);
        if (archive.descriptorEntry().isEmpty()) {
            throw new IOException(file + ": not an OVA: no .ovf descriptor among " + String.join(", ", entries.keySet()));
        }
        return archive;
    }

    public Path file() {
        return file;
    }

    public List<Entry> entries() {
        return new ArrayList<>(entries.values());
    }

    public Optional<Entry> entry(String name) {
        return Optional.ofNullable(entries.get(normal(name)));
    }

    /** The OVF descriptor: the first {@code .ovf} entry (the OVF standard puts it first). */
    public Optional<Entry> descriptorEntry() {
        return entries.values().stream().filter(e -> e.name().toLowerCase(java.util.Locale.ROOT).endsWith(".ovf"))
                .findFirst();
    }

    public OvfDescriptor descriptor() throws IOException {
        Entry e = descriptorEntry().orElseThrow();
        if (e.size() > MAX_DESCRIPTOR_BYTES) {
            throw new IOException(file + ": the OVF descriptor " + e.name() + " is " + e.size()
                    + " bytes, more than a descriptor can be (" + MAX_DESCRIPTOR_BYTES + ")");
        }
        try (InputStream in = open(e)) {
            return OvfDescriptor.parse(in.readAllBytes(), file + "!" + e.name());
        }
    }

    /** The bytes of one entry, read from the file as they are consumed. */
    public InputStream open(Entry e) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        return new InputStream() {
            private long pos = e.offset();
            private final long end = e.offset() + e.size();

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (pos >= end) {
                    return -1;
                }
                int n = ch.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - pos)), pos);
                if (n < 0) {
                    throw new EOFException(file + ": ended inside " + e.name());
                }
                pos += n;
                return n;
            }

            @Override
            public long skip(long n) {
                long s = Math.max(0, Math.min(n, end - pos));
                pos += s;
                return s;
            }

            @Override
            public int available() {
                return (int) Math.min(Integer.MAX_VALUE, end - pos);
            }

            @Override
            public void close() throws IOException {
                ch.close();
            }
        };
    }

    private static String normal(String name) {
        String n = name.replace('\\', '/');
        while (n.startsWith("./")) {
            n = n.substring(2);
        }
        return n;
    }

    private static String headerName(byte[] h) {
        String name = cString(h, 0, 100);
        boolean ustar = "ustar".equals(cString(h, 257, 5));
        String prefix = ustar ? cString(h, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String cString(byte[] h, int off, int len) {
        int end = off;
        while (end < off + len && h[end] != 0) {
            end++;
        }
        return new String(h, off, end - off, StandardCharsets.UTF_8);
    }

    /** A size field: octal ASCII, or base-256 (high bit set) for sizes of 8 GiB and more. */
    private static long octal(byte[] h, int off, int len, Path file, long pos) throws IOException {
        if ((h[off] & 0x80) != 0) {
            long v = h[off] & 0x7F;
            for (int i = off + 1; i < off + len; i++) {
                v = (v << 8) | (h[i] & 0xFF);
            }
            return v;
        }
        String s = cString(h, off, len).strip();
        try {
            return s.isEmpty() ? 0 : Long.parseLong(s, 8);
        } catch (NumberFormatException e) {
            throw new IOException(file + ": not a tar archive (size field '" + s + "' at byte " + pos + ")", e);
        }
    }

    private static boolean checksumOk(byte[] h) {
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : (h[i] & 0xFF);
        }
        String field = cString(h, 148, 8).strip();
        try {
            return !field.isEmpty() && Long.parseLong(field, 8) == sum;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean allZero(byte[] h) {
        for (byte b : h) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String readString(FileChannel ch, long pos, long size, Path file) throws IOException {
        if (size > 1024 * 1024) {
            throw new IOException(file + ": a tar header record at byte " + pos + " is implausibly large");
        }
        ByteBuffer b = ByteBuffer.allocate((int) size);
        readFully(ch, b, pos, file);
        String s = new String(b.array(), StandardCharsets.UTF_8);
        int nul = s.indexOf('\0');
        return nul >= 0 ? s.substring(0, nul) : s;
    }

    /** Pax records: {@code "<len> <key>=<value>\n"}. */
    private static Map<String, String> pax(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int space = line.indexOf(' ');
            int eq = line.indexOf('=', space + 1);
            if (space > 0 && eq > space) {
                out.put(line.substring(space + 1, eq), line.substring(eq + 1));
            }
        }
        return out;
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long pos, Path file) throws IOException {
        long p = pos;
        while (b.hasRemaining()) {
            int n = ch.read(b, p);
            if (n < 0) {
                throw new EOFException(file + ": ended at byte " + p + " inside a tar header");
            }
            p += n;
        }
    }
}
