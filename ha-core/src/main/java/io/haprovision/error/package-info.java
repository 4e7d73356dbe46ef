/**
 * The exception hierarchy: one unchecked root, {@link io.haprovision.error.ProvisionException},
 * split by whose fault a failure is (inventory, target, internal).
 */
package io.haprovision.error;
