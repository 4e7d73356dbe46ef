package io.haprovision.mikrotik.routeros;

import io.haprovision.resource.Resource;
import java.util.List;

/**
 * Lays RouterOS entries out as a {@code .rsc} script for review: a header, then each entry
 * as the {@code add} (or {@code set}) command that would create it from scratch, grouped
 * under its menu the way {@code /export} groups them. A multi-line value (a script source)
 * is also shown above its command as comment lines, because a single line full of
 * {@code \n} escapes is hard to review. Secrets show as {@code ******}, so the file is safe
 * to share and is not meant to be imported as it is.
 */
public final class RscScript {
  private RscScript() {}

  /**
   * The review script of {@code resources}; resources that are not RouterOS entries are
   * listed as comments. {@code header} lines are written first, each as a comment.
   */
  public static String render(List<String> header, List<? extends Resource> resources) {
    StringBuilder sb = new StringBuilder();
    header.forEach(line -> sb.append(line.isEmpty() ? "#" : "# " + line).append('\n'));
    String menu = null;
    for (Resource resource : resources) {
      if (resource instanceof RouterOsOwnedSet set) {
        sb.append("# other entries of ").append(set.menu()).append(" marked ").append(set.mark())
            .append(" are removed\n");
        menu = null;
        continue;
      }
      if (!(resource instanceof RouterOsEntry entry)) {
        sb.append("# (not a RouterOS entry) ").append(resource.describe()).append('\n');
        menu = null;
        continue;
      }
      if (!entry.menu().equals(menu)) {
        menu = entry.menu();
        sb.append(menu).append('\n');
      }
      entry.properties().forEach((name, value) -> {
        if (value.contains("\n")) {
          sb.append("# ").append(name).append(" of ").append(RouterOsSyntax.assignments(entry.key())).append(":\n");
          value.lines().forEach(line -> sb.append("#   ").append(line).append('\n'));
        }
      });
      sb.append(entry.reviewLine()).append('\n');
    }
    return sb.toString();
  }
}
