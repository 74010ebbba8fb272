package io.jenkins.plugins.capi.vsphere;

import static io.jenkins.plugins.capi.vsphere.SoapXml.SOAP_NS;
import static io.jenkins.plugins.capi.vsphere.SoapXml.VIM_NS;
import static io.jenkins.plugins.capi.vsphere.SoapXml.XSI_NS;

import io.jenkins.plugins.capi.vsphere.VsphereException.Kind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.ProxySelector;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/**
 * The SOAP layer: one HTTP/1.1 client per connection (TLS as the user chose, cookies kept for the session), the
 * envelope around each call, and every way a call can fail turned into a {@link VsphereException} a user can act
 * on. It knows nothing of sessions or managed objects.
 */
final class SoapTransport {

    /** Any vim25 version answers RetrieveServiceContent; later calls use the version the server reports. */
    private static final String BOOTSTRAP_VERSION = "6.5";

    private final VcenterEndpoint endpoint;
    private final VsphereTimeouts timeouts;
    private final VsphereTls tls;
    private final SSLContext ssl;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;
    private volatile String soapAction = action(BOOTSTRAP_VERSION);

    SoapTransport(VcenterEndpoint endpoint, VsphereTls tls, VsphereTimeouts timeouts) throws VsphereException {
        this.endpoint = endpoint;
        this.timeouts = timeouts;
        this.tls = tls;
        this.ssl = VcenterTrust.sslContext(tls, endpoint.toString());
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeouts.connect())
                .sslContext(ssl)
                .cookieHandler(cookies)
                .proxy(ProxySelector.getDefault())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    private static String action(String version) {
        return "\"urn:vim25/" + version + "\"";
    }

    /** Speak the version the server reported from now on (ignored unless it looks like one). */
    void useVersion(String apiVersion) {
        if (apiVersion != null && apiVersion.matches("[0-9][0-9.]*")) {
            soapAction = action(apiVersion);
        }
    }

    VcenterEndpoint endpoint() {
        return endpoint;
    }

    VsphereTimeouts timeouts() {
        return timeouts;
    }

    boolean insecure() {
        return tls.insecure();
    }

    /** The user's trust choice, for the other HTTP clients this connection needs (file transfers). */
    VsphereTls tlsChoice() {
        return tls;
    }

    /** The TLS context of this connection, for the other HTTP clients of the same vCenter (REST, file transfer). */
    SSLContext sslContext() {
        return ssl;
    }

    /** The HTTP client, for requests to the same server outside SOAP (the session cookie rides along). */
    HttpClient http() {
        return http;
    }

    /** Calls {@code operation} with an already escaped body; the answer's first element (the {@code …Response}). */
    Element call(String operation, String bodyXml) throws VsphereException {
        String envelope = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<soapenv:Envelope xmlns:soapenv=\"" + SOAP_NS + "\" xmlns:vim=\"" + VIM_NS + "\" xmlns:xsi=\""
                + XSI_NS + "\"><soapenv:Body><vim:" + operation + ">" + bodyXml + "</vim:" + operation
                + "></soapenv:Body></soapenv:Envelope>";
        HttpRequest request = HttpRequest.newBuilder(endpoint.sdkUri())
                .timeout(timeouts.read())
                .header("Content-Type", "text/xml; charset=utf-8")
                .header("SOAPAction", soapAction)
                .POST(HttpRequest.BodyPublishers.ofString(envelope, StandardCharsets.UTF_8))
                .build();
        HttpResponse<byte[]> response = send(request, operation, HttpResponse.BodyHandlers.ofByteArray());
        Document doc = parse(response.body(), response.statusCode(), operation);
        Element body = doc == null ? null : SoapXml.child(doc.getDocumentElement(), SOAP_NS, "Body");
        if (body == null) {
            if (response.statusCode() != 200) {
                throw new VsphereException(Kind.HTTP, endpoint.toString(), "vCenter " + endpoint
                        + " answered HTTP " + response.statusCode() + " to " + operation
                        + " instead of a SOAP answer; is " + endpoint.sdkUri() + " the vCenter SDK endpoint?");
            }
            throw protocol(operation + " answered without a SOAP body");
        }
        Element fault = SoapXml.child(body, SOAP_NS, "Fault");
        if (fault != null) {
            throw fault(operation, fault);
        }
        Element result = SoapXml.firstElement(body);
        if (result == null) {
            throw protocol(operation + " answered with an empty SOAP body");
        }
        return result;
    }

