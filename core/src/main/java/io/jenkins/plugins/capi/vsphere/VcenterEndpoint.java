package io.jenkins.plugins.capi.vsphere;

import java.net.URI;
import java.util.Locale;

/**
 * The {@code vcenter_server} value: a host name or IP address with an optional {@code :port} (default 443).
 * IPv6 literals are written in brackets ({@code [fd00::1]:8443}). A scheme or path is tolerated and dropped.
 */
public record VcenterEndpoint(String host, int port) {

    public static final int DEFAULT_PORT = 443;

    public static VcenterEndpoint parse(String server) throws VsphereException {
        String s = server == null ? "" : server.strip();
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.startsWith("https://")) {
            s = s.substring(8);
        } else if (lower.startsWith("http://")) {
            throw new VsphereException(VsphereException.Kind.INVALID_INPUT, server,
                    "vcenter_server '" + server + "' uses http://; vCenter is only reached over HTTPS");
        }
        int slash = s.indexOf('/');
        if (slash >= 0) {
            s = s.substring(0, slash);
        }
        if (s.isEmpty()) {
            throw new VsphereException(VsphereException.Kind.INVALID_INPUT, server, "vcenter_server is empty");
        }
        String host = s;
        int port = DEFAULT_PORT;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw invalid(server, "an IPv6 address must be closed with ']'");
            }
            host = s.substring(0, close + 1);
            String rest = s.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw invalid(server, "expected ':port' after the IPv6 address");
                }
                port = parsePort(server, rest.substring(1));
            }
        } else {
            int colon = s.lastIndexOf(':');
            if (colon >= 0) {
                if (s.indexOf(':') != colon) {
                    throw invalid(server, "write IPv6 addresses in brackets, e.g. [fd00::1]:443");
                }
                host = s.substring(0, colon);
                port = parsePort(server, s.substring(colon + 1));
            }
        }
        if (host.isEmpty() || host.chars().anyMatch(c -> Character.isWhitespace(c) || c == '@')) {
            throw invalid(server, "not a host name");
        }
        return new VcenterEndpoint(host, port);
    }

    private static int parsePort(String server, String text) throws VsphereException {
        try {
            int p = Integer.parseInt(text);
            if (p < 1 || p > 65535) {
                throw invalid(server, "port " + text + " is out of range");
            }
            return p;
        } catch (NumberFormatException e) {
            throw invalid(server, "port '" + text + "' is not a number");
        }
    }

    private static VsphereException invalid(String server, String why) {
        return new VsphereException(VsphereException.Kind.INVALID_INPUT, server,
                "vcenter_server '" + server + "' is not HOST or HOST:PORT: " + why);
    }

    /** The host without IPv6 brackets, for name resolution. */
    public String bareHost() {
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    public URI sdkUri() {
        return URI.create("https://" + host + ":" + port + "/sdk");
    }

    @Override
    public String toString() {
        return port == DEFAULT_PORT ? host : host + ":" + port;
    }
}
