/**
 * Checks that run real daemons against rendered configuration on the machine running
 * the tests: {@link io.haprovision.lab.check.KeepalivedCheck} runs {@code keepalived -t}
 * in a throwaway network namespace holding exactly the interfaces a node has, so the
 * check sees what the router would see. Needs root and {@code ip netns}.
 */
package io.haprovision.lab.check;
