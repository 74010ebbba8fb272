package io.jenkins.plugins.capi.testing;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A test's own SOAP calls that change what a {@link Vcsim} holds, the way an administrator would through the vSphere
 * API: take a snapshot of a VM, set its guest OS. The tool itself only reads; these are for setting up scenarios.
 */
public final class VcsimSoap {

    private final HttpClient http;
    private final URI sdk;

    private VcsimSoap(HttpClient http, URI sdk) {
        this.http = http;
        this.sdk = sdk;
    }

    /** Logs in as {@link Vcsim#USER} with the planted password, trusting the simulator's certificate. */
    public static VcsimSoap login(Vcsim sim) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(sim.caFile())) {
            trust.setCertificateEntry("vcsim", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        HttpClient http = HttpClient.newBuilder().sslContext(ssl).cookieHandler(new CookieManager())
                .connectTimeout(Duration.ofSeconds(5)).build();
        VcsimSoap soap = new VcsimSoap(http, URI.create("https://" + sim.server() + "/sdk"));
        soap.call("<Login><_this type=\"SessionManager\">SessionManager</_this><userName>" + escape(Vcsim.USER)
                + "</userName><password>" + escape(Vcsim.PASSWORD) + "</password></Login>");
        return soap;
    }

    /** The managed object id of the VM at an inventory path, e.g. {@code vm-63}. */
    public String vm(String inventoryPath) throws Exception {
        Document d = call("<FindByInventoryPath><_this type=\"SearchIndex\">SearchIndex</_this><inventoryPath>"
                + escape(inventoryPath) + "</inventoryPath></FindByInventoryPath>");
        NodeList rv = d.getElementsByTagNameNS("*", "returnval");
        if (rv.getLength() == 0) {
            throw new IllegalStateException("no object at " + inventoryPath);
        }
        return rv.item(0).getTextContent().strip();
    }

    public void createSnapshot(String vmPath, String name) throws Exception {
        waitFor(task(call("<CreateSnapshot_Task><_this type=\"VirtualMachine\">" + vm(vmPath) + "</_this><name>"
                + escape(name) + "</name><memory>false</memory><quiesce>false</quiesce></CreateSnapshot_Task>")));
    }

    public void setGuestId(String vmPath, String guestId) throws Exception {
        waitFor(task(call("<ReconfigVM_Task><_this type=\"VirtualMachine\">" + vm(vmPath) + "</_this><spec><guestId>"
                + escape(guestId) + "</guestId></spec></ReconfigVM_Task>")));
    }

    private static String task(Document d) {
        return d.getElementsByTagNameNS("*", "returnval").item(0).getTextContent().strip();
    }

    private void waitFor(String task) throws Exception {
        Instant until = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(until)) {
            Document d = call("<RetrievePropertiesEx><_this type=\"PropertyCollector\">propertyCollector</_this>"
                    + "<specSet><propSet><type>Task</type><pathSet>info.state</pathSet></propSet><objectSet>"
                    + "<obj type=\"Task\">" + task + "</obj></objectSet></specSet><options/></RetrievePropertiesEx>");
            String state = d.getElementsByTagNameNS("*", "val").item(0).getTextContent().strip();
            if ("success".equals(state)) {
                return;
            }
            if ("error".equals(state)) {
                throw new IllegalStateException("task " + task + " failed");
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("task " + task + " did not finish");
    }

    private Document call(String body) throws Exception {
        String envelope = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope xmlns:soapenv="
                + "\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns=\"urn:vim25\"><soapenv:Body>" + body
                + "</soapenv:Body></soapenv:Envelope>";
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(sdk).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "text/xml; charset=utf-8").header("SOAPAction", "\"urn:vim25/6.5\"")
                .POST(HttpRequest.BodyPublishers.ofString(envelope, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document d = f.newDocumentBuilder().parse(new ByteArrayInputStream(r.body()));
        if (d.getElementsByTagNameNS("*", "Fault").getLength() > 0) {
            Element fault = (Element) d.getElementsByTagNameNS("*", "Fault").item(0);
            throw new IllegalStateException("SOAP fault: " + fault.getTextContent().strip());
        }
        return d;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&apos;");
    }
}
