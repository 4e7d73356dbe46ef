package io.haprovision.openwrt;

import io.haprovision.openwrt.uci.UciOption;
import io.haprovision.openwrt.uci.UciSection;
import io.haprovision.resource.DesiredNode;
import io.haprovision.resource.FileResource;
import io.haprovision.resource.Handler;
import io.haprovision.resource.Resource;
import io.haprovision.resource.ServiceResource;
import io.haprovision.secret.Secret;
import java.util.List;

/**
 * A node's desired state as reviewable text for golden files: handlers, then every
 * resource in order with what it notifies, its commands (UCI), its validation and its full
 * content (files). Secret values are masked even in sensitive files' content.
 */
final class DesiredText {
  private DesiredText() {}

  static String render(DesiredNode node, List<Secret> secrets) {
    StringBuilder sb = new StringBuilder();
    sb.append("# desired state of node ").append(node.node()).append(" of pair ").append(node.pair()).append("\n\n");
    sb.append("## handlers\n");
    for (Handler h : node.handlers()) {
      sb.append(h.name()).append(" ").append(h.kind()).append(": ").append(h.command()).append("\n");
    }
    sb.append("\n## resources\n");
    int n = 0;
    for (Resource r : node.resources()) {
      n++;
      sb.append("\n").append(n).append(". ").append(r.describe()).append("\n");
      sb.append("   id: ").append(r.id()).append("\n");
      if (!r.notifies().isEmpty()) {
        sb.append("   notifies: ").append(String.join(", ", r.notifies())).append("\n");
      }
      if (r instanceof ServiceResource s && !s.handlerNames().isEmpty()) {
        sb.append("   handlers: ").append(String.join(", ", s.handlerNames())).append("\n");
      }
      if (r instanceof UciSection u) {
        u.applyCommands().forEach(c -> sb.append("   $ ").append(c).append("\n"));
      }
      if (r instanceof UciOption u) {
        u.applyCommands().forEach(c -> sb.append("   $ ").append(c).append("\n"));
      }
      if (r instanceof FileResource f) {
        f.validateCommand().ifPresent(v -> sb.append("   validate: ").append(v).append("\n"));
        String content = f.content();
        for (Secret s : secrets) {
          content = content.replace(s.reveal(), Secret.MASK);
        }
        sb.append("   ----- content").append(f.sensitive() ? " (sensitive; secrets masked here)" : "")
            .append(" -----\n").append(content);
        if (!content.endsWith("\n")) {
          sb.append("\n");
        }
        sb.append("   ----- end -----\n");
      }
    }
    return sb.toString();
  }
}
