/**
 * Lab tests of bonder pairs: two debian-personality lab nodes running real keepalived and
 * curl, converged by the engine, against ha-lab's management API simulator.
 */
package io.haprovision.bonder.lab;
