package io.haprovision.transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An OpenSSH known_hosts file, read by ha-provision itself rather than by JSch, because JSch
 * falls back from {@code [host]:port} to plain {@code host} entries (OpenSSH does not) and
 * says too little about a refused key. Understands plain, wildcard ({@code *}, {@code ?}),
 * negated ({@code !}) and hashed ({@code |1|salt|hash}) host patterns and the
 * {@code @revoked} and {@code @cert-authority} markers.
 */
final class KnownHosts {
  /** One key line of the file. */
  record Entry(int line, String marker, String hosts, String keyType, byte[] key) {
    boolean plain() {
      return marker.isEmpty();
    }
  }

  /** What known_hosts says about a presented key. */
  enum Verdict {
    /** An entry for this host holds exactly this key. */
    KNOWN,
    /** Nothing is known for this host. */
    UNKNOWN,
    /** Entries for this host of the same key type hold another key. */
    CHANGED,
    /** Entries for this host exist, but only of other key types. */
    OTHER_TYPES,
    /** The key is marked {@code @revoked}. */
    REVOKED
  }

  /** The verdict and, unless {@code KNOWN}/{@code UNKNOWN}, the entries that decided it. */
  record Lookup(Verdict verdict, List<Entry> known) {}

  /** A file as last read, with what identified its version. */
  private record Read(Object fileKey, long size, long modifiedNanos, KnownHosts content) {}

  /** The files read in this JVM: every session of a run shares one parsed copy. */
  private static final ConcurrentHashMap<Path, Read> SHARED = new ConcurrentHashMap<>();

  private final Path file;
  private final List<Entry> entries;
  /** Entries whose host patterns are all plain names, by name: a lookup need not scan the file. */
  private final Map<String, List<Entry>> byPlainName;
  /** Entries with wildcards, negations or hashed names: matched one by one. */
  private final List<Entry> patterned;

