package io.haprovision.lab.routeros;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration of one simulated router: the entries of every menu, the identity, and
 * the global variables of its scripting host. Survives power off (RouterOS configuration is
 * persistent); globals do not.
 */
final class RouterState {
  final Schema schema;
  final Map<String, List<Entry>> entries = new LinkedHashMap<>();
  final Map<String, Object> globals = new HashMap<>();
  String identity = "MikroTik";
  private long nextId = 1;

  RouterState(Schema schema, int etherCount, String macPrefix) {
    this.schema = schema;
    for (Menu menu : schema.menus()) {
      entries.put(menu.path(), new ArrayList<>());
    }
    Menu ethernet = schema.menu(Schema.ETHERNET);
    for (int i = 1; i <= etherCount; i++) {
      Entry port = newEntry(ethernet);
      String name = "ether" + i;
      String mac = String.format(Locale.ROOT, "%s:%02X", macPrefix, i);
      port.values.put("name", name);
      port.values.put("default-name", name);
      port.values.put("mac-address", mac);
      port.values.put("orig-mac-address", mac);
      list(Schema.ETHERNET).add(port);
    }
    Menu service = schema.menu(Schema.SERVICE);
    for (String[] spec : Schema.SERVICES) {
      Entry entry = newEntry(service);
      entry.values.put("name", spec[0]);
      entry.values.put("port", spec[1]);
      entry.values.put("disabled", spec[2]);
      entry.factory.put("port", spec[1]);
      entry.factory.put("disabled", spec[2]);
      list(Schema.SERVICE).add(entry);
    }
    Entry admin = newEntry(schema.menu(Schema.USER));
    admin.values.put("name", "admin");
    admin.values.put("group", "full");
    admin.values.put("comment", "system default user");
    list(Schema.USER).add(admin);
  }

  /** Adds {@code name} (group full) unless it exists, and authorizes the OpenSSH public key line {@code key} for it. */
  void authorize(String name, String key) {
    if (named(Schema.USER, name).isEmpty()) {
      Entry user = newEntry(schema.menu(Schema.USER));
      user.values.put("name", name);
      user.values.put("group", "full");
      list(Schema.USER).add(user);
    }
    if (key != null) {
      list(Schema.SSH_KEYS).add(sshKey(name, key));
    }
  }

  /** A {@code /user ssh-keys} entry for {@code user} holding the public key line {@code key}. */
  Entry sshKey(String user, String key) {
    String[] fields = key.strip().split("\\s+", 3);
    Entry entry = newEntry(schema.menu(Schema.SSH_KEYS));
    entry.values.put("user", user);
    entry.values.put("key", key.strip());
    entry.values.put("key-owner", fields.length > 2 ? fields[2] : "");
    entry.values.put("bits", fields[0].equals("ssh-ed25519") ? "256" : fields[0].startsWith("ecdsa") ? "256" : "2048");
    return entry;
  }

  /** True when {@code user} is enabled and one of its {@code /user ssh-keys} is the key with this blob. */
  boolean authorizedKey(String user, byte[] blob) {
    boolean enabled = named(Schema.USER, user).map(u -> !u.disabled()).orElse(false);
    if (!enabled) {
      return false;
    }
    for (Entry key : list(Schema.SSH_KEYS)) {
      String[] fields = key.get("key").split("\\s+");
      if (key.get("user").equals(user) && fields.length > 1) {
        try {
          if (java.util.Arrays.equals(java.util.Base64.getDecoder().decode(fields[1]), blob)) {
            return true;
          }
        } catch (IllegalArgumentException e) {
          // a key that is not base64 authorizes nothing
        }
      }
    }
    return false;
  }

  /** A new entry of {@code menu} with its defaults, not yet in any list. */
  Entry newEntry(Menu menu) {
    Entry entry = new Entry(menu, nextId++);
    entry.values.putAll(menu.defaults());
    return entry;
  }

  List<Entry> list(String path) {
    return entries.get(path);
  }

  /** Every interface (ethernet, bonding, bridge, vrrp), as the generic {@code /interface} menu lists them. */
  List<Entry> interfaces() {
    List<Entry> all = new ArrayList<>();
    for (String path : Schema.INTERFACE_MENUS) {
      all.addAll(list(path));
    }
    return all;
  }

  Optional<Entry> iface(String name) {
    return interfaces().stream().filter(e -> e.name().equals(name)).findFirst();
  }

  Optional<Entry> named(String path, String name) {
    return list(path).stream().filter(e -> e.name().equals(name)).findFirst();
  }

  /** Adds or replaces a file in {@code /file}. */
  void writeFile(String name, String contents, LocalDateTime now) {
    Menu menu = schema.menu(Schema.FILE);
    Entry file = named(Schema.FILE, name).orElseGet(() -> {
      Entry created = newEntry(menu);
      created.values.put("name", name);
      list(Schema.FILE).add(created);
      return created;
    });
    file.values.put("type", name.endsWith(".rsc") ? "script" : name.endsWith(".txt") ? ".txt file" : "file");
    file.values.put("contents", contents);
    file.values.put("size", Integer.toString(contents.getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
    file.values.put("creation-time", schema.dateTime(now));
  }
}
