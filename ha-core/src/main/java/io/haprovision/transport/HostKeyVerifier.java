package io.haprovision.transport;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.UserInfo;
import io.haprovision.transport.KnownHosts.Entry;
import io.haprovision.transport.KnownHosts.Lookup;
import io.haprovision.transport.KnownHosts.Verdict;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The host key check of one session, plugged into JSch as its {@link HostKeyRepository}
 * (JSch itself runs with {@code StrictHostKeyChecking=yes}, so anything this does not answer
 * {@code OK} to is refused). It applies the endpoint's {@link HostKeyPolicy}, appends keys
 * trusted on first use, and remembers why it refused a key so the transport can say so.
 */
final class HostKeyVerifier implements HostKeyRepository {
  /** One lock per known_hosts file for this JVM; a file lock covers other processes. */
  private static final ConcurrentHashMap<Path, Object> FILE_LOCKS = new ConcurrentHashMap<>();

  private final SshEndpoint endpoint;
  private final Path file;
  private final String name;
  private volatile KnownHosts knownHosts;
  private volatile String refusal;

  HostKeyVerifier(SshEndpoint endpoint) throws IOException {
    this.endpoint = endpoint;
    this.file = HomePath.expand(endpoint.knownHosts()).toAbsolutePath().normalize();
    this.name = KnownHosts.lookupName(endpoint.host(), endpoint.port());
    this.knownHosts = KnownHosts.shared(file);
  }

  /** Why the presented key was refused, as a sentence for the user; null if it was not. */
  String refusal() {
    return refusal;
  }

  @Override
  public int check(String host, byte[] key) {
    Lookup lookup = knownHosts.check(name, key);
    switch (lookup.verdict()) {
      case KNOWN:
        return OK;
      case UNKNOWN:
        if (endpoint.hostKeyPolicy() == HostKeyPolicy.ACCEPT_NEW) {
          return trustOnFirstUse(key);
        }
        refusal = unknownMessage(key);
        return NOT_INCLUDED;
      case REVOKED:
        refusal = "host key refused: the " + KnownHosts.keyType(key) + " key "
            + KnownHosts.fingerprint(key) + " presented by " + name + " is marked @revoked in "
            + file + " line " + lookup.known().get(0).line() + ".";
        return CHANGED;
      default:
        refusal = changedMessage(lookup, key);
        return CHANGED;
    }
  }

  /** Appends the key unless another writer got there first; re-checks under the lock. */
  private int trustOnFirstUse(byte[] key) {
    synchronized (FILE_LOCKS.computeIfAbsent(file, f -> new Object())) {
      try {
        createParent();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE,
            StandardOpenOption.WRITE, StandardOpenOption.READ);
            FileLock lock = ch.lock()) {
          restrictToOwner();
          knownHosts = KnownHosts.read(file);
          Lookup again = knownHosts.check(name, key);
          if (again.verdict() == Verdict.KNOWN) {
            return OK;
          }
          if (again.verdict() != Verdict.UNKNOWN) {
            refusal = changedMessage(again, key);
            return CHANGED;
          }
          String line = KnownHosts.line(name, key) + "\n";
          long size = ch.size();
          if (size > 0) {
            ByteBuffer last = ByteBuffer.allocate(1);
            ch.read(last, size - 1);
            if (last.get(0) != '\n') {
              line = "\n" + line;
            }
          }
          ch.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)), size);
          ch.force(true);
          knownHosts = KnownHosts.read(file);
          return OK;
        }
      } catch (IOException e) {
        refusal = "host key refused: " + name + " presented an unknown "
            + KnownHosts.keyType(key) + " key " + KnownHosts.fingerprint(key)
            + " and host_key_policy accept-new could not record it in " + file + ": " + e
            + ". Fix the file's permissions or add the key yourself.";
        return NOT_INCLUDED;
      }
    }
  }

  private void createParent() throws IOException {
    Path parent = file.getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      if (posix()) {
        Files.createDirectories(parent,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } else {
        Files.createDirectories(parent);
      }
    }
  }

  /** A known_hosts file we created (or found empty) gets 0600, as OpenSSH leaves it. */
  private void restrictToOwner() throws IOException {
    if (posix() && Files.size(file) == 0) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
  }

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

  private String unknownMessage(byte[] key) {
    String type = KnownHosts.keyType(key);
    String scan = "ssh-keyscan" + (endpoint.port() == 22 ? "" : " -p " + endpoint.port())
        + " -t " + scanType(type) + " " + endpoint.host();
    return "host key refused: " + name + " has no entry in " + file + " (host_key_policy strict)."
        + " The server presented a " + type + " key with fingerprint " + KnownHosts.fingerprint(key)
        + ". Check that fingerprint on the device itself, then trust it with `" + scan + " >> "
        + file + "` (and compare `ssh-keygen -lf " + file + "`), or set host_key_policy:"
        + " accept-new for this host to trust it on first use.";
  }

  private String changedMessage(Lookup lookup, byte[] key) {
    String presented = KnownHosts.keyType(key) + " key " + KnownHosts.fingerprint(key);
    String known = lookup.known().stream()
        .map(e -> e.keyType() + " key " + KnownHosts.fingerprint(e.key()) + " (line " + e.line() + ")")
        .collect(Collectors.joining(", "));
    String what = lookup.verdict() == Verdict.OTHER_TYPES
        ? file + " holds only other key types for it: "
        : file + " holds ";
    return "HOST KEY CHANGED for " + name + ": " + what + known + ", but the server presented "
        + presented + ". Refused under every host_key_policy: someone may be intercepting the"
        + " connection, or the device was reinstalled or got a new key. If the change is expected,"
        + " verify the new fingerprint on the device, remove the old entry with `ssh-keygen -R '"
        + name + "' -f " + file + "` and trust the new key.";
  }

  private static String scanType(String keyType) {
    if (keyType.startsWith("ecdsa-")) {
      return "ecdsa";
    }
    return keyType.startsWith("ssh-") ? keyType.substring(4) : keyType;
  }

  // JSch uses these to order host key algorithms (known types first) and to find CA keys.

  @Override
  public HostKey[] getHostKey() {
    return toJsch(knownHosts.entries(), null);
  }

  @Override
  public HostKey[] getHostKey(String host, String type) {
    return toJsch(knownHosts.entriesFor(name), type);
  }

  private static HostKey[] toJsch(List<Entry> entries, String type) {
    List<HostKey> out = new ArrayList<>();
    for (Entry e : entries) {
      if (e.marker().equals("@revoked") || (type != null && !e.keyType().equals(type))) {
        continue;
      }
      try {
        out.add(new HostKey(e.marker(), e.hosts(), HostKey.GUESS, e.key(), null));
      } catch (JSchException unsupported) {
        // a key type JSch does not know cannot be used anyway
      }
    }
    return out.toArray(new HostKey[0]);
  }

  @Override
  public void add(HostKey hostkey, UserInfo ui) {
    // Never called with StrictHostKeyChecking=yes; trusting is done in check().
  }

  @Override
  public void remove(String host, String type) {
    // ha-provision never removes known keys.
  }

  @Override
  public void remove(String host, String type, byte[] key) {
    // ha-provision never removes known keys.
  }

  @Override
  public String getKnownHostsRepositoryID() {
    return file.toString();
  }
}
