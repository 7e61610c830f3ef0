package io.goldbackup.offsite;

import java.util.Iterator;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON form of a {@link Manifest}: one canonical serialization, and a strict parser.
 * <p>
 * Its own mapper, not the application's: the MAC is computed over these exact bytes, so nothing configured elsewhere
 * (naming strategies, inclusion rules, date formats) may change them. Canonical means: keys sorted at every level,
 * instants as ISO-8601 UTC strings, doubles in their shortest exact form written by Jackson's own Schubfach
 * implementation (the JDK's {@code Double.toString} changed its output for some values in JDK 19; a manifest
 * signed on one JDK must verify on another).
 */
final class ManifestJson {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            // {"backupId": 1, "backupId": 2} would otherwise keep the last: refused instead.
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    /** The fields of each level, for exact-field checks with messages that name the field. */
    private static final Set<String> TOP = Set.of("formatVersion", "uuid", "backupId", "backupTimestamp",
            "backupType", "backupName", "totalUsersBackedUp", "totals", "checksum", "keyId", "compression", "cipher",
            "createdAt", "objects", "mac");
    /** Fields a reader takes when present and does without: {@code snapshotVersion} came after format 1's first copies. */
    private static final Set<String> OPTIONAL = Set.of("snapshotVersion");
    private static final Set<String> TOTALS = Set.of("totalGold", "totalGoldPerHour");
    private static final Set<String> OBJECT = Set.of("key", "bytes", "sha256");

    private ManifestJson() {
    }

    static String write(Manifest manifest) {
        try {
            return MAPPER.writeValueAsString(manifest);
        } catch (JsonProcessingException e) {
            // Records of strings, numbers and instants always serialize.
            throw new IllegalStateException("cannot serialize a manifest", e);
        }
    }

    /**
     * Reads a manifest: the format version first (a newer format is named as such, not as a list of unknown fields),
     * then exactly the known fields at every level, then the values through {@link Manifest}'s own checks.
     */
    static Manifest read(String json) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null
                    ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ")";
            throw new IllegalArgumentException("manifest is not valid JSON" + where + ": " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new IllegalArgumentException("manifest is not a JSON object");
        }
        JsonNode version = tree.get("formatVersion");
        if (version == null || version.isNull()) {
            throw new IllegalArgumentException("manifest field 'formatVersion' is missing");
        }
        if (!version.isIntegralNumber() || version.asLong() != Manifest.FORMAT_VERSION) {
            throw new IllegalArgumentException("manifest field 'formatVersion' is " + version
                    + "; this service reads format " + Manifest.FORMAT_VERSION);
        }
        exactFields(tree, "", TOP, OPTIONAL);
        exactFields(tree.get("totals"), "totals.", TOTALS, Set.of());
        JsonNode objects = tree.get("objects");
        if (objects.isArray()) {
            for (int i = 0; i < objects.size(); i++) {
                exactFields(objects.get(i), "objects[" + i + "].", OBJECT, Set.of());
            }
        }
        for (String name : OPTIONAL) {
            if (!tree.has(name)) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) tree).putNull(name);
            }
        }
        try {
            return MAPPER.treeToValue(tree, Manifest.class);
        } catch (JsonMappingException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException invalid) {
                // Manifest's own checks: their messages already name the field.
                throw new IllegalArgumentException(invalid.getMessage());
            }
            throw new IllegalArgumentException("manifest field '" + path(e.getPath()) + "' has the wrong type");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("manifest cannot be read: " + e.getOriginalMessage());
        }
    }

    private static void exactFields(JsonNode node, String prefix, Set<String> names, Set<String> optional) {
        String where = prefix.isEmpty()
                ? "manifest"
                : "manifest field '" + prefix.substring(0, prefix.length() - 1)
                        + "'";
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(where + " must be a JSON object");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String name = it.next();
            if (!names.contains(name) && !optional.contains(name)) {
                throw new IllegalArgumentException("manifest has an unknown field '" + prefix + name + "'");
            }
        }
        for (String name : names.stream().sorted().toList()) {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                throw new IllegalArgumentException("manifest field '" + prefix + name + "' is missing");
            }
        }
    }

    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference r : references) {
            if (r.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                path.append('[').append(r.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "(root)" : path.toString();
    }
}
