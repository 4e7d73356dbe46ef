package io.haprovision.lab.bonderapi;

import io.haprovision.error.InternalException;
import io.haprovision.error.TargetException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A throwaway self-signed server certificate made with the JDK's own {@code keytool}
 * (no extra library): an EC key, the given IP addresses and names as subject
 * alternative names, valid for a week. The certificate is its own CA: trusting its
 * PEM file ({@code curl --cacert}) is all a client needs.
 */
final class SelfSignedCertificate {
  private static final String ALIAS = "api";

  private final Path keyStore;
  private final char[] storePassword;
  private final Path pemFile;

  private SelfSignedCertificate(Path keyStore, char[] storePassword, Path pemFile) {
    this.keyStore = keyStore;
    this.storePassword = storePassword;
    this.pemFile = pemFile;
  }

  /**
   * Generates the key pair and certificate in {@code dir} ({@code server.p12}, {@code ca.pem}).
   *
   * @param addresses IP addresses for the certificate (at least one)
   * @param names     DNS names for the certificate (may be empty)
   */
  static SelfSignedCertificate generate(Path dir, List<String> addresses, List<String> names) {
    String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
    Path store = dir.resolve("server.p12");
    Path pem = dir.resolve("ca.pem");
    List<String> san = new ArrayList<>();
    addresses.forEach(a -> san.add("ip:" + a));
    names.forEach(n -> san.add("dns:" + n));
    keytool(List.of("-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1",
        "-sigalg", "SHA256withECDSA", "-dname", "CN=ha-provision lab management API simulator, O=ha-provision lab",
        "-ext", "SAN=" + String.join(",", san), "-ext", "BC:c=ca:true", "-validity", "7",
        "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", password, "-keypass", password));
    keytool(List.of("-exportcert", "-rfc", "-alias", ALIAS, "-keystore", store.toString(), "-storetype", "PKCS12",
        "-storepass", password, "-file", pem.toString()));
    if (!Files.isRegularFile(pem)) {
      throw new InternalException("keytool wrote no certificate to " + pem);
    }
    return new SelfSignedCertificate(store, password.toCharArray(), pem);
  }

  /** The certificate as a PEM file. */
  Path pemFile() {
    return pemFile;
  }

  /** A server-side TLS context presenting this certificate. */
  SSLContext serverContext() {
    try (InputStream in = Files.newInputStream(keyStore)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, storePassword);
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, storePassword);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new InternalException("cannot load the simulator's key store " + keyStore + ": " + e.getMessage(), e);
    }
  }

  private static void keytool(List<String> args) {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    if (!Files.isExecutable(keytool)) {
      throw new TargetException(TargetException.Kind.FAILED, "management API simulator",
          "the JDK's keytool is missing (" + keytool + "); it makes the simulator's certificate. Use a full JDK");
    }
    List<String> argv = new ArrayList<>();
    argv.add(keytool.toString());
    argv.addAll(args);
    try {
      Process process = new ProcessBuilder(argv).redirectErrorStream(true)
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
      ByteArrayOutputStream output = new ByteArrayOutputStream();
      try (InputStream in = process.getInputStream()) {
        in.transferTo(output);
      }
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new TargetException(TargetException.Kind.FAILED, "management API simulator", "keytool did not finish in 60 s");
      }
      if (process.exitValue() != 0) {
        throw new TargetException(TargetException.Kind.FAILED, "management API simulator",
            "keytool " + args.get(0) + " failed (exit " + process.exitValue() + "): "
                + output.toString(StandardCharsets.UTF_8).strip());
      }
    } catch (IOException e) {
      throw new TargetException(TargetException.Kind.FAILED, "management API simulator",
          "cannot run keytool: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TargetException(TargetException.Kind.FAILED, "management API simulator", "interrupted running keytool", e);
    }
  }
}
