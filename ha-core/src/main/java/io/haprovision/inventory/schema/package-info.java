/**
 * The JSON Schema of the inventory, taken from the binding code itself: while an
 * inventory is bound with a {@link io.haprovision.inventory.schema.SchemaRecorder} in its
 * {@link io.haprovision.inventory.LoadContext}, every key the binder allows, every key it
 * requires and every value it converts (to a string, a whole number in a range, a choice,
 * a duration, a secret...) is recorded where it stands; {@link
 * io.haprovision.inventory.schema.JsonSchemaWriter} turns the record into a schema. Nothing
 * here is written by hand beside the binder, so the schema cannot drift from what
 * {@code validate} reads: a key the binder allows but never read in the exemplar is an
 * error, not a silent {@code {}}.
 */
package io.haprovision.inventory.schema;
