package io.haprovision.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.haprovision.transport.KnownHosts.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** known_hosts parsing and matching, checked against what OpenSSH's own tools write. */
class KnownHostsTest {
  @TempDir Path tmp;

  @Test
  void lookupNamesFollowOpenSsh() {
    assertThat(KnownHosts.lookupName("Router.Example", 22)).isEqualTo("router.example");
    assertThat(KnownHosts.lookupName("192.0.2.11", 2222)).isEqualTo("[192.0.2.11]:2222");
  }

  @Test
  void patternsMatchLikeOpenSsh() {
    assertThat(KnownHosts.matches("a.example,192.0.2.11", "192.0.2.11")).isTrue();
    assertThat(KnownHosts.matches("192.0.2.*", "192.0.2.11")).isTrue();
    assertThat(KnownHosts.matches("192.0.2.?", "192.0.2.11")).isFalse();
    assertThat(KnownHosts.matches("192.0.2.*,!192.0.2.11", "192.0.2.11")).isFalse();
    assertThat(KnownHosts.matches("192.0.2.*,!192.0.2.11", "192.0.2.12")).isTrue();
    assertThat(KnownHosts.matches("192.0.2.11", "[192.0.2.11]:2222")).isFalse();
    assertThat(KnownHosts.matches("[192.0.2.11]:2222", "[192.0.2.11]:2222")).isTrue();
    assertThat(KnownHosts.matches("GW-A", "gw-a")).isTrue();
  }

