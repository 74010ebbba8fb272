package io.jenkins.plugins.capi.customize;

/**
 * An IPv4 address in dotted-decimal form, as a kickstart {@code network} line takes it. The 32 bits are kept as an
 * {@code int} so subnet arithmetic is plain bit masking.
 */
public record Ipv4Address(int bits) {

    /**
     * Parses {@code a.b.c.d}: four decimal parts 0–255 without leading zeros (the installer would read {@code 010}
     * as octal or reject it, so it is refused rather than guessed).
     *
     * @throws IllegalArgumentException with a message that completes "'VALUE' ..." (e.g. "has 3 parts, not 4")
     */
    public static Ipv4Address parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("is empty");
        }
        String s = text.strip();
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("has " + parts.length + (parts.length == 1 ? " part" : " parts")
                    + ", not the 4 of dotted-decimal IPv4 (a.b.c.d)");
        }
        int bits = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("has the part '" + p + "', not a number from 0 to 255");
            }
            if (p.length() > 1 && p.charAt(0) == '0') {
                throw new IllegalArgumentException("has the part '" + p + "' with a leading zero; write "
                        + Integer.parseInt(p));
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                throw new IllegalArgumentException("has the part '" + p + "', more than 255");
            }
            bits = (bits << 8) | v;
        }
        return new Ipv4Address(bits);
    }

    /** Unsigned value, for comparisons and tests. */
    public long unsigned() {
        return Integer.toUnsignedLong(bits);
    }

    /** 127.0.0.0/8. */
    public boolean isLoopback() {
        return (bits >>> 24) == 127;
    }

    /** 224.0.0.0/4 and above: multicast and reserved, never a host address. */
    public boolean isMulticastOrReserved() {
        return (bits >>> 28) >= 0xE;
    }

    /** 0.0.0.0/8: "this network", never a host address. */
    public boolean isThisNetwork() {
        return (bits >>> 24) == 0;
    }

    @Override
    public String toString() {
        return (bits >>> 24) + "." + ((bits >>> 16) & 0xFF) + "." + ((bits >>> 8) & 0xFF) + "." + (bits & 0xFF);
    }
}
