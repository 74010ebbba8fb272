package io.jenkins.plugins.capi.vsphere;

import static io.jenkins.plugins.capi.vsphere.SoapXml.child;
import static io.jenkins.plugins.capi.vsphere.SoapXml.childText;
import static io.jenkins.plugins.capi.vsphere.SoapXml.el;
import static io.jenkins.plugins.capi.vsphere.SoapXml.refOf;
import static io.jenkins.plugins.capi.vsphere.SoapXml.this_;

import io.jenkins.plugins.capi.vsphere.VsphereException.Kind;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * A small vSphere (vim25) SOAP client on the JDK's HTTP client and DOM parser, layered as govmomi layers its
 * own: {@link SoapTransport} (HTTP, envelope, faults), {@link SessionManager} (login, logout),
 * {@link PropertyCollector} (property reads, container views). This class is the session a caller holds: it
 * connects, reads the service content, and hands out the calls. {@link #close()} logs out. Safe to use from
 * several threads for reads; one caller should drive a session's changes.
 */
public final class VimClient implements AutoCloseable {

    static final String XSI_NS = SoapXml.XSI_NS;
    public static final int DEFAULT_PAGE_SIZE = PropertyCollector.DEFAULT_PAGE_SIZE;

    private final SoapTransport soap;
    private final ServiceContent content;
    private final SessionManager session;
    private final PropertyCollector properties;

    /** The references a session needs, from {@code RetrieveServiceContent}. */
    public record ServiceContent(VcenterAbout about, MoRef rootFolder, MoRef propertyCollector, MoRef searchIndex,
                                 MoRef viewManager, MoRef sessionManager, MoRef ovfManager) {}

    private VimClient(SoapTransport soap, ServiceContent content) {
        this.soap = soap;
        this.content = content;
        this.session = new SessionManager(soap, content.sessionManager());
        this.properties = new PropertyCollector(soap, content.propertyCollector(), content.viewManager());
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
        SoapTransport soap = new SoapTransport(endpoint, tls == null ? VsphereTls.VERIFY : tls,
                timeouts == null ? VsphereTimeouts.DEFAULT : timeouts);
        ServiceContent content = retrieveServiceContent(soap);
        soap.useVersion(content.about().apiVersion());
        return new VimClient(soap, content);
    }

    private static ServiceContent retrieveServiceContent(SoapTransport soap) throws VsphereException {
        Element r = soap.call("RetrieveServiceContent", this_(new MoRef("ServiceInstance", "ServiceInstance")));
        Element rv = child(r, "returnval");
        Element about = rv == null ? null : child(rv, "about");
        if (about == null) {
            throw soap.protocol("RetrieveServiceContent answered without 'about'; is this a vCenter /sdk endpoint?");
        }
        VcenterAbout a = new VcenterAbout(childText(about, "fullName"), childText(about, "version"),
                childText(about, "build"), childText(about, "apiType"), childText(about, "apiVersion"),
                childText(about, "instanceUuid"));
        return new ServiceContent(a, refOf(child(rv, "rootFolder")), refOf(child(rv, "propertyCollector")),
                refOf(child(rv, "searchIndex")), refOf(child(rv, "viewManager")), refOf(child(rv, "sessionManager")),
                refOf(child(rv, "ovfManager")));
    }

    public VcenterEndpoint endpoint() {
        return soap.endpoint();
    }

    public ServiceContent serviceContent() {
        return content;
    }

    public VcenterAbout about() {
        return content.about();
    }

    /** Whether the certificate was not verified; callers must show {@link #insecureWarning()} then. */
    public boolean insecure() {
        return soap.insecure();
    }

    public static String insecureWarning() {
        return VcenterTrust.INSECURE_WARNING;
    }

    /** The {@code maxObjects} asked for per page of a property retrieval. */
    public void pageSize(int objects) {
        properties.pageSize(objects);
    }

    /** How many follow-up pages ({@code ContinueRetrievePropertiesEx}) this session has read. */
    int continuations() {
        return properties.continuations();
    }

    /** Logs in; a wrong user or password fails with fault {@code InvalidLogin}. */
    public void login(String user, String password) throws VsphereException {
        session.login(user, password);
    }

    /** {@code SearchIndex.FindByInventoryPath}: empty when nothing is at that (escaped, absolute) path. */
    public Optional<MoRef> findByInventoryPath(String inventoryPath) throws VsphereException {
        Element r = soap.call("FindByInventoryPath", this_(content.searchIndex()) + el("inventoryPath", inventoryPath));
        Element rv = child(r, "returnval");
        return rv == null ? Optional.empty() : Optional.of(refOf(rv));
    }

    /** Reads {@code paths} of each object (objects may be of different types), across as many pages as needed. */
    public List<ObjectContent> retrieve(Collection<MoRef> objects, List<String> paths) throws VsphereException {
        return properties.retrieve(objects, paths);
    }

    public ObjectContent retrieveOne(MoRef object, List<String> paths) throws VsphereException {
        List<ObjectContent> all = retrieve(List.of(object), paths);
        if (all.isEmpty()) {
            throw new VsphereException(Kind.FAULT, endpoint().toString(), "ManagedObjectNotFound",
                    "vCenter " + endpoint() + ": " + object + " is gone", null);
        }
        return all.get(0);
    }

    /**
     * Every object of {@code type} below {@code container} (recursively), with {@code paths}, through a
     * temporary container view that is always destroyed.
     */
    public List<ObjectContent> findAll(MoRef container, List<String> types, List<String> paths)
            throws VsphereException {
        return properties.findAll(container, types, paths);
    }

    /** vCenter's clock ({@code ServiceInstance.CurrentTime}), to compare with the times vCenter records. */
    public Instant currentTime() throws VsphereException {
        Element rv = invoke("CurrentTime", new MoRef("ServiceInstance", "ServiceInstance"), "");
        try {
            return java.time.OffsetDateTime.parse(rv == null ? "" : rv.getTextContent().strip()).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw soap.protocol("CurrentTime answered without a time");
        }
    }

    /** One call on a managed object; the answer's {@code returnval}, or null when there is none. */
    Element invoke(String operation, MoRef target, String argumentsXml) throws VsphereException {
        return child(soap.call(operation, this_(target) + argumentsXml), "returnval");
    }

    SoapTransport transport() {
        return soap;
    }

    /** Logs out when logged in. Never throws: a failed logout must not hide the real result. */
    @Override
    public void close() {
        session.logout();
    }
}
