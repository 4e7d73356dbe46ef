/**
 * JUnit 5 support: {@link io.haprovision.lab.junit.LabTest} gives a test class one lab
 * for all its tests and injects it as a {@link io.haprovision.lab.Lab} parameter.
 */
package io.haprovision.lab.junit;
