package io.haprovision.keepalived;

import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import io.haprovision.error.InternalException;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Renders a {@link KeepalivedConf} into keepalived.conf text with the FreeMarker
 * template {@code keepalived.conf.ftl} next to this class on the classpath.
 *
 * <p>The template receives only strings, lists and maps prepared here, so the output
 * depends on nothing but the model (no locale-dependent number formatting, no clock):
 * the same model always gives the same bytes. Every value was checked when the model
 * was built; the one secret, {@code auth_pass}, is revealed here and only into the text.
 */
public final class KeepalivedRenderer {
  private static final String TEMPLATE = "keepalived.conf.ftl";
  private static final Configuration FREEMARKER = configuration();

  private KeepalivedRenderer() {}

  private static Configuration configuration() {
    Configuration cfg = new Configuration(Configuration.VERSION_2_3_33);
    cfg.setClassForTemplateLoading(KeepalivedRenderer.class, "");
    cfg.setDefaultEncoding("UTF-8");
    cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    cfg.setLogTemplateExceptions(false);
    cfg.setWrapUncheckedExceptions(true);
    cfg.setFallbackOnNullLoopVariable(false);
    return cfg;
  }

  /** The keepalived.conf text for {@code conf}, ending in a newline. */
  public static String render(KeepalivedConf conf) {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("global", global(conf));
    model.put("scripts", conf.scripts().stream().map(KeepalivedRenderer::script).toList());
    model.put("syncGroup", conf.syncGroup().map(KeepalivedRenderer::syncGroup).orElse(null));
    model.put("instances", conf.instances().stream().map(KeepalivedRenderer::instance).toList());
    model.put("drain", conf.drainFile().map(d -> Map.of("name", DrainFile.TRACK_NAME, "file", d.path(),
        "initial", String.valueOf(DrainFile.IN_SERVICE))).orElse(null));
    try {
      Template template = FREEMARKER.getTemplate(TEMPLATE);
      StringWriter out = new StringWriter();
      template.process(model, out);
      return out.toString();
    } catch (IOException | TemplateException e) {
      // Never include the model in the message: it holds the revealed auth_pass.
      throw new InternalException("rendering keepalived.conf for " + conf.globalDefs().routerId()
          + " failed: " + e.getClass().getSimpleName());
    }
  }

  private static Map<String, Object> global(KeepalivedConf conf) {
    GlobalDefs g = conf.globalDefs();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("routerId", g.routerId());
    m.put("scriptSecurity", conf.runsScripts());
    m.put("mcastGroup4", g.vrrpMcastGroup4().orElse(null));
    m.put("mcastGroup6", g.vrrpMcastGroup6().orElse(null));
    m.put("reloadCheckConfig", g.reloadCheckConfig());
    return m;
  }

  private static Map<String, Object> script(VrrpScript s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", s.name());
    List<String> lines = new ArrayList<>();
    lines.add("script \"" + s.script() + "\"");
    lines.add("interval " + s.interval());
    option(lines, "timeout", s.timeout());
    option(lines, "weight", s.weight());
    option(lines, "fall", s.fall());
    option(lines, "rise", s.rise());
    m.put("lines", lines);
    return m;
  }

  private static Map<String, Object> syncGroup(SyncGroup g) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", g.name());
    m.put("instances", g.instances());
    m.put("trackScripts", g.trackScripts());
    m.put("notify", notifyLines(g.notifyCommands()));
    return m;
  }

  private static Map<String, Object> instance(VrrpInstance i) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", i.name());
    List<String> head = new ArrayList<>();
    head.add("state " + i.state().name());
    head.add("interface " + i.interfaceName());
    head.add("virtual_router_id " + i.virtualRouterId());
    head.add("priority " + i.priority());
    head.add("advert_int " + ConfSyntax.seconds(i.advertInt()));
    head.add("version " + i.version());
    if (i.nopreempt()) {
      head.add("nopreempt");
    }
    if (i.preemptDelay().orElse(0) > 0) {
      head.add("preempt_delay " + i.preemptDelay().getAsInt());
    }
    i.unicastSrcIp().ifPresent(ip -> head.add("unicast_src_ip " + ip));
    option(head, "garp_master_delay", i.garp().masterDelay());
    option(head, "garp_master_repeat", i.garp().masterRepeat());
    option(head, "garp_master_refresh", i.garp().masterRefresh());
    m.put("head", head);
    m.put("auth", i.authentication().map(a -> List.of(
        "auth_type " + a.type().name(),
        "auth_pass " + a.password().reveal())).orElse(null));
    m.put("unicastPeers", i.unicastPeers());
    m.put("vips", i.virtualIps().stream().map(KeepalivedRenderer::vip).toList());
    m.put("trackInterfaces", i.trackInterfaces().stream().map(KeepalivedRenderer::trackInterface).toList());
    m.put("trackScripts", i.trackScripts());
    m.put("routes", i.virtualRoutes().stream().map(KeepalivedRenderer::route).toList());
    m.put("notify", notifyLines(i.notifyCommands()));
    return m;
  }

  private static String vip(VirtualIp v) {
    StringBuilder sb = new StringBuilder(v.address());
    v.device().ifPresent(d -> sb.append(" dev ").append(d));
    v.label().ifPresent(l -> sb.append(" label ").append(l));
    return sb.toString();
  }

  private static String trackInterface(TrackInterface t) {
    return t.weight().isPresent() ? t.name() + " weight " + t.weight().getAsInt() : t.name();
  }

  private static String route(VirtualRoute r) {
    StringBuilder sb = new StringBuilder(r.to());
    r.via().ifPresent(v -> sb.append(" via ").append(v));
    r.dev().ifPresent(d -> sb.append(" dev ").append(d));
    r.src().ifPresent(s -> sb.append(" src ").append(s));
    return sb.toString();
  }

  private static List<String> notifyLines(Notify n) {
    List<String> lines = new ArrayList<>();
    quoted(lines, "notify_master", n.master());
    quoted(lines, "notify_backup", n.backup());
    quoted(lines, "notify_fault", n.fault());
    quoted(lines, "notify_stop", n.stop());
    quoted(lines, "notify", n.generic());
    return lines;
  }

  private static void quoted(List<String> lines, String keyword, Optional<String> command) {
    command.ifPresent(c -> lines.add(keyword + " \"" + c + "\""));
  }

  private static void option(List<String> lines, String keyword, OptionalInt value) {
    value.ifPresent(v -> lines.add(keyword + " " + v));
  }
}
