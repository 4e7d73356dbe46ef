package io.haprovision.resource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key of the digests a plan carries ({@code facts_digest}, {@code desired_digest}):
 * HMAC-SHA256 over their canonical text.
 *
 * <p>Why keyed: the canonical texts include the SHA-256 of every file's content, sensitive
 * ones too. An unkeyed hash of them would let anyone holding a saved plan and the rest of the
 * inventory guess a short secret (a VRRP {@code auth_pass} has at most 8 characters) offline,
 * one hash per guess. Keyed, a plan carries nothing a secret can be guessed from without the
 * key, which never leaves the machine.
 *
 * <p>The price is deliberate: a plan applied on another machine (another key) does not match
 * the digests recomputed there and is refused as stale. That is the safe failure: plans are
 * bound to the machine that made them; plan again where you apply.
 *
 * <p>{@link #local()} is the key of this machine's user; {@link #of(byte[])} a fixed one
 * (tests, embedders that keep their own key). Thread-safe.
 */
public final class DigestKey {
  /** Length in bytes of a generated key (the size of an HMAC-SHA256 output). */
  public static final int KEY_BYTES = 32;
  private static final String ALGORITHM = "HmacSHA256";
  private static final String FILE_NAME = "plan-digest.key";

  private final Path file;
  private volatile byte[] key;

  private DigestKey(Path file, byte[] key) {
    this.file = file;
    this.key = key;
  }

  /**
   * A fixed key (tests, or an embedder that manages its own).
   *
   * @param key at least 16 bytes; copied
   * @throws IllegalArgumentException when shorter than 16 bytes
   */
  public static DigestKey of(byte[] key) {
    Objects.requireNonNull(key, "key");
    if (key.length < 16) {
      throw new IllegalArgumentException("a digest key needs at least 16 bytes, got " + key.length);
    }
    return new DigestKey(null, key.clone());
  }

  /**
   * This user's key on this machine: {@code plan-digest.key} under
   * {@code $XDG_CONFIG_HOME/ha-provision/}, or {@code ~/.config/ha-provision/} when that
   * variable is unset or empty. Read (or created) on the first digest, not here.
   */
  public static DigestKey local() {
    String xdg = System.getenv("XDG_CONFIG_HOME");
    Path base = xdg != null && !xdg.isBlank()
        ? Path.of(xdg)
        : Path.of(System.getProperty("user.home"), ".config");
    return local(base.resolve("ha-provision"));
  }

  /**
   * The key kept in {@code configDir/plan-digest.key}. On first use a random 32-byte key is
   * created there: the folder with mode 0700, the file 0600, published atomically so two
   * processes starting at once end up with the same key, never two.
   *
   * @param configDir the folder holding the key file
   */
  public static DigestKey local(Path configDir) {
    return new DigestKey(Objects.requireNonNull(configDir, "configDir").resolve(FILE_NAME), null);
  }

  /** The key file, or none for {@link #of(byte[])} keys. */
  public java.util.Optional<Path> file() {
    return java.util.Optional.ofNullable(file);
  }

  /**
   * HMAC-SHA256 of {@code canonicalText} (UTF-8) under this key.
   *
   * @return lowercase hex, 64 characters
   * @throws UncheckedIOException when the key file cannot be read or created
   */
  public String digest(String canonicalText) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(keyBytes(), ALGORITHM));
      return HexFormat.of().formatHex(mac.doFinal(canonicalText.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      // Every Java runtime must provide HmacSHA256.
      throw new IllegalStateException(e);
    }
  }

  private byte[] keyBytes() {
    byte[] k = key;
    if (k == null) {
      synchronized (this) {
        if (key == null) {
          key = loadOrCreate(file);
        }
        k = key;
      }
    }
    return k;
  }

  private static byte[] loadOrCreate(Path file) {
    try {
      if (!Files.exists(file)) {
        create(file);
      }
      byte[] k = Files.readAllBytes(file);
      if (k.length != KEY_BYTES) {
        throw new IOException("it holds " + k.length + " bytes, not " + KEY_BYTES
            + "; delete it to make a new key (plans made before are then refused as stale)");
      }
      return k;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the plan digest key " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes a new key to a private temporary file, then hard-links it to the final name: the
   * link fails if the name exists, so a racing process keeps the first key and every reader
   * sees a complete file.
   */
  private static void create(Path file) throws IOException {
    Path dir = file.getParent();
    boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    if (!Files.isDirectory(dir)) {
      if (posix) {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } else {
        Files.createDirectories(dir);
      }
    }
    FileAttribute<?>[] privateFile = posix
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
        : new FileAttribute<?>[0];
    Path temp = Files.createTempFile(dir, FILE_NAME + ".", ".tmp", privateFile);
    try {
      byte[] k = new byte[KEY_BYTES];
      new SecureRandom().nextBytes(k);
      Files.write(temp, k, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
      Arrays.fill(k, (byte) 0);
      try {
        Files.createLink(file, temp);
      } catch (FileAlreadyExistsException lostTheRace) {
        // Another process published its key first: use that one.
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  @Override
  public String toString() {
    return file == null ? "DigestKey(fixed)" : "DigestKey(" + file + ")";
  }
}
