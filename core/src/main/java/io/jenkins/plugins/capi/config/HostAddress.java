package io.jenkins.plugins.capi.config;

import java.util.Optional;
import java.util.regex.Pattern;

/** Checks a host name or IP address, optionally with {@code :port}, as vCenter and air-gap addresses are written. */
final class HostAddress {

    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern DIGITS_AND_DOTS = Pattern.compile("[0-9.]+");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    private HostAddress() {}

    /** Why {@code value} is not {@code host} or {@code host:port}, or empty when it is fine. */
    static Optional<String> problem(String value, boolean portAllowed) {
        String host = value;
        String port = null;
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 0) {
                return Optional.of("has an unclosed '[' around an IPv6 address");
            }
            host = value.substring(1, close);
            String rest = value.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    return Optional.of("has text after the IPv6 address");
                }
                port = rest.substring(1);
            }
            if (!IPV6.matcher(host).matches() || host.indexOf(':') < 0) {
                return Optional.of("is not a valid IPv6 address");
            }
        } else if (value.indexOf(':') != value.lastIndexOf(':')) {
            return IPV6.matcher(value).matches() ? Optional.empty() : Optional.of("is not a valid IPv6 address");
        } else if (value.indexOf(':') >= 0) {
            host = value.substring(0, value.indexOf(':'));
            port = value.substring(value.indexOf(':') + 1);
        }
        if (port != null) {
            if (!portAllowed) {
                return Optional.of("must not have a port");
            }
            if (!validPort(port)) {
                return Optional.of("has an invalid port (1-65535)");
            }
        }
        if (value.startsWith("[")) {
            return Optional.empty();
        }
        if (DIGITS_AND_DOTS.matcher(host).matches()) {
            return validIpv4(host) ? Optional.empty() : Optional.of("is not a valid IPv4 address");
        }
        return validHostName(host) ? Optional.empty() : Optional.of("is not a valid host name");
    }

    /** {@code value} without a leading {@code scheme://} and without any path, i.e. what the user meant. */
    static String withoutSchemeAndPath(String value) {
        String v = value;
        int scheme = v.indexOf("://");
        if (scheme >= 0) {
            v = v.substring(scheme + 3);
        }
        int at = v.lastIndexOf('@');
        if (at >= 0) {
            v = v.substring(at + 1);
        }
        int slash = v.indexOf('/');
        if (slash >= 0) {
            v = v.substring(0, slash);
        }
        return v;
    }

    /** {@code host:port} without {@code :port} ({@code [v6]:port} keeps the brackets; a bare IPv6 address is left alone). */
    static String withoutPort(String value) {
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            return close < 0 ? value : value.substring(0, close + 1);
        }
        int colon = value.indexOf(':');
        return colon >= 0 && colon == value.lastIndexOf(':') ? value.substring(0, colon) : value;
    }

    static boolean hasSchemeOrPath(String value) {
        return value.contains("://") || value.indexOf('/') >= 0;
    }

    private static boolean validPort(String port) {
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(Character::isDigit)) {
            return false;
        }
        int p = Integer.parseInt(port);
        return p >= 1 && p <= 65535;
    }

    private static boolean validIpv4(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    private static boolean validHostName(String host) {
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (h.isEmpty() || h.length() > 253) {
            return false;
        }
        for (String label : h.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }
}
