package io.jenkins.plugins.capi.vsphere;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * What an import needs to know from an OVF descriptor before vCenter sees it: the files it references (the disks
 * inside the OVA) and the names of its networks (to map them onto the target network). Read with the same
 * hardened parser as vCenter's answers.
 *
 * @param xml       the descriptor as it is sent to {@code CreateImportSpec}
 * @param files     {@code References/File}: {@code href} and declared size (-1 when not given)
 * @param networks  {@code NetworkSection/Network/@name}
 * @param name      {@code VirtualSystem/@id}, e.g. {@code rocky-8}
 */
public record OvfDescriptor(String xml, List<FileRef> files, List<String> networks, String name) {

    static final String OVF_NS = "http://schemas.dmtf.org/ovf/envelope/1";

    public OvfDescriptor {
        files = List.copyOf(files);
        networks = List.copyOf(networks);
    }

    public record FileRef(String id, String href, long size) {}

    /** @throws IOException with a message naming {@code source} when it is not an OVF envelope */
    public static OvfDescriptor parse(byte[] content, String source) throws IOException {
        Document doc;
        try {
            doc = SoapXml.parse(content);
        } catch (SAXException e) {
            throw new IOException(source + ": the OVF descriptor is not well-formed XML: " + e.getMessage(), e);
        }
        Element root = doc.getDocumentElement();
        if (!"Envelope".equals(root.getLocalName()) || !OVF_NS.equals(root.getNamespaceURI())) {
            throw new IOException(source + ": not an OVF 1.x envelope (root element " + root.getNodeName() + ")");
        }
        List<FileRef> files = new ArrayList<>();
        for (Element f : elements(root, "References", "File")) {
            String size = f.getAttributeNS(OVF_NS, "size");
            long bytes;
            try {
                bytes = size.isEmpty() ? -1 : Long.parseLong(size.strip());
            } catch (NumberFormatException e) {
                throw new IOException(source + ": File " + f.getAttributeNS(OVF_NS, "href") + " has size '" + size
                        + "', not a number", e);
            }
            files.add(new FileRef(f.getAttributeNS(OVF_NS, "id"), f.getAttributeNS(OVF_NS, "href"), bytes));
        }
        List<String> networks = new ArrayList<>();
        for (Element n : elements(root, "NetworkSection", "Network")) {
            networks.add(n.getAttributeNS(OVF_NS, "name"));
        }
        Element system = first(root, "VirtualSystem");
        if (system == null) {
            throw new IOException(source + ": the OVF descriptor has no VirtualSystem (a vApp of several VMs is not"
                    + " a node image)");
        }
        return new OvfDescriptor(new String(content, StandardCharsets.UTF_8), files, networks,
                system.getAttributeNS(OVF_NS, "id"));
    }

    private static Element first(Element parent, String local) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && local.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    private static List<Element> elements(Element root, String section, String item) {
        List<Element> out = new ArrayList<>();
        Element s = first(root, section);
        if (s != null) {
            NodeList list = s.getChildNodes();
            for (int i = 0; i < list.getLength(); i++) {
                if (list.item(i) instanceof Element e && item.equals(e.getLocalName())) {
                    out.add(e);
                }
            }
        }
        return out;
    }
}
