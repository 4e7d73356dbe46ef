package io.haprovision.keepalived;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeepalivedValidationTest {
  static final String NO_VIP = "(BONDERS) No VIP specified; at least one is sensible\n";

  @Test
  void onlyTheNoVipWarningIsForgivenAndOnlyForVipLessPlatforms() {
    assertThat(KeepalivedValidation.accepts(0, "", false)).isTrue();
    assertThat(KeepalivedValidation.accepts(5, NO_VIP + NO_VIP, true)).isTrue();
    assertThat(KeepalivedValidation.accepts(5, NO_VIP, false)).isFalse();
    assertThat(KeepalivedValidation.accepts(5, NO_VIP + "Sync group G1 has only 1 virtual router(s)\n", true))
        .isFalse();
    assertThat(KeepalivedValidation.accepts(4, NO_VIP, true)).isFalse();
  }

  /** The shell form judges like the Java form: run it with a fake keepalived on PATH. */
  @Test
  void shellCommandMatchesTheJavaJudgement(@TempDir Path dir) throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path fake = bin.resolve("keepalived");
    Files.writeString(fake, "#!/bin/sh\ncat \"$FAKE_OUT\" >&2\nexit \"$FAKE_RC\"\n");
    fake.toFile().setExecutable(true);
    record Case(int rc, String out, boolean vipLess) { }
    for (Case c : List.of(new Case(0, "", true), new Case(5, NO_VIP, true), new Case(5, NO_VIP, false),
        new Case(5, NO_VIP + "other warning\n", true), new Case(4, NO_VIP, true))) {
      Path out = dir.resolve("out");
      Files.writeString(out, c.out());
      String command = KeepalivedValidation.command(c.vipLess()).replace("%s", "/staged/file");
      ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(true);
      pb.environment().put("PATH", bin + ":/usr/bin:/bin");
      pb.environment().put("FAKE_OUT", out.toString());
      pb.environment().put("FAKE_RC", Integer.toString(c.rc()));
      Process p = pb.start();
      p.getInputStream().readAllBytes();
      boolean shellAccepts = p.waitFor() == 0;
      assertThat(shellAccepts).as(c.toString()).isEqualTo(KeepalivedValidation.accepts(c.rc(), c.out(), c.vipLess()));
    }
  }
}
