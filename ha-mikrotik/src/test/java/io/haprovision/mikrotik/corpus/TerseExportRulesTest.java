package io.haprovision.mikrotik.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The terse export rules hold on every real terse export in the corpus, and each rule can fail. */
class TerseExportRulesTest {

  @TestFactory
  List<DynamicTest> everyTerseExportInTheCorpusKeepsTheRules() {
    List<Corpus.File> terse = Corpus.named("export-").stream().filter(f -> TerseExportRules.isTerse(f.text())).toList();
    assertThat(terse).as("terse exports in the corpus").hasSizeGreaterThanOrEqualTo(8);
    return terse.stream().map(f -> DynamicTest.dynamicTest(f.name(), () -> {
      assertThat(TerseExportRules.violations(f.text())).isEmpty();
      assertThat(TerseExportRules.commands(f.text().split("\n"), new java.util.ArrayList<>())).isNotEmpty();
    })).toList();
  }

  @Test
  void theCorpusHoldsWhatTheRulesSpeakOf() {
    String v712 = Corpus.file("export-7.12.1-terse-vrrp-pair-a.rsc").text();
    assertThat(v712).contains("\\r\\\n    \\n").contains(" group-authority=self ").containsPattern(
        "/ip address add address=(\\S+) interface=\\S+ network=\\1\n");
    assertThat(Corpus.file("export-7.9-terse-vrrp-pair-a.rsc").text()).contains(" group-master=self ")
        .contains("start-date=aug/09/2020");
    assertThat(v712).contains("start-date=2020-08-09");
  }

  /** One line of a real 7.12.1 export, broken one way each: the rules must see it. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "a /32 printed with its prefix|/ip address add address=10.1.0.53/32 interface=vrrp-mgmt-dns network=10.1.0.53|/32",
      "a bare address in another network|/ip address add address=10.1.0.53 interface=vrrp-mgmt-dns network=10.1.0.0|network differs",
      "the pre-7.10 grouping name|/interface vrrp add group-master=self interface=vlan-mgmt name=vrrp-mgmt-dns|group-master",
      "properties out of order|/interface vrrp add interface=vlan-mgmt group-authority=self name=vrrp-mgmt-dns|alphabetical",
      "a script without its owner|/system script add dont-require-permissions=no name=x policy=read source=\":log info x\"|owner",
      "a month-name start date|/system scheduler add name=x on-event=x start-date=aug/09/2020 start-time=09:41:00|start-date",
      "a line wrapped at a width|/ip address add address=10.1.1.2/16 \\<NL>    interface=vlan-mgmt network=10.1.0.0|continuation",
      "a menu header on its own line|/ip address|neither a command"})
  void eachRuleCatchesItsBreak(String what, String line, String expected) {
    String export = "# ____-__-__ __:__:__ by RouterOS 7.12.1\n" + line.replace("<NL>", "\n") + "\n";
    assertThat(TerseExportRules.violations(export)).as(what).anyMatch(v -> v.contains(expected));
  }

  @Test
  void aSevenNineHeaderWithAnIsoDateIsCaught() {
    assertThat(TerseExportRules.violations("# 2023-05-13 00:10:22 by RouterOS 7.9\n")).hasSize(1);
    assertThat(TerseExportRules.violations("# may/13/2023 00:10:22 by RouterOS 7.9\n")).isEmpty();
  }
}
