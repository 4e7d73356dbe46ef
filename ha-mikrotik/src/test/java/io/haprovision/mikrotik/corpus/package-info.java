/**
 * Tests of the MikroTik platform against real RouterOS output nobody on the project wrote: the
 * corpus under {@code src/test/resources/io/haprovision/mikrotik/corpus}, each file opening with
 * the line that names its source, RouterOS version and what was trimmed.
 */
package io.haprovision.mikrotik.corpus;
