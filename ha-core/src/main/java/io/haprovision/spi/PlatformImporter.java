package io.haprovision.spi;

import io.haprovision.adopt.InventoryText.Mapping;
import io.haprovision.adopt.KeepalivedAdoption.Note;
import io.haprovision.adopt.KeepalivedAdoption.SecretVariable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * How a platform reads a pair built by hand ({@code provision import PLATFORM}): over the
 * nodes' sessions, read-only (it may run commands that print, never one that changes
 * anything), into the parts of an inventory. Returned by {@link Target#importer()}.
 */
public interface PlatformImporter {
  /**
   * What import works on.
   *
   * @param pair the pair's name in the inventory to write
   * @param nodes both nodes' sessions, in the order the user named them
   * @param progress receives one line per step
   */
  record Context(String pair, List<NodeContext> nodes, Consumer<String> progress) {
    /** Copies the list. */
    public Context {
      Objects.requireNonNull(pair, "pair");
      nodes = List.copyOf(nodes);
      Objects.requireNonNull(progress, "progress");
    }

    /**
     * Reads each node in order, saying first on {@link #progress} what is read on it.
     *
     * @param what what is read, for the progress line ({@code "keepalived and DHCP settings"})
     * @param reader reads one node
     * @return one reading per node, in the order of {@link #nodes}
     */
    public <T> List<T> readEach(String what, Function<NodeContext, T> reader) {
      List<T> out = new ArrayList<>();
      for (NodeContext n : nodes) {
        progress.accept(n.node() + ": reading " + what);
        out.add(reader.apply(n));
      }
      return out;
    }
  }

  /**
   * The pair as read.
   *
   * @param primary the node to make primary
   * @param secondary the other node
   * @param interfaces each node's {@code interfaces:} by node name
   * @param vrrp the pair's {@code vrrp:} section, when the platform has one
   * @param platformSection the platform's own section ({@code openwrt:})
   * @param notes what could not be expressed and every choice made
   * @param secrets the environment variables the inventory refers to
   */
  record Reading(String primary, String secondary, Map<String, Mapping> interfaces, Optional<Mapping> vrrp,
      Mapping platformSection, List<Note> notes, List<SecretVariable> secrets) {
    /** Copies the collections. */
    public Reading {
      Objects.requireNonNull(primary, "primary");
      Objects.requireNonNull(secondary, "secondary");
      interfaces = Map.copyOf(interfaces);
      Objects.requireNonNull(vrrp, "vrrp");
      Objects.requireNonNull(platformSection, "platformSection");
      notes = List.copyOf(notes);
      secrets = List.copyOf(secrets);
    }
  }

  /** Reads both nodes of the pair, changing nothing on them. */
  Reading read(Context context);
}
