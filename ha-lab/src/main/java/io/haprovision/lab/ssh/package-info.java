/**
 * SSH pieces the lab's simulated nodes share: public-key authentication done with the JDK's
 * own Ed25519 where the pinned Apache MINA SSHD lacks it.
 */
package io.haprovision.lab.ssh;
