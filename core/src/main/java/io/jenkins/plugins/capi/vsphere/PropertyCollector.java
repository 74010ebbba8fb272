package io.jenkins.plugins.capi.vsphere;

import static io.jenkins.plugins.capi.vsphere.SoapXml.child;
import static io.jenkins.plugins.capi.vsphere.SoapXml.childText;
import static io.jenkins.plugins.capi.vsphere.SoapXml.children;
import static io.jenkins.plugins.capi.vsphere.SoapXml.el;
import static io.jenkins.plugins.capi.vsphere.SoapXml.propSet;
import static io.jenkins.plugins.capi.vsphere.SoapXml.refEl;
import static io.jenkins.plugins.capi.vsphere.SoapXml.refOf;
import static io.jenkins.plugins.capi.vsphere.SoapXml.this_;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.w3c.dom.Element;

/**
 * Reading properties: {@code RetrievePropertiesEx} with paging ({@code ContinueRetrievePropertiesEx}), of given
 * objects or of everything below a container (through a {@code ViewManager} container view that is always
 * destroyed).
 */
final class PropertyCollector {

    static final int DEFAULT_PAGE_SIZE = 500;

    private final SoapTransport soap;
    private final MoRef collector;
    private final MoRef viewManager;
    private volatile int pageSize = DEFAULT_PAGE_SIZE;
    private volatile int continuations;

    PropertyCollector(SoapTransport soap, MoRef collector, MoRef viewManager) {
        this.soap = soap;
        this.collector = collector;
        this.viewManager = viewManager;
    }

    void pageSize(int objects) {
        if (objects < 1) {
            throw new IllegalArgumentException("page size must be at least 1");
        }
        this.pageSize = objects;
    }

    int continuations() {
        return continuations;
    }

    List<ObjectContent> retrieve(Collection<MoRef> objects, List<String> paths) throws VsphereException {
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

    List<ObjectContent> findAll(MoRef container, List<String> types, List<String> paths) throws VsphereException {
        StringBuilder body = new StringBuilder(this_(viewManager)).append(refEl("container", container));
        for (String t : types) {
            body.append(el("type", t));
        }
        body.append(el("recursive", "true"));
        MoRef view = refOf(child(soap.call("CreateContainerView", body.toString()), "returnval"));
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
            soap.call("DestroyView", this_(view));
        }
    }

    private List<ObjectContent> retrievePaged(String specSet) throws VsphereException {
        List<ObjectContent> out = new ArrayList<>();
        Element r = soap.call("RetrievePropertiesEx", this_(collector) + specSet
                + "<vim:options>" + el("maxObjects", Integer.toString(pageSize)) + "</vim:options>");
        String token = readPage(child(r, "returnval"), out);
        while (token != null) {
            continuations++;
            r = soap.call("ContinueRetrievePropertiesEx", this_(collector) + el("token", token));
            token = readPage(child(r, "returnval"), out);
        }
        return out;
    }

    private static String readPage(Element returnval, List<ObjectContent> out) {
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
                missing.put(childText(m, "path"), inner == null ? "unknown" : SoapXml.xsiType(inner));
            }
            out.add(new ObjectContent(refOf(child(obj, "obj")), values, missing));
        }
        String token = childText(returnval, "token");
        return token == null || token.isEmpty() ? null : token;
    }
}
