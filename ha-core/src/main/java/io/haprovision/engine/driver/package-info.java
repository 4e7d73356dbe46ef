/**
 * The core's {@link io.haprovision.spi.ResourceDriver}s (files, lines, packages, services),
 * which read and change nodes through POSIX {@code sh}, and
 * {@link io.haprovision.engine.driver.Drivers}, which picks the driver of each resource:
 * a platform's own driver first, then the core's.
 */
package io.haprovision.engine.driver;
