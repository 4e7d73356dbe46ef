/**
 * {@code provision rehearse}: a change tried on a lab replica of the live pairs first. Entry
 * point {@link io.haprovision.lab.rehearse.Rehearsal#run}; {@link io.haprovision.lab.rehearse.AddressMap}
 * maps the real addresses into the lab's ranges; the
 * {@link io.haprovision.lab.rehearse.RehearsalReport} is what the user reads.
 */
package io.haprovision.lab.rehearse;
