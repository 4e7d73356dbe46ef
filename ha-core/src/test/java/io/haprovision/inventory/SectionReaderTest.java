package io.haprovision.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.haprovision.yaml.YamlDocument;
import io.haprovision.yaml.YamlMap;
import io.haprovision.yaml.YamlParser;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SectionReaderTest {
  private Problems problems;

  private SectionReader reader(String yaml) {
    YamlDocument doc = YamlParser.parse(yaml, "s.yml");
    problems = new Problems(doc);
    return SectionReader.of((YamlMap) doc.root(), problems, LoadContext.of(Map.of(), Path.of("/inv")));
  }

  private Problem single(String rule) {
    assertThat(problems.list()).as(problems.list().toString()).hasSize(1);
    Problem p = problems.list().get(0);
    assertThat(p.rule()).isEqualTo(rule);
    return p;
  }

  @Test
  void unknownKeySuggestsTheClosestAllowedOneAtTheKeyItself() {
    SectionReader r = reader("user: root\nprot: 22\n");
    assertThat(r.allowOnly("user", "port", "agent")).isFalse();
    Problem p = single("key.unknown");
    assertThat(p.location()).isEqualTo(new Location("s.yml", 2, 1));
    assertThat(p.keyPath()).isEqualTo("prot");
    assertThat(p.fix()).isEqualTo("did you mean `port`?");
  }

  @Test
  void unknownKeyFarFromEveryAllowedOneListsThem() {
    SectionReader r = reader("colour: blue\n");
    r.allowOnly("user", "port");
    assertThat(single("key.unknown").fix()).isEqualTo("allowed keys here: user, port");
  }

  @Test
  void missingRequiredKeyPointsAtItsMap() {
    SectionReader r = reader("a: 1\nsection:\n  other: x\n");
    assertThat(r.section("section").string("name")).isNull();
    Problem p = single("key.missing");
    assertThat(p.keyPath()).isEqualTo("section.name");
    assertThat(p.location()).isEqualTo(new Location("s.yml", 3, 3));
    assertThat(p.message()).contains("`name`").contains("`section`");
  }

  @Test
  void wrongTypeSaysWhatWouldBeRight() {
    SectionReader r = reader("port: \"22\"\n");
    assertThat(r.integer("port", 1, 65535, 22)).isEqualTo(22);
    Problem p = single("type.wrong");
    assertThat(p.message()).contains("expected a whole number in 1..65535").contains("a string (\"22\")");
    assertThat(p.fix()).isEqualTo("write it without quotes: 22");
    assertThat(p.location()).isEqualTo(new Location("s.yml", 1, 7));
  }

  @Test
  void outOfRangeNamesTheRange() {
    SectionReader r = reader("port: 70000\n");
    assertThat(r.optionalInteger("port", 1, 65535)).isEmpty();
    assertThat(single("value.range").fix()).contains("1..65535");
  }

  @Test
  void collectsEveryProblemInOnePass() {
    SectionReader r = reader("port: x\nagent: 3\nconnect_timeout: soon\nhost_key_policy: lax\nextra: 1\n");
    r.allowOnly("port", "agent", "connect_timeout", "host_key_policy", "user");
    r.integer("port", 1, 65535, 22);
    r.bool("agent", false);
    r.duration("connect_timeout", Duration.ofSeconds(10));
    r.enumValue("host_key_policy", HostKeyPolicy.class, HostKeyPolicy.STRICT);
    r.string("user");
    assertThat(problems.list()).extracting(Problem::rule)
        .containsExactly("key.missing", "type.wrong", "type.wrong", "value.invalid", "value.invalid", "key.unknown");
  }

  @Test
  void durationsTakeUnitsOrSeconds() {
    SectionReader r = reader("a: 500ms\nb: 10s\nc: 2m\nd: 1h\ne: 15\nf: 1.5\ng: 0s\n");
    assertThat(r.duration("a", null)).isEqualTo(Duration.ofMillis(500));
    assertThat(r.duration("b", null)).isEqualTo(Duration.ofSeconds(10));
    assertThat(r.duration("c", null)).isEqualTo(Duration.ofMinutes(2));
    assertThat(r.duration("d", null)).isEqualTo(Duration.ofHours(1));
    assertThat(r.duration("e", null)).isEqualTo(Duration.ofSeconds(15));
    assertThat(r.duration("f", null)).isEqualTo(Duration.ofMillis(1500));
    assertThat(r.duration("g", Duration.ofSeconds(7))).isEqualTo(Duration.ofSeconds(7));
    assertThat(single("value.range").keyPath()).isEqualTo("g");
  }

  @Test
  void enumsAcceptTheYamlSpellingAndSuggest() {
    SectionReader r = reader("a: accept-new\nb: STRICT\nc: acept-new\n");
    assertThat(r.enumValue("a", HostKeyPolicy.class, null)).isEqualTo(HostKeyPolicy.ACCEPT_NEW);
    assertThat(r.enumValue("b", HostKeyPolicy.class, null)).isEqualTo(HostKeyPolicy.STRICT);
    assertThat(r.enumValue("c", HostKeyPolicy.class, null)).isNull();
    assertThat(single("value.invalid").fix()).isEqualTo("use one of strict, accept-new (did you mean `accept-new`?)");
  }

  @Test
  void decimalsKeepTheirWrittenPrecision() {
    SectionReader r = reader("a: 0.10\nb: 3\nc: x\n");
    assertThat(r.decimal("a")).contains(new BigDecimal("0.10"));
    assertThat(r.decimal("b")).contains(new BigDecimal("3"));
    assertThat(r.decimal("c")).isEmpty();
    single("type.wrong");
  }

  @Test
  void addressesAreCheckedAndCanonical() {
    SectionReader r = reader("a: 2001:DB8::0:1\nb: 192.0.2.300\nc: 192.0.2.1/24\nd: 192.0.2.1\n");
    assertThat(r.ipAddress("a")).isEqualTo("2001:db8::1");
    assertThat(r.ipAddress("b")).isNull();
    assertThat(r.cidr("c")).isEqualTo(new InterfaceAddress("192.0.2.1", 24));
    assertThat(r.cidr("d")).isNull();
    assertThat(problems.list()).extracting(Problem::keyPath).containsExactly("b", "d");
    assertThat(problems.list().get(1).fix()).contains("192.0.2.1/24");
  }

  @Test
  void absentSectionIsAnEmptyReader() {
    SectionReader r = reader("a: 1\n");
    SectionReader s = r.section("platform");
    assertThat(s.present()).isFalse();
    assertThat(s.path()).isEqualTo("platform");
    assertThat(s.string("x", "dflt")).isEqualTo("dflt");
    assertThat(s.allowOnly("y")).isTrue();
    assertThat(problems.isEmpty()).isTrue();
  }

  @Test
  void sectionThatIsNotAMapIsAWrongType() {
    SectionReader r = reader("ssh: yes please\n");
    assertThat(r.section("ssh").present()).isFalse();
    assertThat(single("type.wrong").message()).contains("expected a map");
  }

  @Test
  void pathsExpandHomeAndResolveAgainstTheInventoryFolder() {
    YamlDocument doc = YamlParser.parse("a: ~/.ssh/id\nb: keys/id\nc: /etc/id\n", "s.yml");
    problems = new Problems(doc);
    SectionReader r = SectionReader.of((YamlMap) doc.root(), problems,
        new LoadContext(k -> null, Path.of("/inv"), Path.of("/home/u")));
    assertThat(r.path("a")).contains(Path.of("/home/u/.ssh/id"));
    assertThat(r.path("b")).contains(Path.of("/inv/keys/id"));
    assertThat(r.path("c")).contains(Path.of("/etc/id"));
  }

  @Test
  void stringListTakesAListAndOneOrManyAlsoALoneValue() {
    // Every list of names the inventory holds is written as a list (sync_group.instances,
    // track_scripts); where one value alone is fine too (unicast peers), oneOrMany says so.
    SectionReader r = reader("a: one\nb: [x, y]\n");
    assertThat(r.stringList("b")).containsExactly("x", "y");
    assertThat(r.stringList("c")).isEmpty();
    assertThat(r.stringList("a")).isEmpty();
    assertThat(problems.size()).isEqualTo(1);
    assertThat(r.oneOrMany("a", "a name")).hasSize(1);
    assertThat(r.oneOrMany("b", "a name")).hasSize(2);
  }
}
