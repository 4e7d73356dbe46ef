package io.haprovision.mikrotik.device;

import io.haprovision.inventory.NodeSpec;
import io.haprovision.inventory.PairSpec;
import io.haprovision.mikrotik.HaLink;
import io.haprovision.mikrotik.MikrotikDesiredState;
import io.haprovision.mikrotik.MikrotikSection;
import io.haprovision.mikrotik.routeros.RouterOsSyntax;
import io.haprovision.spi.ActionContext;
import io.haprovision.spi.ActionResult;
import io.haprovision.spi.PlatformAction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code bootstrap-script PAIR NODE}: prints the few commands to paste at the serial console of
 * a factory-reset router so ha-provision can reach it: the HA bridge with the router's HA link
 * address, and the SSH user ha-provision logs in as (with its public key on RouterOS 7). Contacts
 * nothing. Everything else comes from {@code provision apply}.
 */
public final class BootstrapScript implements PlatformAction {
  @Override
  public String name() {
    return "bootstrap-script";
  }

  @Override
  public String usage() {
    return "NODE";
  }

  @Override
  public String description() {
    return "print the paste-in script that prepares a factory-reset router for ha-provision (contacts nothing)";
  }

  @Override
  public boolean needsConnection() {
    return false;
  }

  @Override
  public ActionResult run(ActionContext context, List<String> args) {
    if (args.size() != 1) {
      throw new IllegalArgumentException("bootstrap-script takes the router's name after the pair, e.g. "
          + context.pair().primary().name());
    }
    PairSpec pair = context.pair();
    NodeSpec node = pair.nodes().stream().filter(n -> n.name().equals(args.get(0))).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("pair " + pair.name() + " has no router " + args.get(0)
            + "; its routers: " + String.join(", ", pair.nodes().stream().map(NodeSpec::name).toList())));
    return new ActionResult(true, script(pair, node, publicKey(node)));
  }

  /** The script for {@code node}; {@code publicKey} is the OpenSSH public key line ha-provision logs in with, if known. */
  public static String script(PairSpec pair, NodeSpec node, Optional<String> publicKey) {
    MikrotikSection section = pair.platformSection(MikrotikSection.class);
    HaLink link = section.haLink();
    String user = node.ssh().user();
    List<String> l = new ArrayList<>();
    l.add("# ha-provision bootstrap for router " + node.name() + " (" + node.role().yamlName() + ") of pair "
        + pair.name() + ", RouterOS " + section.routerOs());
    l.add("# Paste at the serial console of the factory-reset router. It checks the HA port's MAC,");
    l.add("# gives the router its HA link address and the SSH user ha-provision logs in as;");
    l.add("# `provision apply` does everything else.");
    l.add(":if ([/interface ethernet get [find default-name=" + RouterOsSyntax.value(link.interfaceName())
        + "] orig-mac-address] != \"" + link.mac().of(node.role()) + "\") do={ :error "
        + RouterOsSyntax.value("this is not " + node.name() + ": its " + link.interfaceName()
            + " MAC differs from the inventory's") + " }");
    l.add("/interface bridge add name=" + RouterOsSyntax.value(link.bridge()) + " protocol-mode=none comment="
        + MikrotikDesiredState.MARK);
    l.add("/interface bridge port add interface=" + RouterOsSyntax.value(link.interfaceName()) + " bridge="
        + RouterOsSyntax.value(link.bridge()) + " comment=" + MikrotikDesiredState.MARK);
    l.add("/ip address add address=" + link.addressCidr(node.role()) + " interface=" + RouterOsSyntax.value(link.bridge())
        + " comment=" + MikrotikDesiredState.MARK);
    l.add("/system identity set name=" + RouterOsSyntax.value(section.nodeIdentity(pair.name(), node.role())));
    l.add(":if ([:len [/user find name=" + RouterOsSyntax.value(user) + "]] = 0) do={ /user add name="
        + RouterOsSyntax.value(user) + " group=full comment=" + MikrotikDesiredState.MARK + " }");
    if (section.routerOs() >= 7 && publicKey.isPresent()) {
      l.add("/user ssh-keys add user=" + RouterOsSyntax.value(user) + " key=" + RouterOsSyntax.value(publicKey.get()));
    } else {
      l.add("# upload your public key as key.pub (e.g. by FTP or Winbox), then:");
      l.add("/user ssh-keys import public-key-file=key.pub user=" + RouterOsSyntax.value(user));
    }
    l.add("/ip service set ssh disabled=no" + (node.ssh().port() == 22 ? "" : " port=" + node.ssh().port()));
    l.add("# ha-provision reaches this router at " + node.host() + ": make sure that address is on one of its ports,");
    l.add("# e.g. /ip address add address=" + node.host() + "/24 interface="
        + (section.rescuePorts().isEmpty() ? "ether1" : section.rescuePorts().get(0)));
    return String.join("\n", l) + "\n";
  }

  private static Optional<String> publicKey(NodeSpec node) {
    Optional<Path> id = node.ssh().identityFile();
    if (id.isEmpty()) {
      return Optional.empty();
    }
    Path pub = Path.of(id.get() + ".pub");
    try {
      return Files.isReadable(pub) ? Optional.of(Files.readString(pub, StandardCharsets.UTF_8).strip())
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
