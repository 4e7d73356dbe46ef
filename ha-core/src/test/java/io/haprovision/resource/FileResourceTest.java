package io.haprovision.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haprovision.error.InternalException;
import io.haprovision.resource.Comparison.Action;
import io.haprovision.resource.ContentChange.Absent;
import io.haprovision.resource.ContentChange.Known;
import io.haprovision.resource.ContentChange.Unknown;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FileResourceTest {
  private static final String CONF = "global_defs {\n  router_id gw-a\n}\n";

  @Test
  void hashesContentAsSha256sumDoes() {
    // printf 'hello\n' | sha256sum
    assertThat(FileResource.of("/tmp/x", "hello\n").sha256())
        .isEqualTo("5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03");
  }

  @Test
  void rejectsWhatCannotBeInstalled() {
    assertThatThrownBy(() -> FileResource.of("etc/x", "")).isInstanceOf(InternalException.class)
        .hasMessageContaining("absolute");
    assertThatThrownBy(() -> FileResource.of("/etc/x", "").withMode("0888")).isInstanceOf(InternalException.class)
        .hasMessageContaining("octal");
    assertThatThrownBy(() -> FileResource.of("/etc/x", "").withValidation("keepalived -t"))
        .isInstanceOf(InternalException.class).hasMessageContaining("%s");
    assertThatThrownBy(() -> FileResource.secret("/etc/x", "pw").withMode("0644"))
        .isInstanceOf(InternalException.class).hasMessageContaining("0600");
  }

  @Test
  void normalizesThreeDigitModes() {
    assertThat(FileResource.of("/etc/x", "").withMode("755").mode()).isEqualTo("0755");
    assertThat(FileState.present("ab", "644", "root", "root").mode()).isEqualTo("0644");
  }

  @Test
  void sensitiveFilesAre0600AndNeverPrintTheirContent() {
    FileResource secret = FileResource.secret("/etc/keepalived/auth.conf", "auth_pass Zq81xLm0\n");
    assertThat(secret.mode()).isEqualTo("0600");
    assertThat(secret.sensitive()).isTrue();
    assertThat(secret.toString()).doesNotContain("Zq81xLm0").doesNotContain(secret.sha256());
    assertThat(secret.describe()).contains("sensitive").doesNotContain("Zq81xLm0");
    assertThat(FileState.present("ab", "0600", "root", "root").withContent("Zq81xLm0").toString())
        .doesNotContain("Zq81xLm0");
  }

  @Test
  void createsWhatIsMissingWithTheFullTextAsNewSide() {
    FileResource file = FileResource.of("/etc/keepalived/keepalived.conf", CONF);
    Comparison c = file.compare(Optional.empty());
    assertThat(c.action()).isEqualTo(Action.CREATE);
    assertThat(c.summary()).isEqualTo("create file /etc/keepalived/keepalived.conf (0644 root:root)");
    assertThat(c.content()).contains(new ContentChange(file.path(), new Absent(), new Known(CONF)));
    assertThat(file.compare(Optional.of(FileState.absent())).action()).isEqualTo(Action.CREATE);
  }

  @Test
  void equalHashIsNoOpWithoutTheContent() {
    FileResource file = FileResource.of("/etc/x", CONF);
    Comparison c = file.compare(Optional.of(FileState.present(file.sha256(), "0644", "root", "root")));
    assertThat(c.action()).isEqualTo(Action.NONE);
    assertThat(c.summary()).isEqualTo("file /etc/x is up to date");
  }

  @Test
  void differentHashWithoutFetchedContentIsUpdateWithUnknownOldSide() {
    FileResource file = FileResource.of("/etc/x", CONF);
    Comparison c = file.compare(Optional.of(FileState.present("00ff", "0644", "root", "root")));
    assertThat(c.action()).isEqualTo(Action.UPDATE);
    assertThat(c.summary()).isEqualTo("update file /etc/x: content");
    assertThat(c.content()).contains(new ContentChange("/etc/x", new Unknown("00ff"), new Known(CONF)));
  }

  @Test
  void modeAndOwnerChangesAreAttributesNotContent() {
    FileResource file = FileResource.of("/etc/x", CONF).withOwner("keepalived", "keepalived");
    Comparison c = file.compare(Optional.of(FileState.present(file.sha256(), "0600", "root", "root")));
    assertThat(c.action()).isEqualTo(Action.UPDATE);
    assertThat(c.summary()).isEqualTo("update file /etc/x: mode 0600 -> 0644, owner root:root -> keepalived:keepalived");
    assertThat(c.attributes()).containsExactly(new AttributeChange("mode", "0600", "0644"),
        new AttributeChange("owner", "root:root", "keepalived:keepalived"));
    assertThat(c.content()).isEmpty();
  }

  @Test
  void absentFileIsDeletedWhenThereAndLeftAloneOtherwise() {
    FileResource gone = FileResource.absent("/etc/keepalived/notify.sh");
    FileState there = FileState.present("abc", "0755", "root", "root").withContent("#!/bin/sh\n");
    Comparison delete = gone.compare(Optional.of(there));
    assertThat(delete.action()).isEqualTo(Action.DELETE);
    assertThat(delete.content()).contains(new ContentChange(gone.path(), new Known("#!/bin/sh\n"), new Absent()));
    assertThat(gone.compare(Optional.empty()).action()).isEqualTo(Action.NONE);
  }

  @Test
  void sensitiveComparisonHoldsHashesOnlyEvenWhenContentWasFetched() {
    FileResource secret = FileResource.secret("/etc/auth", "auth_pass NewOne1\n");
    FileState now = FileState.present("1234", "0600", "root", "root").withContent("auth_pass OldOne1\n");
    Comparison c = secret.compare(Optional.of(now));
    assertThat(c.action()).isEqualTo(Action.UPDATE);
    assertThat(c.content()).contains(new ContentChange("/etc/auth", new Unknown("1234"), new Unknown(secret.sha256())));
    assertThat(c.toString()).doesNotContain("NewOne1").doesNotContain("OldOne1");
  }

  @Test
  void wrongStateTypeIsABug() {
    FileResource file = FileResource.of("/etc/x", "");
    assertThatThrownBy(() -> file.compare(Optional.of(new LineState(true))))
        .isInstanceOf(InternalException.class)
        .hasMessageContaining("file:/etc/x").hasMessageContaining("LineState").hasMessageContaining("FileState");
  }

  @Test
  void notifyingAddsHandlersInOrder() {
    FileResource file = FileResource.of("/etc/x", "").notifying("a").notifying("b", "c");
    assertThat(file.notifies()).containsExactly("a", "b", "c");
  }
}
