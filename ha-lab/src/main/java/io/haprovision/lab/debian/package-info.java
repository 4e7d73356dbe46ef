/**
 * The {@code debian} lab personality: lab nodes that look like Debian 12 hosts (such as
 * Multapplied bonders) to a provisioner, with real dpkg and apt from an offline lab
 * repository, a LAB STAND-IN for {@code systemctl}, syslog readable in
 * {@code /var/log/syslog}, and the host's real keepalived and curl.
 */
package io.haprovision.lab.debian;
