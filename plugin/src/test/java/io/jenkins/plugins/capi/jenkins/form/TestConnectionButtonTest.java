package io.jenkins.plugins.capi.jenkins.form;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Jenkins' validate button ({@code f:validateButton}) sends a field only when it finds it by searching the page
 * backwards from the button. A field placed after the button is never sent, or, with two build steps in one job,
 * the previous step's field is. So every field the Test Connection button names must come before it.
 */
class TestConnectionButtonTest {

    private static final String FORM_NS = "/lib/form";

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/io/jenkins/plugins/capi/jenkins/step/CapiImageBuildStep/config.jelly",
                "/io/jenkins/plugins/capi/jenkins/freestyle/CapiImageBuilder/config.jelly"
            })
    void everyFieldTheButtonSendsComesBeforeIt(String form) throws Exception {
        List<String> fieldsBefore = new ArrayList<>();
        Element button = null;
        try (InputStream in = getClass().getResourceAsStream(form)) {
            assertNotNull(in, form);
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            List<Element> inOrder = new ArrayList<>();
            collect(f.newDocumentBuilder().parse(in).getDocumentElement(), inOrder);
            for (Element e : inOrder) {
                if (!FORM_NS.equals(e.getNamespaceURI())) {
                    continue;
                }
                if (e.getLocalName().equals("validateButton")
                        && e.getAttribute("method").equals("testConnection")) {
                    button = e;
                    break;
                }
                if (e.getLocalName().equals("entry") && !e.getAttribute("field").isEmpty()) {
                    fieldsBefore.add(e.getAttribute("field"));
                }
            }
        }
        assertNotNull(button, "no Test Connection button in " + form);
        List<String> sent = Arrays.asList(button.getAttribute("with").split(","));
        assertEquals(List.of("vcenterServer", "credentialsId", "vcenterCaFile", "vcenterInsecure"), sent);
        for (String field : sent) {
            assertTrue(fieldsBefore.contains(field), field + " comes after the button in " + form);
        }
    }

    private static void collect(Element e, List<Element> out) {
        out.add(e);
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                collect(child, out);
            }
        }
    }
}
