package io.haprovision.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.haprovision.error.InventoryException;
import io.haprovision.inventory.Location;
import io.haprovision.inventory.Problem;
import org.junit.jupiter.api.Test;

class YamlParserTest {
  private static final String F = "f.yml";

  private static InventoryException failure(String yaml) {
    InventoryException e = catchThrowableOfType(InventoryException.class, () -> YamlParser.parse(yaml, F));
    assertThat(e).as("parsing should fail").isNotNull();
    return e;
  }

  @Test
  void everyNodeKnowsItsLineColumnAndKeyPath() {
    String yaml = """
        pairs:
          - name: office
            nodes:
              - host: 192.0.2.11
                port: 22
        """;
    YamlDocument doc = YamlParser.parse(yaml, F);
    YamlScalar host = (YamlScalar) doc.find("pairs[0].nodes[0].host").orElseThrow();
    assertThat(host.text()).isEqualTo("192.0.2.11");
    assertThat(host.location()).isEqualTo(new Location(F, 4, 15));
    assertThat(host.path()).isEqualTo("pairs[0].nodes[0].host");
    YamlScalar port = (YamlScalar) doc.find("pairs[0].nodes[0].port").orElseThrow();
    assertThat(port.type()).isEqualTo(YamlScalar.Type.INTEGER);
    assertThat(port.location()).isEqualTo(new Location(F, 5, 15));
    YamlMap pair = (YamlMap) doc.find("pairs[0]").orElseThrow();
    assertThat(pair.entries().get("nodes").keyLocation()).isEqualTo(new Location(F, 3, 5));
  }

  @Test
  void mapsKeepKeyOrderAndScalarsKeepTheirYamlType() {
    YamlMap m = (YamlMap) YamlParser.parse("z: 1\na: '1'\nm: 1.50\nb: true\nn:\n", F).root();
    assertThat(m.keys()).containsExactly("z", "a", "m", "b", "n");
    assertThat(((YamlScalar) m.get("z")).type()).isEqualTo(YamlScalar.Type.INTEGER);
    assertThat(((YamlScalar) m.get("a")).type()).isEqualTo(YamlScalar.Type.STRING);
    assertThat(((YamlScalar) m.get("m")).type()).isEqualTo(YamlScalar.Type.DECIMAL);
    assertThat(((YamlScalar) m.get("m")).text()).isEqualTo("1.50");
    assertThat(((YamlScalar) m.get("b")).type()).isEqualTo(YamlScalar.Type.BOOLEAN);
    assertThat(((YamlScalar) m.get("n")).isNull()).isTrue();
  }

  @Test
  void syntaxErrorNamesLineAndColumn() {
    InventoryException e = failure("a:\n  b: 1\n c: 2\n");
    assertThat(e.problems()).hasSize(1);
    Problem p = e.problems().get(0);
    assertThat(p.rule()).isEqualTo("yaml.syntax");
    assertThat(p.location().file()).isEqualTo(F);
    assertThat(p.location().line()).isEqualTo(3);
    assertThat(p.message()).startsWith("invalid YAML");
  }

  @Test
  void unclosedFlowSequenceIsASyntaxError() {
    Problem p = failure("a: [1, 2\nb: 3\n").problems().get(0);
    assertThat(p.rule()).isEqualTo("yaml.syntax");
    assertThat(p.location().line()).isEqualTo(2);
  }

  @Test
  void tabIndentationIsASyntaxError() {
    Problem p = failure("a:\n\tb: 1\n").problems().get(0);
    assertThat(p.rule()).isEqualTo("yaml.syntax");
    assertThat(p.message()).contains("TAB");
  }

  @Test
  void everyDuplicateKeyIsReportedAtItsSecondOccurrence() {
    InventoryException e = failure("a: 1\nb:\n  c: 1\n  c: 2\na: 3\n");
    assertThat(e.problems()).extracting(Problem::rule).containsOnly("yaml.duplicate-key");
    assertThat(e.problems()).extracting(Problem::location)
        .containsExactly(new Location(F, 4, 3), new Location(F, 5, 1));
    assertThat(e.problems()).extracting(Problem::keyPath).containsExactly("b.c", "a");
    assertThat(e.problems().get(0).message()).contains("first at line 3");
  }

