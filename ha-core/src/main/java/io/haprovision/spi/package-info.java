/**
 * The service-provider interface platforms implement: {@link io.haprovision.spi.Target},
 * found through {@link java.util.ServiceLoader} by {@link io.haprovision.spi.Targets}. The
 * core never names a platform; adding one touches no core file.
 */
package io.haprovision.spi;
