package io.jenkins.plugins.capi.vsphere;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Building vim25 request bodies (every value through {@link #escape}) and reading answers (namespace-aware DOM,
 * no DTDs or external entities). Request elements use the prefix {@code vim} for {@value #VIM_NS}.
 */
final class SoapXml {

    static final String SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String VIM_NS = "urn:vim25";
    static final String XSI_NS = XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI;

    private static final DocumentBuilderFactory FACTORY = hardenedFactory();

    private SoapXml() {}

    // ---- building ----

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

    static String el(String name, String text) {
        return "<vim:" + name + ">" + escape(text == null ? "" : text) + "</vim:" + name + ">";
    }

    /** An element of a given xsi type holding already-built XML (e.g. a data object). */
    static String typed(String name, String xsiType, String innerXml) {
        return "<vim:" + name + " xsi:type=\"vim:" + escape(xsiType) + "\">" + innerXml + "</vim:" + name + ">";
    }

    static String wrap(String name, String innerXml) {
        return "<vim:" + name + ">" + innerXml + "</vim:" + name + ">";
    }

    static String refEl(String name, MoRef ref) {
        return "<vim:" + name + " type=\"" + escape(ref.type()) + "\">" + escape(ref.value()) + "</vim:" + name + ">";
    }

    static String this_(MoRef ref) {
        return refEl("_this", ref);
    }

    static String propSet(String type, List<String> paths) {
        StringBuilder b = new StringBuilder("<vim:propSet>").append(el("type", type));
        for (String p : paths) {
            b.append(el("pathSet", p));
        }
        return b.append("</vim:propSet>").toString();
    }

    /**
     * The children of an answer's element, written again for a request under a new name (e.g. the import spec
     * {@code CreateImportSpec} returns, sent back to {@code ImportVApp}). The element keeps its {@code xsi:type}.
     */
    static String echo(Element answer, String name) {
        StringBuilder b = new StringBuilder("<vim:").append(name);
        String type = xsiType(answer);
        if (!type.isEmpty()) {
            b.append(" xsi:type=\"vim:").append(escape(type)).append('"');
        }
        b.append('>');
        for (Node n = answer.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                b.append(serialize(e));
            } else if (n.getNodeType() == Node.TEXT_NODE) {
                b.append(escape(n.getNodeValue()));
            }
        }
        return b.append("</vim:").append(name).append('>').toString();
    }

    private static String serialize(Element e) {
        try {
            Transformer t = TransformerFactory.newDefaultInstance().newTransformer();
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            StringWriter w = new StringWriter();
            t.transform(new DOMSource(e), new StreamResult(w));
            return w.toString();
        } catch (TransformerException ex) {
            throw new IllegalStateException("cannot write back an element vCenter sent", ex);
        }
    }

    // ---- reading ----

    /** Parses an answer; throws the parser's exception for anything that is not well-formed XML or has a DTD. */
    static Document parse(byte[] body) throws SAXException, IOException {
        try {
            DocumentBuilder builder = FACTORY.newDocumentBuilder();
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler());
            return builder.parse(new ByteArrayInputStream(body));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    static MoRef refOf(Element e) {
        return e == null ? null : new MoRef(e.getAttribute("type"), e.getTextContent().strip());
    }

    static String xsiType(Element e) {
        String t = e.getAttributeNS(XSI_NS, "type");
        int colon = t.indexOf(':');
        return colon >= 0 ? t.substring(colon + 1) : t;
    }

    static Element firstElement(Element parent) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        return null;
    }

    static Element child(Element parent, String ns, String local) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && local.equals(e.getLocalName()) && ns.equals(e.getNamespaceURI())) {
                return e;
            }
        }
        return null;
    }

    static Element child(Element parent, String local) {
        return parent == null ? null : child(parent, VIM_NS, local);
    }

    static Element childAnyNs(Element parent, String local) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && local.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    static List<Element> children(Element parent, String local) {
        List<Element> out = new ArrayList<>();
        if (parent == null) {
            return out;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && local.equals(e.getLocalName()) && VIM_NS.equals(e.getNamespaceURI())) {
                out.add(e);
            }
        }
        return out;
    }

    static String childText(Element parent, String local) {
        Element e = child(parent, local);
        return e == null ? null : e.getTextContent().strip();
    }

    static String childTextAnyNs(Element parent, String local) {
        Element e = childAnyNs(parent, local);
        return e == null ? null : e.getTextContent();
    }

    /** One hardened, namespace-aware parser factory: no DTDs, no external entities. */
    private static DocumentBuilderFactory hardenedFactory() {
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
