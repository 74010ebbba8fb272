package io.jenkins.plugins.capi.vsphere;

import static io.jenkins.plugins.capi.vsphere.SoapXml.child;
import static io.jenkins.plugins.capi.vsphere.SoapXml.childText;
import static io.jenkins.plugins.capi.vsphere.SoapXml.children;
import static io.jenkins.plugins.capi.vsphere.SoapXml.el;
import static io.jenkins.plugins.capi.vsphere.SoapXml.refEl;
import static io.jenkins.plugins.capi.vsphere.SoapXml.wrap;

import io.jenkins.plugins.capi.vsphere.VsphereException.Kind;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;

/**
 * The start of an OVF import: {@code OvfManager.CreateImportSpec} turns the descriptor into an import spec for
 * the target placement, {@code ResourcePool.ImportVApp} creates the (empty) VM and hands out an
 * {@link HttpNfcLease} whose URLs take the disk files.
 */
public final class OvfImport {

    /**
     * Where the imported VM goes.
     *
     * @param network every network of the descriptor is mapped onto this one; null leaves vCenter's default
     */
    public record Placement(MoRef folder, MoRef resourcePool, MoRef datastore, MoRef network) {}

    private OvfImport() {}

    /**
     * @param entityName the new VM's name
     * @throws VsphereException when vCenter refuses the descriptor or the placement (the message says why), or the
     *                          lease ends in an error before it is ready
     */
    public static HttpNfcLease begin(VimClient client, OvfDescriptor ovf, String entityName, Placement placement)
            throws VsphereException {
        MoRef ovfManager = client.serviceContent().ovfManager();
        if (ovfManager == null) {
            throw client.transport().protocol("the endpoint has no OvfManager");
        }
        StringBuilder cisp = new StringBuilder(el("locale", "US")).append(el("deploymentOption", ""))
                .append(el("entityName", entityName));
        if (placement.network() != null) {
            for (String name : ovf.networks()) {
                cisp.append(wrap("networkMapping", el("name", name) + refEl("network", placement.network())));
            }
        }
        cisp.append(el("diskProvisioning", "thin"));
        Element result = client.invoke("CreateImportSpec", ovfManager, el("ovfDescriptor", ovf.xml())
                + refEl("resourcePool", placement.resourcePool()) + refEl("datastore", placement.datastore())
                + wrap("cisp", cisp.toString()));
        List<String> errors = new ArrayList<>();
        for (Element e : children(result, "error")) {
            errors.add(describe(e));
        }
        if (!errors.isEmpty()) {
            throw new VsphereException(Kind.FAULT, client.endpoint().toString(), "OvfImportFailed", "vCenter "
                    + client.endpoint() + ": the OVF descriptor cannot be imported: " + String.join("; ", errors), null);
        }
        Element spec = child(result, "importSpec");
        if (spec == null) {
            throw client.transport().protocol("CreateImportSpec answered without an import spec");
        }
        List<HttpNfcLease.FileItem> items = new ArrayList<>();
        for (Element f : children(result, "fileItem")) {
            String size = childText(f, "size");
            items.add(new HttpNfcLease.FileItem(childText(f, "deviceId"), childText(f, "path"),
                    size == null ? -1 : Long.parseLong(size), Boolean.parseBoolean(childText(f, "create"))));
        }
        List<String> warnings = new ArrayList<>();
        for (Element w : children(result, "warning")) {
            warnings.add(describe(w));
        }
        MoRef lease = SoapXml.refOf(client.invoke("ImportVApp", placement.resourcePool(),
                SoapXml.echo(spec, "spec") + refEl("folder", placement.folder())));
        if (lease == null) {
            throw client.transport().protocol("ImportVApp answered without a lease");
        }
        return HttpNfcLease.ready(client, lease, items, warnings);
    }

    private static String describe(Element localizedFault) {
        String text = childText(localizedFault, "localizedMessage");
        Element fault = child(localizedFault, "fault");
        String name = fault == null ? "" : SoapXml.xsiType(fault);
        return (name.isEmpty() ? "" : name + ": ") + (text == null ? "" : text);
    }
}
