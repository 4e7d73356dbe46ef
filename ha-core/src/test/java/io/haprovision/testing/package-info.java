/** Test support shared by every module through ha-core's test jar. */
package io.haprovision.testing;
