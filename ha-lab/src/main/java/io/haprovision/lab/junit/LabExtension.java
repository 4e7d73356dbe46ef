package io.haprovision.lab.junit;

import io.haprovision.lab.Lab;
import io.haprovision.lab.LabHost;
import io.haprovision.lab.LabSpec;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The extension behind {@link LabTest}: one lab per test class, stored in the class's
 * extension store so JUnit removes it ({@link Lab#close()}) after the class's last
 * test, and a JVM shutdown hook removes it should the run be cut short.
 */
public final class LabExtension implements BeforeAllCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LabExtension.class);

  /** Creates the extension (JUnit does, through {@link LabTest}). */
  public LabExtension() {}

  @Override
  public void beforeAll(ExtensionContext context) {
    Optional<String> reason = LabHost.unavailableReason();
    if (reason.isPresent()) {
      String message = "skipping " + context.getDisplayName() + ": " + reason.get();
      System.out.println(message);
      Assumptions.abort(message);
    }
    labOf(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Lab.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Lab lab = labOf(context);
    if (lab == null) {
      throw new ParameterResolutionException("no lab for " + context.getDisplayName()
          + ": annotate the test class with @LabTest");
    }
    return lab;
  }

  private static Lab labOf(ExtensionContext context) {
    ExtensionContext classContext = context;
    while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
      classContext = classContext.getParent().get();
    }
    Class<?> testClass = classContext.getRequiredTestClass();
    LabTest settings = findSettings(testClass);
    if (settings == null) {
      return null;
    }
    return classContext.getStore(NAMESPACE)
        .getOrComputeIfAbsent(testClass, key -> new ClassLab(settings), ClassLab.class)
        .lab;
  }

  private static LabTest findSettings(Class<?> testClass) {
    for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
      LabTest settings = c.getAnnotation(LabTest.class);
      if (settings != null) {
        return settings;
      }
    }
    return null;
  }

  /** A class's lab; JUnit closes it with the class's extension context. */
  private static final class ClassLab implements ExtensionContext.Store.CloseableResource {
    private final Lab lab;
    private final Thread hook;

    ClassLab(LabTest settings) {
      lab = Lab.up(new LabSpec(settings.pairs(), settings.personality(), Optional.empty()));
      String runId = lab.runId();
      hook = new Thread(() -> Lab.down(runId), "lab-down-" + runId);
      Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void close() {
      try {
        lab.close();
      } finally {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
          // the JVM is already shutting down; the hook runs down() again, harmlessly
        }
      }
    }
  }
}
