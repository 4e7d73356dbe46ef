package io.haprovision.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;

/**
 * The inventory's JSON Schema, checked by a real validator (networknt's, JSON Schema
 * 2020-12), generated once per test run from the CLI's exemplar.
 */
final class SchemaCheck {
  /** The schema text {@code provision schema} prints. */
  static final String SCHEMA_TEXT = InventorySchemas.json();
  private static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
      .getSchema(SCHEMA_TEXT, InputFormat.JSON);

  private SchemaCheck() {}

  /** What the schema finds wrong with {@code inventory}, one line each; empty when it passes. */
  static List<String> errors(JsonNode inventory) {
    return SCHEMA.validate(inventory).stream()
        .map(e -> e.getInstanceLocation() + ": " + e.getMessage())
        .toList();
  }
}