  @Test
  void aliasesResolveWithTheirNewPathAndTheAnchorsLocation() {
    String yaml = "base: &b\n  port: 22\nnode:\n  ssh: *b\n";
    YamlDocument doc = YamlParser.parse(yaml, F);
    YamlScalar port = (YamlScalar) doc.find("node.ssh.port").orElseThrow();
    assertThat(port.text()).isEqualTo("22");
    assertThat(port.path()).isEqualTo("node.ssh.port");
    assertThat(port.location()).isEqualTo(new Location(F, 2, 9));
  }

  @Test
  void mergeKeysAddTheAnchoredKeysTheMapLacks() {
    String yaml = "base: &b\n  user: root\n  port: 22\nnode:\n  <<: *b\n  port: 2222\n";
    YamlMap node = (YamlMap) YamlParser.parse(yaml, F).find("node").orElseThrow();
    assertThat(node.keys()).containsExactlyInAnyOrder("user", "port");
    assertThat(((YamlScalar) node.get("port")).text()).isEqualTo("2222");
    assertThat(((YamlScalar) node.get("user")).path()).isEqualTo("node.user");
  }

  @Test
  void unknownAliasIsReportedWhereItIsUsed() {
    InventoryException e = failure("a: 1\nb: *nope\n");
    Problem p = e.problems().get(0);
    assertThat(p.rule()).isEqualTo("yaml.alias-unknown");
    assertThat(p.location()).isEqualTo(new Location(F, 2, 4));
    assertThat(p.message()).contains("*nope");
  }

  @Test
  void mergeOfAScalarIsRefused() {
    InventoryException e = failure("s: &s [1]\nm:\n  <<: *s\n");
    assertThat(e.problems()).extracting(Problem::rule).containsExactly("yaml.merge-not-map");
    assertThat(e.problems().get(0).location()).isEqualTo(new Location(F, 1, 4));
  }

  @Test
  void anAliasToASingleValueIsReportedAsUnsupported() {
    Problem p = failure("s: &s hello\nt: *s\n").problems().get(0);
    assertThat(p.rule()).isEqualTo("yaml.alias-unknown");
    assertThat(p.fix()).contains("anchors on single values are not supported");
  }

  @Test
  void aSecondDocumentIsRefused() {
    InventoryException e = failure("a: 1\n---\nb: 2\n");
    assertThat(e.problems()).extracting(Problem::rule).containsExactly("yaml.multiple-documents");
  }

  @Test
  void emptyFileHasNoRoot() {
    assertThat(YamlParser.parse("", F).root()).isNull();
    assertThat(YamlParser.parse("# only a comment\n", F).root()).isNull();
  }

  @Test
  void locateFallsBackToTheNearestWrittenAncestor() {
    YamlDocument doc = YamlParser.parse("pairs:\n  - name: x\n    vrrp:\n      instances: []\n", F);
    assertThat(doc.locate("pairs[0].vrrp.instances[3].name")).isEqualTo(doc.find("pairs[0].vrrp.instances").orElseThrow().location());
    assertThat(doc.locate("pairs[0].vrrp.missing")).isEqualTo(new Location(F, 4, 7));
    assertThat(doc.locate("nothing.here")).isEqualTo(new Location(F, 1, 1));
  }

  @Test
  void keysThatAreNotPlainWordsAreQuotedInPaths() {
    YamlDocument doc = YamlParser.parse("interfaces:\n  eth0.100: 192.0.2.1/24\n", F);
    YamlNode vlan = ((YamlMap) doc.find("interfaces").orElseThrow()).get("eth0.100");
    assertThat(vlan.path()).isEqualTo("interfaces[\"eth0.100\"]");
    assertThat(doc.find(vlan.path())).contains(vlan);
  }

  @Test
  void exponentialAliasExpansionIsRefused() {
    StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 9; i++) {
      yaml.append("a").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 10; j++) {
        yaml.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      yaml.append("]\n");
    }
    InventoryException e = failure(yaml.toString());
    assertThat(e.problems()).extracting(Problem::rule).containsExactly("yaml.alias-expansion");
  }
}