    /** Sends any request with this connection's client; failures are classified like SOAP calls. */
    <T> HttpResponse<T> send(HttpRequest request, String what, HttpResponse.BodyHandler<T> handler)
            throws VsphereException {
        return send(http, request, what, handler);
    }

    <T> HttpResponse<T> send(HttpClient client, HttpRequest request, String what, HttpResponse.BodyHandler<T> handler)
            throws VsphereException {
        String server = endpoint.toString();
        try {
            return client.send(request, handler);
        } catch (HttpConnectTimeoutException e) {
            throw new VsphereException(Kind.TIMEOUT, server, null, "vCenter " + server + ": no connection within "
                    + describe(timeouts.connect()) + " (connect timeout); check the address and firewalls", e);
        } catch (HttpTimeoutException e) {
            throw new VsphereException(Kind.TIMEOUT, server, null, "vCenter " + server + ": no answer to "
                    + what + " within " + describe(request.timeout().orElse(timeouts.read())) + " (read timeout)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VsphereException(Kind.NETWORK, server, null, "vCenter " + server + ": interrupted", e);
        } catch (IOException e) {
            throw classify(e, server, request.uri());
        }
    }

    VsphereException classify(IOException e, String server, URI uri) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException || t instanceof CertificateException) {
                return new VsphereException(Kind.TLS, server, null, "vCenter " + server
                        + ": TLS handshake failed (" + t.getMessage() + "). If vCenter uses its own CA, give its"
                        + " certificate as the CA file; switch verification off only for tests", e);
            }
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return new VsphereException(Kind.DNS, server, null,
                        "vCenter " + server + ": the host name " + uri.getHost() + " does not resolve (DNS)", e);
            }
            if (t instanceof ConnectException) {
                return new VsphereException(Kind.REFUSED, server, null, "vCenter " + server
                        + ": connection refused; nothing listens on " + uri.getHost() + " port "
                        + (uri.getPort() < 0 ? 443 : uri.getPort()), e);
            }
        }
        return new VsphereException(Kind.NETWORK, server, null,
                "vCenter " + server + ": network error: " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }

    static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private Document parse(byte[] body, int status, String operation) throws VsphereException {
        if (body.length == 0) {
            return null;
        }
        try {
            return SoapXml.parse(body);
        } catch (SAXException | IOException e) {
            if (status != 200) {
                return null;
            }
            throw new VsphereException(Kind.PROTOCOL, endpoint.toString(), null,
                    "vCenter " + endpoint + ": the answer to " + operation + " is not XML", e);
        }
    }

    private VsphereException fault(String operation, Element fault) {
        String text = SoapXml.childTextAnyNs(fault, "faultstring");
        Element detail = SoapXml.childAnyNs(fault, "detail");
        Element inner = detail == null ? null : SoapXml.firstElement(detail);
        String name = inner == null ? "ServerFault" : SoapXml.xsiType(inner);
        if (name.isEmpty()) {
            name = inner.getLocalName().endsWith("Fault")
                    ? inner.getLocalName().substring(0, inner.getLocalName().length() - 5) : inner.getLocalName();
        }
        return new VsphereException(Kind.FAULT, endpoint.toString(), name, "vCenter " + endpoint + ": " + operation
                + " failed with " + name + (text == null || text.isBlank() ? "" : ": " + text.strip()), null);
    }

    VsphereException protocol(String what) {
        return new VsphereException(Kind.PROTOCOL, endpoint.toString(), "vCenter " + endpoint + ": " + what);
    }
}
