package org.qnetem.kms.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.qnetem.kms.etsi.EtsiException;
import org.qnetem.kms.etsi.KeyContainer;
import org.qnetem.kms.etsi.KeyRequest;
import org.qnetem.kms.etsi.Status;

/**
 * The JSON objects of ETSI GS QKD 014 V1.1.1 §6 with the spec's field names. Reading is strict, because
 * a KME that guesses what a malformed request meant hands out keys nobody asked for: malformed JSON, a
 * duplicate or unknown field, a value of the wrong type, a {@code key_ID} that is not a UUID all give a
 * 400 whose Error body names the field and the problem. Numbers are checked for type and sign only; the
 * KME checks them against its limits ({@code max_key_per_request}, {@code min_key_size}, ...).
 */
final class EtsiJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    private static final JsonFactory FACTORY = MAPPER.getFactory();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };
    /** RFC 4122's textual form exactly; {@link UUID#fromString} alone also takes shortened groups. */
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    private EtsiJson() {
    }

    // ---- reading -------------------------------------------------------------------------------------

    /** A Key request (the body of {@code POST enc_keys}); an empty body is the empty object: all defaults. */
    static KeyRequest keyRequest(byte[] body) {
        if (body.length == 0) {
            return KeyRequest.of(Optional.empty(), Optional.empty());
        }
        JsonNode root = object(body, "Key request");
        Optional<Integer> number = Optional.empty();
        Optional<Integer> size = Optional.empty();
        List<String> additional = List.of();
        List<Map<String, Object>> mandatory = List.of();
        List<Map<String, Object>> optional = List.of();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            switch (name) {
                case "number" -> number = Optional.of(positiveInt(name, value));
                case "size" -> size = Optional.of(keySize(name, value));
                case "additional_slave_SAE_IDs" -> additional = strings(name, value);
                case "extension_mandatory" -> mandatory = objects(name, value);
                case "extension_optional" -> optional = objects(name, value);
                default -> throw unknownField("Key request", name,
                        "number, size, additional_slave_SAE_IDs, extension_mandatory, extension_optional");
            }
        }
        return new KeyRequest(number, size, additional, mandatory, optional);
    }

    /** The key IDs of a Key IDs object (the body of {@code POST dec_keys}); extensions are accepted and unused. */
    static List<UUID> keyIds(byte[] body) {
        if (body.length == 0) {
            throw invalid("Key IDs", "key_IDs", "missing: the body must be a Key IDs object");
        }
        JsonNode root = object(body, "Key IDs");
        List<UUID> ids = null;
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            switch (field.getKey()) {
                case "key_IDs" -> ids = keyIdArray(field.getValue());
                case "key_IDs_extension" -> requireType("key_IDs_extension", field.getValue(), JsonNodeType.OBJECT);
                default -> throw unknownField("Key IDs", field.getKey(), "key_IDs, key_IDs_extension");
            }
        }
        if (ids == null) {
            throw invalid("Key IDs", "key_IDs", "missing");
        }
        return ids;
    }

    private static List<UUID> keyIdArray(JsonNode value) {
        requireType("key_IDs", value, JsonNodeType.ARRAY);
        if (value.isEmpty()) {
            throw invalid("Key IDs", "key_IDs", "empty: name at least one key");
        }
        List<UUID> ids = new ArrayList<>(value.size());
        Map<UUID, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < value.size(); i++) {
            String where = "key_IDs[" + i + "]";
            JsonNode element = value.get(i);
            requireType(where, element, JsonNodeType.OBJECT);
            UUID id = null;
            for (Map.Entry<String, JsonNode> field : element.properties()) {
                switch (field.getKey()) {
                    case "key_ID" -> {
                        requireType(where + ".key_ID", field.getValue(), JsonNodeType.STRING);
                        id = keyId(where + ".key_ID", field.getValue().textValue());
                    }
                    case "key_ID_extension" -> requireType(where + ".key_ID_extension", field.getValue(),
                            JsonNodeType.OBJECT);
                    default -> throw unknownField("Key IDs", where + "." + field.getKey(), "key_ID, key_ID_extension");
                }
            }
            if (id == null) {
                throw invalid("Key IDs", where + ".key_ID", "missing");
            }
            Integer earlier = firstIndex.putIfAbsent(id, i);
            if (earlier != null) {
                throw invalid("Key IDs", where + ".key_ID", "repeats key_IDs[" + earlier + "]");
            }
            ids.add(id);
        }
        return ids;
    }

    /** A {@code key_ID} (from JSON or a query parameter named {@code field}): a UUID in RFC 4122 text form. */
    static UUID keyId(String field, String text) {
        if (!UUID_TEXT.matcher(text).matches()) {
            throw invalid("request", field, "not a UUID: '" + abbreviate(text) + "'");
        }
        return UUID.fromString(text);
    }

    private static JsonNode object(byte[] body, String what) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw invalid(what, "body", "malformed JSON" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (root == null || root.isMissingNode()) {
            throw invalid(what, "body", "no JSON value");
        }
        if (!root.isObject()) {
            throw invalid(what, "body", "expected a JSON object, got " + describe(root));
        }
        return root;
    }

    private static int positiveInt(String field, JsonNode value) {
        if (!value.isIntegralNumber()) {
            throw invalid("Key request", field, "expected an integer, got " + describe(value));
        }
        if (!value.canConvertToInt() || value.intValue() < 1) {
            throw invalid("Key request", field, "must be a positive integer, got " + value.asText());
        }
        return value.intValue();
    }

    /** A key size: a positive integer number of bits, and whole bytes (§6.2: a multiple of 8). */
    private static int keySize(String field, JsonNode value) {
        return checkKeySize(field, positiveInt(field, value));
    }

    static int checkKeySize(String field, int bits) {
        if (bits % 8 != 0) {
            throw invalid("Key request", field, "must be a multiple of 8 bits, got " + bits);
        }
        return bits;
    }

    private static List<String> strings(String field, JsonNode value) {
        requireType(field, value, JsonNodeType.ARRAY);
        List<String> strings = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            requireType(field + "[" + i + "]", value.get(i), JsonNodeType.STRING);
            strings.add(value.get(i).textValue());
        }
        return strings;
    }

    private static List<Map<String, Object>> objects(String field, JsonNode value) {
        requireType(field, value, JsonNodeType.ARRAY);
        List<Map<String, Object>> objects = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            requireType(field + "[" + i + "]", value.get(i), JsonNodeType.OBJECT);
            objects.add(MAPPER.convertValue(value.get(i), OBJECT));
        }
        return objects;
    }

    private static void requireType(String field, JsonNode value, JsonNodeType type) {
        if (value.getNodeType() != type) {
            throw invalid("request", field, "expected " + article(type) + ", got " + describe(value));
        }
    }

    private static String article(JsonNodeType type) {
        return switch (type) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> "a " + type.name().toLowerCase(Locale.ROOT);
        };
    }

    private static String describe(JsonNode value) {
        return value.isNull() ? "null" : value.isNumber() ? "the number " + value.asText() : article(value.getNodeType());
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    private static EtsiException unknownField(String what, String field, String known) {
        return invalid(what, field, "unknown field (the " + what + " has " + known + ")");
    }

    /** A 400 whose message and single detail name the field and the problem. */
    static EtsiException invalid(String what, String field, String problem) {
        return new EtsiException(400, "invalid " + what + ": " + field + ": " + problem,
                List.of(detail(field, problem)));
    }

    private static Map<String, Object> detail(String field, String problem) {
        return Map.of("field", field, "problem", problem);
    }

    // ---- writing -------------------------------------------------------------------------------------

    static byte[] status(Status status) {
        return write(json -> {
            json.writeStartObject();
            json.writeStringField("source_KME_ID", status.sourceKmeId());
            json.writeStringField("target_KME_ID", status.targetKmeId());
            json.writeStringField("master_SAE_ID", status.masterSaeId());
            json.writeStringField("slave_SAE_ID", status.slaveSaeId());
            json.writeNumberField("key_size", status.keySize());
            json.writeNumberField("stored_key_count", status.storedKeyCount());
            json.writeNumberField("max_key_count", status.maxKeyCount());
            json.writeNumberField("max_key_per_request", status.maxKeyPerRequest());
            json.writeNumberField("max_key_size", status.maxKeySize());
            json.writeNumberField("min_key_size", status.minKeySize());
            json.writeNumberField("max_SAE_ID_count", status.maxSaeIdCount());
            json.writeEndObject();
        });
    }

    static byte[] keyContainer(KeyContainer container) {
        return write(json -> {
            json.writeStartObject();
            json.writeArrayFieldStart("keys");
            for (KeyContainer.Key key : container.keys()) {
                json.writeStartObject();
                json.writeStringField("key_ID", key.keyId().toString());
                json.writeStringField("key", BASE64.encodeToString(key.key()));
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    /** The spec's Error object; {@code details} is left out when there are none (it is optional). */
    static byte[] error(String message, List<Map<String, Object>> details) {
        return write(json -> {
            json.writeStartObject();
            json.writeStringField("message", message);
            if (!details.isEmpty()) {
                json.writeFieldName("details");
                MAPPER.writeValue(json, details);
            }
            json.writeEndObject();
        });
    }

    private interface Writer {
        void write(JsonGenerator json) throws IOException;
    }

    private static byte[] write(Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator json = FACTORY.createGenerator(bytes)) {
            writer.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