  private KnownHosts(Path file, List<Entry> entries) {
    this.file = file;
    this.entries = entries;
    Map<String, List<Entry>> plain = new HashMap<>();
    List<Entry> other = new ArrayList<>();
    for (Entry e : entries) {
      if (e.hosts().startsWith("|") || e.hosts().indexOf('*') >= 0 || e.hosts().indexOf('?') >= 0
          || e.hosts().indexOf('!') >= 0) {
        other.add(e);
      } else {
        for (String name : e.hosts().split(",")) {
          plain.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>()).add(e);
        }
      }
    }
    this.byPlainName = plain;
    this.patterned = List.copyOf(other);
  }

  /**
   * {@code file} as now on disk, parsed once per version of the file for the whole JVM: a run
   * over a thousand nodes checks a thousand host keys against one parsed file, not a thousand
   * copies of it (the version is the file's identity, size and modification time).
   */
  static synchronized KnownHosts shared(Path file) throws IOException {
    Path key = file.toAbsolutePath().normalize();
    java.nio.file.attribute.BasicFileAttributes now;
    try {
      now = Files.readAttributes(key, java.nio.file.attribute.BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      SHARED.remove(key);
      return read(key);
    }
    long modified = now.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS);
    Read last = SHARED.get(key);
    if (last != null && java.util.Objects.equals(last.fileKey(), now.fileKey()) && last.size() == now.size()
        && last.modifiedNanos() == modified) {
      return last.content();
    }
    KnownHosts content = read(key);
    SHARED.put(key, new Read(now.fileKey(), now.size(), modified, content));
    return content;
  }

  /** Reads {@code file}; a missing file is an empty list. Unparsable lines are skipped, as OpenSSH does. */
  static KnownHosts read(Path file) throws IOException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      lines = List.of();
    }
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Entry e = parse(i + 1, lines.get(i));
      if (e != null) {
        entries.add(e);
      }
    }
    return new KnownHosts(file, List.copyOf(entries));
  }

  Path file() {
    return file;
  }

  List<Entry> entries() {
    return entries;
  }

  /**
   * The name known_hosts uses for a host: {@code host} on port 22, {@code [host]:port} on any
   * other port (as OpenSSH writes and looks it up).
   */
  static String lookupName(String host, int port) {
    String h = host.toLowerCase(Locale.ROOT);
    return port == 22 ? h : "[" + h + "]:" + port;
  }

  /** What this file says about {@code key} presented by the host known as {@code name}. */
  Lookup check(String name, byte[] key) {
    String type = keyType(key);
    List<Entry> sameType = new ArrayList<>();
    List<Entry> otherTypes = new ArrayList<>();
    boolean known = false;
    for (Entry e : candidates(name)) {
      if (!matches(e.hosts(), name)) {
        continue;
      }
      if (e.marker().equals("@revoked")) {
        if (Arrays.equals(e.key(), key)) {
          return new Lookup(Verdict.REVOKED, List.of(e));
        }
      } else if (e.plain()) {
        if (e.keyType().equals(type)) {
          if (Arrays.equals(e.key(), key)) {
            known = true;
          } else {
            sameType.add(e);
          }
        } else {
          otherTypes.add(e);
        }
      }
    }
    if (known) {
      return new Lookup(Verdict.KNOWN, List.of());
    }
    if (!sameType.isEmpty()) {
      return new Lookup(Verdict.CHANGED, List.copyOf(sameType));
    }
    if (!otherTypes.isEmpty()) {
      return new Lookup(Verdict.OTHER_TYPES, List.copyOf(otherTypes));
    }
    return new Lookup(Verdict.UNKNOWN, List.of());
  }

  /** The entries (any marker) whose host patterns match {@code name}. */
  List<Entry> entriesFor(String name) {
    return candidates(name).stream().filter(e -> matches(e.hosts(), name)).toList();
  }

  /** The entries that may match {@code name}, in file order. */
  private List<Entry> candidates(String name) {
    List<Entry> plain = byPlainName.getOrDefault(name, List.of());
    if (patterned.isEmpty()) {
      return plain;
    }
    List<Entry> out = new ArrayList<>(plain.size() + patterned.size());
    out.addAll(plain);
    out.addAll(patterned);
    out.sort(Comparator.comparingInt(Entry::line));
    return out;
  }

  /** The line to append for a newly trusted key: {@code name type base64}. */
  static String line(String name, byte[] key) {
    return name + " " + keyType(key) + " " + Base64.getEncoder().encodeToString(key);
  }

  /** The key type named inside an SSH public key blob ({@code ssh-ed25519}, {@code ssh-rsa}...). */
  static String keyType(byte[] blob) {
    if (blob.length < 4) {
      return "unknown";
    }
    int len = ((blob[0] & 0xff) << 24) | ((blob[1] & 0xff) << 16) | ((blob[2] & 0xff) << 8)
        | (blob[3] & 0xff);
    if (len <= 0 || len > blob.length - 4 || len > 64) {
      return "unknown";
    }
    return new String(blob, 4, len, StandardCharsets.US_ASCII);
  }

  /** OpenSSH's fingerprint: {@code SHA256:} and the unpadded base64 of the blob's SHA-256. */
  static String fingerprint(byte[] blob) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
      return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** True when a comma-separated pattern list (or a hashed entry) matches {@code name}. */
  static boolean matches(String patterns, String name) {
    if (patterns.startsWith("|1|")) {
      return hashedMatches(patterns, name);
    }
    boolean matched = false;
    for (String p : patterns.split(",")) {
      if (p.startsWith("!")) {
        if (glob(p.substring(1).toLowerCase(Locale.ROOT), name)) {
          return false; // a matching negation vetoes the whole line, as in OpenSSH
        }
      } else if (glob(p.toLowerCase(Locale.ROOT), name)) {
        matched = true;
      }
    }
    return matched;
  }

  private static boolean hashedMatches(String entry, String name) {
    String[] parts = entry.substring(3).split("\\|");
    if (parts.length != 2) {
      return false;
    }
    try {
      byte[] salt = Base64.getDecoder().decode(parts[0]);
      byte[] hash = Base64.getDecoder().decode(parts[1]);
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(salt, "HmacSHA1"));
      return MessageDigest.isEqual(hash, mac.doFinal(name.getBytes(StandardCharsets.UTF_8)));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      return false; // a malformed hashed entry matches nothing
    }
  }

  /** OpenSSH's wildcard match: {@code *} any run of characters, {@code ?} exactly one. */
  static boolean glob(String pattern, String text) {
    int p = 0;
    int t = 0;
    int star = -1;
    int mark = 0;
    while (t < text.length()) {
      if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == text.charAt(t))) {
        p++;
        t++;
      } else if (p < pattern.length() && pattern.charAt(p) == '*') {
        star = p++;
        mark = t;
      } else if (star >= 0) {
        p = star + 1;
        t = ++mark;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pattern.length();
  }

  private static Entry parse(int lineNo, String raw) {
    String line = raw.strip();
    if (line.isEmpty() || line.startsWith("#")) {
      return null;
    }
    String[] f = line.split("[ \t]+");
    int i = 0;
    String marker = "";
    if (f[0].startsWith("@")) {
      marker = f[0];
      i = 1;
    }
    if (f.length < i + 3) {
      return null;
    }
    try {
      byte[] key = Base64.getDecoder().decode(f[i + 2]);
      return new Entry(lineNo, marker, f[i], f[i + 1], key);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
