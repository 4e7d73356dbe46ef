package io.haprovision.resource;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a platform gives its resources their reasons while it lists them. */
class DesiredNodeReasonsTest {
  private final List<Resource> list = new ArrayList<>();
  private final DesiredNode.Reasons why = new DesiredNode.Reasons();
  private final FileResource hook = FileResource.of("/usr/libexec/ha-provision/role-hook", "#!/bin/sh\n");

  @Test
  void aBlockSharesOneReasonAndALoneResourceHasItsOwn() {
    why.add(list, hook, "the role hook");
    int from = list.size();
    FileResource conf = FileResource.of("/etc/conntrackd/conntrackd.conf", "Sync {}\n");
    FileResource check = FileResource.of("/usr/libexec/ha-provision/conntrackd-check", "#!/bin/sh\n");
    list.add(conf);
    list.add(check);
    why.since(list, from, "conntrackd's state sync");
    FileResource unexplained = FileResource.of("/etc/motd", "hello\n");
    list.add(unexplained);

    DesiredNode node = new DesiredNode("office", "gw-a", list, List.of(), why.map());
    assertThat(node.resources()).containsExactly(hook, conf, check, unexplained);
    assertThat(node.reason(hook.id())).isEqualTo("the role hook");
    assertThat(node.reason(conf.id())).isEqualTo("conntrackd's state sync");
    assertThat(node.reason(check.id())).isEqualTo("conntrackd's state sync");
    assertThat(node.reason(unexplained.id())).isEmpty();
  }

  @Test
  void theFirstReasonGivenStays() {
    why.add(list, hook, "the role hook");
    why.since(list, 0, "a later, broader block");
    why.of(hook, "another");
    assertThat(why.map()).containsEntry(hook.id(), "the role hook").hasSize(1);
  }
}
