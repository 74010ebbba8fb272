package io.jenkins.plugins.capi.vsphere;

import io.jenkins.plugins.capi.vsphere.VsphereException.Kind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.InetAddress;
import java.net.ProxySelector;
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
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLException;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * A small vSphere (vim25) SOAP client on the JDK's HTTP client and DOM parser: the handful of read-only
 * calls the pre-flight check and the template lookup need. One instance is one session; {@link #close()}
 * logs out. Not thread-safe.
 */
public final class VimClient implements AutoCloseable {

    static final String SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String VIM_NS = "urn:vim25";
    static final String XSI_NS = XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI;
    /** Any vim25 version answers RetrieveServiceContent; later calls use the version the server reports. */
    private static final String BOOTSTRAP_VERSION = "6.5";
    public static final int DEFAULT_PAGE_SIZE = 500;

    private final VcenterEndpoint endpoint;
    private final VsphereTimeouts timeouts;
    private final HttpClient http;
    private final boolean insecure;
    private String soapAction = "\"urn:vim25/" + BOOTSTRAP_VERSION + "\"";
    private int pageSize = DEFAULT_PAGE_SIZE;
    private ServiceContent content;
    private boolean loggedIn;
    private int continuations;

    /** The references a session needs, from {@code RetrieveServiceContent}. */
    public record ServiceContent(VcenterAbout about, MoRef rootFolder, MoRef propertyCollector, MoRef searchIndex,
                                 MoRef viewManager, MoRef sessionManager) {}

    private VimClient(VcenterEndpoint endpoint, VsphereTls tls, VsphereTimeouts timeouts) throws VsphereException {
        this.endpoint = endpoint;
        this.timeouts = timeouts;
        this.insecure = tls.insecure();
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeouts.connect())
                .sslContext(VcenterTrust.sslContext(tls, endpoint.toString()))
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .proxy(ProxySelector.getDefault())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Resolves the server, connects and reads what it is (no login yet). */
    public static VimClient connect(String server, VsphereTls tls, VsphereTimeouts timeouts) throws VsphereException {
        VcenterEndpoint endpoint = VcenterEndpoint.parse(server);
        try {
            InetAddress.getAllByName(endpoint.bareHost());
        } catch (UnknownHostException e) {
            throw new VsphereException(Kind.DNS, endpoint.toString(), null,
                    "vCenter " + endpoint + ": the host name does not resolve (DNS); check vcenter_server", e);
        }
        VimClient client = new VimClient(endpoint, tls == null ? VsphereTls.VERIFY : tls,
                timeouts == null ? VsphereTimeouts.DEFAULT : timeouts);
        client.content = client.retrieveServiceContent();
        String apiVersion = client.content.about().apiVersion();
        if (apiVersion != null && apiVersion.matches("[0-9][0-9.]*")) {
            client.soapAction = "\"urn:vim25/" + apiVersion + "\"";
        }
        return client;
    }

    public VcenterEndpoint endpoint() {
        return endpoint;
    }

    public ServiceContent serviceContent() {
        return content;
    }

    public VcenterAbout about() {
        return content.about();
    }

    /** Whether the certificate was not verified; callers must show {@link #insecureWarning()} then. */
    public boolean insecure() {
        return insecure;
    }

    public static String insecureWarning() {
        return VcenterTrust.INSECURE_WARNING;
    }

    /** The {@code maxObjects} asked for per page of a property retrieval. */
    public void pageSize(int objects) {
        if (objects < 1) {
            throw new IllegalArgumentException("page size must be at least 1");
        }
        this.pageSize = objects;
    }

    /** How many follow-up pages ({@code ContinueRetrievePropertiesEx}) this session has read. */
    int continuations() {
        return continuations;
    }

    private ServiceContent retrieveServiceContent() throws VsphereException {
        Element r = call("RetrieveServiceContent", this_("ServiceInstance", "ServiceInstance"));
        Element rv = child(r, "returnval");
        Element about = rv == null ? null : child(rv, "about");
        if (about == null) {
            throw protocol("RetrieveServiceContent answered without 'about'; is this a vCenter /sdk endpoint?");
        }
        VcenterAbout a = new VcenterAbout(childText(about, "fullName"), childText(about, "version"),
                childText(about, "build"), childText(about, "apiType"), childText(about, "apiVersion"),
                childText(about, "instanceUuid"));
        return new ServiceContent(a, refOf(child(rv, "rootFolder")), refOf(child(rv, "propertyCollector")),
                refOf(child(rv, "searchIndex")), refOf(child(rv, "viewManager")), refOf(child(rv, "sessionManager")));
    }

    /** Logs in; a wrong user or password fails with fault {@code InvalidLogin}. */
    public void login(String user, String password) throws VsphereException {
        if (content.sessionManager() == null) {
            throw protocol("the endpoint has no SessionManager");
        }
        try {
            call("Login", this_(content.sessionManager()) + el("userName", user) + el("password", password));
        } catch (VsphereException e) {
            if (e.isFault("InvalidLogin")) {
                throw new VsphereException(Kind.FAULT, endpoint.toString(), "InvalidLogin",
                        "vCenter " + endpoint + " rejected the login of user '" + user
                                + "' (InvalidLogin): wrong user name or password", null);
            }
            // A fault string is the server's text; make sure it cannot hand the password back.
            throw scrubbed(e, password);
        }
        loggedIn = true;
    }

    private static VsphereException scrubbed(VsphereException e, String secret) {
        String msg = e.getMessage();
        if (secret == null || secret.isEmpty() || msg == null || !msg.contains(secret)) {
            return e;
        }
        return new VsphereException(e.kind(), e.server(), e.faultName(), msg.replace(secret, "****"), null);
    }

    /** {@code SearchIndex.FindByInventoryPath}: empty when nothing is at that (escaped, absolute) path. */
    public Optional<MoRef> findByInventoryPath(String inventoryPath) throws VsphereException {
        Element r = call("FindByInventoryPath", this_(content.searchIndex()) + el("inventoryPath", inventoryPath));
        Element rv = child(r, "returnval");
        return rv == null ? Optional.empty() : Optional.of(refOf(rv));
    }

    /** Reads {@code paths} of each object (objects may be of different types), across as many pages as needed. */
    public List<ObjectContent> retrieve(Collection<MoRef> objects, List<String> paths) throws VsphereException {
        if (objects.isEmpty()) {
            return List.of();
        }
        Set<String> types = new LinkedHashSet<>();
        objects.forEach(o -> types.add(o.type()));
        StringBuilder spec = new StringBuilder("<vim:specSet>");
        for (String type : types) {
            spec.append(propSet(type, paths));
        }
        for (MoRef o : objects) {
            spec.append("<vim:objectSet>").append(refEl("obj", o)).append("</vim:objectSet>");
        }
        return retrievePaged(spec.append("</vim:specSet>").toString());
    }

    public ObjectContent retrieveOne(MoRef object, List<String> paths) throws VsphereException {
        List<ObjectContent> all = retrieve(List.of(object), paths);
        if (all.isEmpty()) {
            throw new VsphereException(Kind.FAULT, endpoint.toString(), "ManagedObjectNotFound",
                    "vCenter " + endpoint + ": " + object + " is gone", null);
        }
        return all.get(0);
    }

    /**
     * Every object of {@code type} below {@code container} (recursively), with {@code paths}, through a
     * temporary container view that is always destroyed.
     */
    public List<ObjectContent> findAll(MoRef container, List<String> types, List<String> paths)
            throws VsphereException {
        StringBuilder body = new StringBuilder(this_(content.viewManager())).append(refEl("container", container));
        for (String t : types) {
            body.append(el("type", t));
        }
        body.append(el("recursive", "true"));
        MoRef view = refOf(child(call("CreateContainerView", body.toString()), "returnval"));
        try {
            StringBuilder spec = new StringBuilder("<vim:specSet>");
            for (String t : types) {
                spec.append(propSet(t, paths));
            }
            spec.append("<vim:objectSet>").append(refEl("obj", view)).append(el("skip", "true"))
                    .append("<vim:selectSet xsi:type=\"vim:TraversalSpec\">").append(el("name", "view"))
                    .append(el("type", "ContainerView")).append(el("path", "view")).append(el("skip", "false"))
                    .append("</vim:selectSet></vim:objectSet></vim:specSet>");
            return retrievePaged(spec.toString());
        } finally {
            call("DestroyView", this_(view));
        }
    }

    private List<ObjectContent> retrievePaged(String specSet) throws VsphereException {
        List<ObjectContent> out = new ArrayList<>();
        Element r = call("RetrievePropertiesEx", this_(content.propertyCollector()) + specSet
                + "<vim:options>" + el("maxObjects", Integer.toString(pageSize)) + "</vim:options>");
        String token = readPage(child(r, "returnval"), out);
        while (token != null) {
            continuations++;
            r = call("ContinueRetrievePropertiesEx", this_(content.propertyCollector()) + el("token", token));
            token = readPage(child(r, "returnval"), out);
        }
        return out;
    }

    private String readPage(Element returnval, List<ObjectContent> out) {
        if (returnval == null) {
            return null;
        }
        for (Element obj : children(returnval, "objects")) {
            Map<String, Element> values = new LinkedHashMap<>();
            Map<String, String> missing = new LinkedHashMap<>();
            for (Element p : children(obj, "propSet")) {
                values.put(childText(p, "name"), child(p, "val"));
            }
            for (Element m : children(obj, "missingSet")) {
                Element fault = child(m, "fault");
                Element inner = fault == null ? null : child(fault, "fault");
                missing.put(childText(m, "path"), inner == null ? "unknown" : xsiType(inner));
            }
            out.add(new ObjectContent(refOf(child(obj, "obj")), values, missing));
        }
        String token = childText(returnval, "token");
        return token == null || token.isEmpty() ? null : token;
    }

    /** Logs out when logged in. Never throws: a failed logout must not hide the real result. */
    @Override
    public void close() {
        if (loggedIn) {
            loggedIn = false;
            try {
                call("Logout", this_(content.sessionManager()));
            } catch (VsphereException ignored) {
                // the session expires on the server by itself
            }
        }
    }

    // ---- SOAP plumbing ----

    private Element call(String operation, String bodyXml) throws VsphereException {
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
        HttpResponse<byte[]> response = send(request, operation);
        Document doc = parse(response.body(), response.statusCode(), operation);
        Element body = doc == null ? null : child(doc.getDocumentElement(), SOAP_NS, "Body");
        if (body == null) {
            if (response.statusCode() != 200) {
                throw new VsphereException(Kind.HTTP, endpoint.toString(), "vCenter " + endpoint
                        + " answered HTTP " + response.statusCode() + " to " + operation
                        + " instead of a SOAP answer; is " + endpoint.sdkUri() + " the vCenter SDK endpoint?");
            }
            throw protocol(operation + " answered without a SOAP body");
        }
        Element fault = child(body, SOAP_NS, "Fault");
        if (fault != null) {
            throw fault(operation, fault);
        }
        Element result = firstElement(body);
        if (result == null) {
            throw protocol(operation + " answered with an empty SOAP body");
        }
        return result;
    }

    private HttpResponse<byte[]> send(HttpRequest request, String operation) throws VsphereException {
        String server = endpoint.toString();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException e) {
            throw new VsphereException(Kind.TIMEOUT, server, null, "vCenter " + server + ": no connection within "
                    + describe(timeouts.connect()) + " (connect timeout); check the address and firewalls", e);
        } catch (HttpTimeoutException e) {
            throw new VsphereException(Kind.TIMEOUT, server, null, "vCenter " + server + ": no answer to "
                    + operation + " within " + describe(timeouts.read()) + " (read timeout)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VsphereException(Kind.NETWORK, server, null, "vCenter " + server + ": interrupted", e);
        } catch (IOException e) {
            throw classify(e, server);
        }
    }

    private VsphereException classify(IOException e, String server) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException || t instanceof CertificateException) {
                return new VsphereException(Kind.TLS, server, null, "vCenter " + server
                        + ": TLS handshake failed (" + t.getMessage() + "). If vCenter uses its own CA, give its"
                        + " certificate as the CA file; switch verification off only for tests", e);
            }
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return new VsphereException(Kind.DNS, server, null,
                        "vCenter " + server + ": the host name does not resolve (DNS)", e);
            }
            if (t instanceof ConnectException) {
                return new VsphereException(Kind.REFUSED, server, null, "vCenter " + server
                        + ": connection refused; nothing listens on port " + endpoint.port(), e);
            }
        }
        return new VsphereException(Kind.NETWORK, server, null,
                "vCenter " + server + ": network error: " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }

    private static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private Document parse(byte[] body, int status, String operation) throws VsphereException {
        if (body.length == 0) {
            return null;
        }
        try {
            DocumentBuilder builder = XmlParsers.FACTORY.newDocumentBuilder();
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler());
            return builder.parse(new ByteArrayInputStream(body));
        } catch (SAXException | IOException | ParserConfigurationException e) {
            if (status != 200) {
                return null;
            }
            throw new VsphereException(Kind.PROTOCOL, endpoint.toString(), null,
                    "vCenter " + endpoint + ": the answer to " + operation + " is not XML", e);
        }
    }

    private VsphereException fault(String operation, Element fault) {
        String text = childTextAnyNs(fault, "faultstring");
        Element detail = childAnyNs(fault, "detail");
        Element inner = detail == null ? null : firstElement(detail);
        String name = inner == null ? "ServerFault" : xsiType(inner);
        if (name.isEmpty()) {
            name = inner.getLocalName().endsWith("Fault")
                    ? inner.getLocalName().substring(0, inner.getLocalName().length() - 5) : inner.getLocalName();
        }
        return new VsphereException(Kind.FAULT, endpoint.toString(), name, "vCenter " + endpoint + ": " + operation
                + " failed with " + name + (text == null || text.isBlank() ? "" : ": " + text.strip()), null);
    }

    private VsphereException protocol(String what) {
        return new VsphereException(Kind.PROTOCOL, endpoint.toString(), "vCenter " + endpoint + ": " + what);
    }

    // ---- XML building (all user input goes through escape) ----

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> {
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                        b.append(' ');  // not representable in XML 1.0
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    private static String el(String name, String text) {
        return "<vim:" + name + ">" + escape(text == null ? "" : text) + "</vim:" + name + ">";
    }

    private static String refEl(String name, MoRef ref) {
        return "<vim:" + name + " type=\"" + escape(ref.type()) + "\">" + escape(ref.value()) + "</vim:" + name + ">";
    }

    private static String this_(MoRef ref) {
        return refEl("_this", ref);
    }

    private static String this_(String type, String value) {
        return refEl("_this", new MoRef(type, value));
    }

    private static String propSet(String type, List<String> paths) {
        StringBuilder b = new StringBuilder("<vim:propSet>").append(el("type", type));
        for (String p : paths) {
            b.append(el("pathSet", p));
        }
        return b.append("</vim:propSet>").toString();
    }

    // ---- XML reading ----

    private static MoRef refOf(Element e) {
        return e == null ? null : new MoRef(e.getAttribute("type"), e.getTextContent().strip());
    }

    private static String xsiType(Element e) {
        String t = e.getAttributeNS(XSI_NS, "type");
        int colon = t.indexOf(':');
        return colon >= 0 ? t.substring(colon + 1) : t;
    }

    private static Element firstElement(Element parent) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        return null;
    }

    private static Element child(Element parent, String ns, String local) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && local.equals(e.getLocalName()) && ns.equals(e.getNamespaceURI())) {
                return e;
            }
        }
        return null;
    }

    private static Element child(Element parent, String local) {
        return child(parent, VIM_NS, local);
    }

    private static Element childAnyNs(Element parent, String local) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && local.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent, String local) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && local.equals(e.getLocalName()) && VIM_NS.equals(e.getNamespaceURI())) {
                out.add(e);
            }
        }
        return out;
    }

    private static String childText(Element parent, String local) {
        Element e = child(parent, local);
        return e == null ? null : e.getTextContent().strip();
    }

    private static String childTextAnyNs(Element parent, String local) {
        Element e = childAnyNs(parent, local);
        return e == null ? null : e.getTextContent();
    }

    /** One hardened, namespace-aware parser factory: no DTDs, no external entities. */
    private static final class XmlParsers {
        static final DocumentBuilderFactory FACTORY = create();

        private static DocumentBuilderFactory create() {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            try {
                f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
                f.setFeature("http://xml.org/sax/features/external-general-entities", false);
                f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            } catch (ParserConfigurationException e) {
                throw new IllegalStateException("the JDK XML parser lacks a required security feature", e);
            }
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return f;
        }
    }
}
