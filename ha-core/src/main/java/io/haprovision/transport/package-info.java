/**
 * The SSH transport: one JSch session per node for the whole run, commands over exec
 * channels, and file installs through exec (OpenWrt's dropbear has no SFTP).
 *
 * <p>Entry points: {@link io.haprovision.transport.SshTransport} opens
 * {@link io.haprovision.transport.Connection}s for {@link io.haprovision.transport.SshEndpoint}s;
 * {@link io.haprovision.transport.RemoteFiles} installs, fetches and removes files over a
 * connection; {@link io.haprovision.transport.ShellQuote} quotes words for POSIX {@code sh}.
 *
 * <p>Every JSch failure is turned into a {@link io.haprovision.error.TargetException} that names
 * {@code user@host:port}; host keys are checked against known_hosts (never silently accepted).
 */
package io.haprovision.transport;
