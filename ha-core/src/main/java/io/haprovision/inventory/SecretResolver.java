package io.haprovision.inventory;

import io.haprovision.secret.Secret;
import io.haprovision.yaml.YamlNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves the text of a secret field: {@code ${env:NAME}}, {@code ${file:PATH}} (relative to
 * the inventory's folder, one trailing newline dropped; only a regular file of at most
 * {@link #SECRET_FILE_MAX_BYTES} of UTF-8) or the value itself. Every problem names the
 * variable or the file, never a value.
 */
final class SecretResolver {
  /** A secret reference: {@code ${env:NAME}} or {@code ${file:PATH}}. */
  static final Pattern SECRET_REF = Pattern.compile("\\$\\{(env|file):([^}]*)}");
  /** Any {@code ${...}} a secret field does not understand. */
  private static final Pattern ANY_REF = Pattern.compile("\\$\\{[^}]*}");
  /** The most a secret file may hold: a password or key, not a log or a device. */
  static final int SECRET_FILE_MAX_BYTES = 64 * 1024;

  private SecretResolver() {}

  /** {@code text}, written at {@code node}, as a secret; null with a problem when it cannot be resolved. */
  static Secret resolve(YamlNode node, String text, Problems problems, LoadContext context) {
    Matcher m = SECRET_REF.matcher(text);
    if (m.matches()) {
      String name = m.group(2).trim();
      if (name.isEmpty()) {
        problems.add(node.path(), "secret.syntax", "`${" + m.group(1) + ":}` names nothing",
            m.group(1).equals("env") ? "write ${env:VARIABLE_NAME}" : "write ${file:path/to/file}");
        return null;
      }
      return m.group(1).equals("env") ? fromEnvironment(node, name, problems, context)
          : fromFile(node, name, problems, context);
    }
    if (ANY_REF.matcher(text).find() || SECRET_REF.matcher(text).find()) {
      // Do not echo the text: it may be a password that happens to contain "${".
      problems.add(node.path(), "secret.syntax",
          "this secret uses `${...}` in a way that is not understood",
          "write exactly ${env:NAME} or ${file:PATH} and nothing else, or the value alone");
      return null;
    }
    if (text.isEmpty()) {
      problems.add(node.path(), "secret.empty", "the secret is empty", "give it a value");
      return null;
    }
    return Secret.of(text, "literal");
  }

  private static Secret fromEnvironment(YamlNode node, String name, Problems problems, LoadContext context) {
    String value = context.environment().apply(name);
    if (value == null) {
      problems.add(node.path(), "secret.env-missing",
          "environment variable " + name + " is not set",
          "export " + name + " before running, or use ${file:PATH}");
      return null;
    }
    if (value.isEmpty()) {
      problems.add(node.path(), "secret.empty", "environment variable " + name + " is empty",
          "give " + name + " a value");
      return null;
    }
    return Secret.of(value, "env:" + name);
  }

  private static Secret fromFile(YamlNode node, String name, Problems problems, LoadContext context) {
    Path file = context.resolvePath(name);
    String value;
    try {
      // Only a regular file: a FIFO or a device (/dev/zero, /dev/stdin) would block the run
      // for ever or fill the memory before anything was checked.
      java.nio.file.attribute.BasicFileAttributes a =
          Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
      if (!a.isRegularFile()) {
        problems.add(node.path(), "secret.file-not-regular",
            "secret file " + file + " is " + (a.isDirectory() ? "a directory" : "not a regular file (a device, FIFO"
                + " or socket)"),
            "point ${file:...} at a regular file that holds only the secret");
        return null;
      }
      if (a.size() > SECRET_FILE_MAX_BYTES) {
        problems.add(node.path(), "secret.file-too-large",
            "secret file " + file + " holds " + a.size() + " bytes; a secret file holds at most "
                + SECRET_FILE_MAX_BYTES,
            "point ${file:...} at a file that holds only the secret");
        return null;
      }
      byte[] bytes;
      try (java.io.InputStream in = Files.newInputStream(file)) {
        bytes = in.readNBytes(SECRET_FILE_MAX_BYTES + 1);
      }
      if (bytes.length > SECRET_FILE_MAX_BYTES) {
        problems.add(node.path(), "secret.file-too-large",
            "secret file " + file + " holds more than " + SECRET_FILE_MAX_BYTES + " bytes",
            "point ${file:...} at a file that holds only the secret");
        return null;
      }
      value = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      problems.add(node.path(), "secret.file-not-utf8", "secret file " + file + " is not UTF-8 text",
          "save the secret as UTF-8");
      return null;
    } catch (IOException | SecurityException e) {
      problems.add(node.path(), "secret.file-unreadable",
          "secret file " + file + " cannot be read (" + e.getClass().getSimpleName() + ")",
          "create it, or fix its permissions; relative paths are relative to the inventory's folder");
      return null;
    }
    if (value.endsWith("\r\n")) {
      value = value.substring(0, value.length() - 2);
    } else if (value.endsWith("\n")) {
      value = value.substring(0, value.length() - 1);
    }
    if (value.isEmpty()) {
      problems.add(node.path(), "secret.empty", "secret file " + file + " is empty", "put the secret in it");
      return null;
    }
    return Secret.of(value, "file:" + file);
  }
}
