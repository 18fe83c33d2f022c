package io.alphintra.api.v1alpha1.schema;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The structural checks the API server runs on a custom resource before its CEL rules: unknown
 * fields, types, required, enum, minimum/maximum, pattern, minItems/maxItems. Messages are worded
 * as the API server words them (e.g. {@code spec.tier: Unsupported value: "Prod"}), so that tests
 * can check the expected rejection of an invalid resource without a cluster. CEL rules ({@code
 * x-kubernetes-validations}) are not evaluated here; the admission integration test runs them
 * against a real API server.
 */
public final class SchemaViolations {

  private static final Set<String> TOP_LEVEL =
      Set.of("apiVersion", "kind", "metadata", "spec", "status");

  private SchemaViolations() {}

  /**
   * Everything the schema rejects in {@code resource} (a whole custom resource), in document order.
   */
  public static List<String> of(JSONSchemaProps root, JsonNode resource) {
    List<String> violations = new ArrayList<>();
    for (Map.Entry<String, JsonNode> field : resource.properties()) {
      if (!TOP_LEVEL.contains(field.getKey())) {
        violations.add("unknown field \"" + field.getKey() + "\"");
      }
    }
    for (String part : List.of("spec", "status")) {
      JsonNode value = resource.get(part);
      JSONSchemaProps schema = root.getProperties().get(part);
      if (value != null && !value.isNull()) {
        check(part, schema, value, violations);
      }
    }
    return violations;
  }

  private static void check(String path, JSONSchemaProps schema, JsonNode value, List<String> out) {
    if (!hasType(schema.getType(), value)) {
      out.add(
          path
              + ": Invalid value: "
              + shown(value)
              + ": "
              + path
              + " in body must be of type "
              + schema.getType());
      return;
    }
    if (schema.getEnum() != null
        && !schema.getEnum().isEmpty()
        && schema.getEnum().stream().noneMatch(allowed -> allowed.equals(value))) {
      out.add(path + ": Unsupported value: " + shown(value));
    }
    if (value.isNumber()) {
      checkRange(path, schema, value, out);
    }
    if (value.isTextual()
        && schema.getPattern() != null
        && !Pattern.compile(schema.getPattern()).matcher(value.asText()).find()) {
      out.add(
          path
              + ": Invalid value: "
              + shown(value)
              + ": "
              + path
              + " in body should match '"
              + schema.getPattern()
              + "'");
    }
    if (value.isArray()) {
      checkItems(path, schema, value, out);
    }
    if (value.isObject()) {
      checkObject(path, schema, value, out);
    }
  }

  private static void checkRange(
      String path, JSONSchemaProps schema, JsonNode value, List<String> out) {
    BigDecimal number = value.decimalValue();
    if (schema.getMaximum() != null
        && number.compareTo(BigDecimal.valueOf(schema.getMaximum())) > 0) {
      out.add(
          path
              + ": Invalid value: "
              + shown(value)
              + ": "
              + path
              + " in body should be less than or equal to "
              + plain(schema.getMaximum()));
    }
    if (schema.getMinimum() != null
        && number.compareTo(BigDecimal.valueOf(schema.getMinimum())) < 0) {
      out.add(
          path
              + ": Invalid value: "
              + shown(value)
              + ": "
              + path
              + " in body should be greater than or equal to "
              + plain(schema.getMinimum()));
    }
  }

  private static void checkItems(
      String path, JSONSchemaProps schema, JsonNode value, List<String> out) {
    for (int i = 0; i < value.size(); i++) {
      if (schema.getItems() != null
          && schema.getItems().getSchema() != null
          && !value.get(i).isNull()) {
        check(path + "[" + i + "]", schema.getItems().getSchema(), value.get(i), out);
      }
    }
    if (schema.getMinItems() != null && value.size() < schema.getMinItems()) {
      out.add(
          path
              + ": Invalid value: "
              + value.size()
              + ": "
              + path
              + " in body should have at least "
              + schema.getMinItems()
              + " items");
    }
    if (schema.getMaxItems() != null && value.size() > schema.getMaxItems()) {
      out.add(
          path
              + ": Too many: "
              + value.size()
              + ": must have at most "
              + schema.getMaxItems()
              + " items");
    }
  }

  private static void checkObject(
      String path, JSONSchemaProps schema, JsonNode value, List<String> out) {
    Map<String, JSONSchemaProps> properties = schema.getProperties();
    if (schema.getRequired() != null) {
      for (String required : schema.getRequired()) {
        if (value.get(required) == null || value.get(required).isNull()) {
          out.add(path + "." + required + ": Required value");
        }
      }
    }
    for (Map.Entry<String, JsonNode> field : value.properties()) {
      String fieldPath = path + "." + field.getKey();
      if (field.getValue().isNull()) {
        continue; // the API server drops nulls of non-nullable fields
      }
      if (properties != null && properties.containsKey(field.getKey())) {
        check(fieldPath, properties.get(field.getKey()), field.getValue(), out);
      } else if (schema.getAdditionalProperties() != null
          && schema.getAdditionalProperties().getSchema() != null) {
        check(fieldPath, schema.getAdditionalProperties().getSchema(), field.getValue(), out);
      } else {
        out.add("unknown field \"" + fieldPath + "\"");
      }
    }
  }

  private static boolean hasType(String type, JsonNode value) {
    if (type == null) {
      return true;
    }
    return switch (type) {
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      case "string" -> value.isTextual();
      case "integer" -> value.isIntegralNumber();
      case "number" -> value.isNumber();
      case "boolean" -> value.isBoolean();
      default -> true;
    };
  }

  private static String shown(JsonNode value) {
    if (value.isTextual()) {
      return "\"" + value.asText() + "\"";
    }
    return value.isContainerNode() ? "\"" + nodeType(value) + "\"" : value.asText();
  }

  private static String nodeType(JsonNode value) {
    return value.isObject() ? "object" : "array";
  }

  private static String plain(Double number) {
    return BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
  }
}
