/**
 * What a node should have, one {@link io.haprovision.resource.Resource} at a time, and what
 * it has now for that resource ({@link io.haprovision.resource.ResourceState}).
 *
 * <p>Each resource compares itself with its current state
 * ({@link io.haprovision.resource.Resource#compare}), so a platform module adds a kind of
 * its own (a UCI option, a RouterOS menu entry) together with its state type and comparison,
 * without touching the core. The core kinds are {@link io.haprovision.resource.FileResource},
 * {@link io.haprovision.resource.LineInFile}, {@link io.haprovision.resource.PackageResource}
 * and {@link io.haprovision.resource.ServiceResource}.
 */
package io.haprovision.resource;
