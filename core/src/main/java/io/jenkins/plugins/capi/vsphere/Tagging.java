package io.jenkins.plugins.capi.vsphere;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * vSphere tags through the REST tagging service: categories and tags found by name and created when missing,
 * attached to VMs, and read back.
 */
public final class Tagging {

    private static final String CATEGORY = "/com/vmware/cis/tagging/category";
    private static final String TAG = "/com/vmware/cis/tagging/tag";
    private static final String ASSOCIATION = "/com/vmware/cis/tagging/tag-association";

    private final VapiClient rest;
    private final Map<String, String> categoryIds = new HashMap<>();
    private final Map<String, String> tagIds = new HashMap<>();

    /** A tag by its names. */
    public record TagName(String category, String tag) {
        @Override
        public String toString() {
            return category + ":" + tag;
        }
    }

    public Tagging(VapiClient rest) {
        this.rest = rest;
    }

    /** The category's id, creating it (one tag per object, for VMs) when there is none of that name. */
    public String ensureCategory(String name, String description) throws VsphereException {
        String known = categoryIds.get(name);
        if (known != null) {
            return known;
        }
        Optional<String> found = findCategory(name);
        String id = found.isPresent() ? found.get() : rest.post(CATEGORY, Map.of("create_spec", Map.of("name", name,
                "description", description, "cardinality", "SINGLE", "associable_types",
                List.of("VirtualMachine")))).asText();
        categoryIds.put(name, id);
        return id;
    }

    private Optional<String> findCategory(String name) throws VsphereException {
        for (JsonNode id : rest.get(CATEGORY)) {
            if (name.equals(rest.get(CATEGORY + "/id:" + id.asText()).path("name").asText())) {
                return Optional.of(id.asText());
            }
        }
        return Optional.empty();
    }

    /** The tag's id in the category, creating both when missing. */
    public String ensureTag(TagName tag, String categoryDescription) throws VsphereException {
        String key = tag.toString();
        String known = tagIds.get(key);
        if (known != null) {
            return known;
        }
        String category = ensureCategory(tag.category(), categoryDescription);
        String id = null;
        for (JsonNode t : rest.post(TAG + "/id:" + category + "?~action=list-tags-for-category", null)) {
            if (tag.tag().equals(rest.get(TAG + "/id:" + t.asText()).path("name").asText())) {
                id = t.asText();
                break;
            }
        }
        if (id == null) {
            id = rest.post(TAG, Map.of("create_spec", Map.of("name", tag.tag(), "description", "",
                    "category_id", category))).asText();
        }
        tagIds.put(key, id);
        return id;
    }

    public void attach(String tagId, MoRef object) throws VsphereException {
        rest.post(ASSOCIATION + "/id:" + tagId + "?~action=attach", Map.of("object_id", objectId(object)));
    }

    /** The tags on an object, by category and tag name. */
    public List<TagName> tagsOf(MoRef object) throws VsphereException {
        List<TagName> out = new ArrayList<>();
        Map<String, String> categoryNames = new LinkedHashMap<>();
        for (JsonNode id : rest.post(ASSOCIATION + "?~action=list-attached-tags", Map.of("object_id", objectId(object)))) {
            JsonNode tag = rest.get(TAG + "/id:" + id.asText());
            String categoryId = tag.path("category_id").asText();
            String category = categoryNames.get(categoryId);
            if (category == null) {
                category = rest.get(CATEGORY + "/id:" + categoryId).path("name").asText();
                categoryNames.put(categoryId, category);
            }
            out.add(new TagName(category, tag.path("name").asText()));
        }
        return out;
    }

    /** The objects a tag is attached to; empty when the tag does not exist. */
    public List<MoRef> objectsTagged(TagName tag) throws VsphereException {
        Optional<String> category = findCategory(tag.category());
        List<MoRef> out = new ArrayList<>();
        if (category.isEmpty()) {
            return out;
        }
        for (JsonNode t : rest.post(TAG + "/id:" + category.get() + "?~action=list-tags-for-category", null)) {
            if (tag.tag().equals(rest.get(TAG + "/id:" + t.asText()).path("name").asText())) {
                for (JsonNode o : rest.post(ASSOCIATION + "/id:" + t.asText() + "?~action=list-attached-objects", null)) {
                    out.add(new MoRef(o.path("type").asText(), o.path("id").asText()));
                }
            }
        }
        return out;
    }

    private static Map<String, String> objectId(MoRef object) {
        return Map.of("id", object.value(), "type", object.type());
    }
}
