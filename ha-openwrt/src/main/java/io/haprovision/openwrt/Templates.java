package io.haprovision.openwrt;

import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import io.haprovision.error.InternalException;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Map;

/**
 * Renders the FreeMarker templates next to this class on the classpath. Templates get
 * only strings, booleans, lists and maps prepared (and quoted) in Java, so output depends
 * on nothing but the model.
 */
final class Templates {
  private static final Configuration FREEMARKER = configuration();

  private Templates() {}

  private static Configuration configuration() {
    Configuration cfg = new Configuration(Configuration.VERSION_2_3_33);
    cfg.setClassForTemplateLoading(Templates.class, "");
    cfg.setDefaultEncoding("UTF-8");
    cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    cfg.setLogTemplateExceptions(false);
    cfg.setWrapUncheckedExceptions(true);
    cfg.setFallbackOnNullLoopVariable(false);
    return cfg;
  }

  /** The text of template {@code name} for {@code model}. */
  static String render(String name, Map<String, Object> model) {
    try {
      Template template = FREEMARKER.getTemplate(name);
      StringWriter out = new StringWriter();
      template.process(model, out);
      return out.toString();
    } catch (IOException | TemplateException e) {
      // The model may hold a secret: name the template only.
      throw new InternalException("rendering " + name + " failed: " + e.getClass().getSimpleName() + ": "
          + firstLine(e.getMessage()));
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