  @Test
  void fingerprintsAndHashedEntriesAgreeWithSshKeygen() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/ssh-keygen")), "ssh-keygen not installed");
    Path key = tmp.resolve("k");
    TestSshd.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString());
    String[] pub = TestSshd.publicKeyFields(key).split(" ");
    byte[] blob = Base64.getDecoder().decode(pub[1]);
    String expected = TestSshd.run("ssh-keygen", "-lf", TestSshd.pub(key).toString()).split(" ")[1];
    assertThat(KnownHosts.fingerprint(blob)).isEqualTo(expected);
    assertThat(KnownHosts.keyType(blob)).isEqualTo("ssh-ed25519");

    Path file = tmp.resolve("known_hosts");
    Files.writeString(file, "# comment\n\n[192.0.2.11]:2222 " + pub[0] + " " + pub[1] + " c\n");
    TestSshd.run("ssh-keygen", "-q", "-H", "-f", file.toString());
    KnownHosts kh = KnownHosts.read(file);
    assertThat(kh.entries()).singleElement().satisfies(e -> assertThat(e.hosts()).startsWith("|1|"));
    assertThat(kh.check("[192.0.2.11]:2222", blob).verdict()).isEqualTo(Verdict.KNOWN);
    assertThat(kh.check("[192.0.2.12]:2222", blob).verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(kh.check("192.0.2.11", blob).verdict()).isEqualTo(Verdict.UNKNOWN);
  }

  @Test
  void verdictsTellChangedOtherTypesAndRevokedApart() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/ssh-keygen")), "ssh-keygen not installed");
    String[] ed1 = newKey("ed25519", "a");
    String[] ed2 = newKey("ed25519", "b");
    String[] ecdsa = newKey("ecdsa", "c");
    byte[] ed2Blob = Base64.getDecoder().decode(ed2[1]);
    byte[] ecdsaBlob = Base64.getDecoder().decode(ecdsa[1]);
    Path file = tmp.resolve("kh");
    Files.writeString(file, String.join("\n",
        "gw-a " + ed1[0] + " " + ed1[1],
        "gw-b " + ecdsa[0] + " " + ecdsa[1],
        "@revoked * " + ed2[0] + " " + ed2[1],
        "garbage line",
        ""));
    KnownHosts kh = KnownHosts.read(file);
    assertThat(kh.check("gw-a", ed2Blob).verdict()).isEqualTo(Verdict.REVOKED);
    assertThat(kh.check("gw-a", ecdsaBlob).verdict()).isEqualTo(Verdict.OTHER_TYPES);
    assertThat(kh.check("gw-b", ecdsaBlob).verdict()).isEqualTo(Verdict.KNOWN);
    assertThat(kh.check("gw-a", Base64.getDecoder().decode(ed1[1])).verdict())
        .isEqualTo(Verdict.KNOWN);
    KnownHosts.Lookup changed = KnownHosts.read(tmp.resolve("kh")).check("gw-b",
        Base64.getDecoder().decode(newKey("ecdsa", "d")[1]));
    assertThat(changed.verdict()).isEqualTo(Verdict.CHANGED);
    assertThat(changed.known()).singleElement().satisfies(e -> assertThat(e.line()).isEqualTo(2));
  }

  /**
   * Issue 15, goal 4: a run over a thousand nodes parsed the file once per session (two million
   * entries held for 2,000 nodes). The file is now parsed once per version for the JVM, and a
   * plain host name is found without scanning every entry; patterns still match, in file order.
   */
  @Test
  void oneParsedCopyPerVersionOfTheFileAndLookupsByNameKeepPatterns() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/ssh-keygen")), "ssh-keygen not installed");
    String[] fleet = newKey("ed25519", "fleet");
    String[] other = newKey("ed25519", "other");
    byte[] fleetBlob = Base64.getDecoder().decode(fleet[1]);
    byte[] otherBlob = Base64.getDecoder().decode(other[1]);
    StringBuilder lines = new StringBuilder();
    for (int i = 1; i <= 2000; i++) {
      lines.append("[127.77.").append(i >> 8).append('.').append(i & 255).append("]:2222 ").append(fleet[0])
          .append(' ').append(fleet[1]).append('\n');
    }
    lines.append("10.9.9.* ").append(other[0]).append(' ').append(other[1]).append('\n');
    lines.append("10.9.9.1,gw-z ").append(fleet[0]).append(' ').append(fleet[1]).append('\n');
    Path file = Files.writeString(tmp.resolve("fleet_hosts"), lines.toString());

    KnownHosts first = KnownHosts.shared(file);
    assertThat(KnownHosts.shared(tmp.resolve(".").resolve("fleet_hosts"))).isSameAs(first);
    assertThat(first.check("[127.77.3.232]:2222", fleetBlob).verdict()).isEqualTo(Verdict.KNOWN);
    assertThat(first.check("[127.77.8.1]:2222", fleetBlob).verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(first.check("[127.77.0.1]:2222", otherBlob).verdict()).isEqualTo(Verdict.CHANGED);
    // a wildcard line and a plain one both match 10.9.9.1: both keys are known for it
    assertThat(first.check("10.9.9.1", otherBlob).verdict()).isEqualTo(Verdict.KNOWN);
    assertThat(first.check("10.9.9.1", fleetBlob).verdict()).isEqualTo(Verdict.KNOWN);
    assertThat(first.check("gw-z", otherBlob).known()).singleElement()
        .satisfies(e -> assertThat(e.line()).isEqualTo(2002));
    assertThat(first.entriesFor("10.9.9.1")).extracting(KnownHosts.Entry::line).containsExactly(2001, 2002);

    // a new version of the file (a key trusted since, say) is read again
    Files.writeString(file, "gw-z " + other[0] + " " + other[1] + "\n");
    KnownHosts second = KnownHosts.shared(file);
    assertThat(second).isNotSameAs(first);
    assertThat(second.check("gw-z", otherBlob).verdict()).isEqualTo(Verdict.KNOWN);
    assertThat(second.check("[127.77.0.1]:2222", fleetBlob).verdict()).isEqualTo(Verdict.UNKNOWN);
  }

  private String[] newKey(String type, String name) throws Exception {
    Path key = tmp.resolve(name);
    TestSshd.run("ssh-keygen", "-q", "-t", type, "-N", "", "-f", key.toString());
    return TestSshd.publicKeyFields(key).split(" ");
  }
}
