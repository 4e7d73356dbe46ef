package io.haprovision.lab.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the annotated test class one lab for all of its tests: built before the
 * first test, removed after the last, injected into any {@code Lab} parameter
 * (test methods, lifecycle methods, constructor). The class is skipped, with the
 * reason printed, only when this machine is not root or has no network namespaces.
 *
 * <pre>{@code
 * @LabTest(pairs = 1)
 * class ConvergeLabTest {
 *   @Test void converges(Lab lab) { ... }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(LabExtension.class)
@Tag("lab")
public @interface LabTest {
  /** Number of HA pairs, 1..50. */
  int pairs() default 1;

  /** Node personality. */
  String personality() default "openwrt";
}
