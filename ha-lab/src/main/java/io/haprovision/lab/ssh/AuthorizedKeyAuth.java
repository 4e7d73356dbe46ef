package io.haprovision.lab.ssh;

import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiPredicate;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.server.auth.AbstractUserAuth;
import org.apache.sshd.server.auth.AbstractUserAuthFactory;
import org.apache.sshd.server.auth.UserAuth;
import org.apache.sshd.server.session.ServerSession;

/**
 * SSH {@code publickey} authentication against the router's {@code /user ssh-keys}, done here
 * rather than by MINA SSHD because the pinned SSHD verifies {@code ssh-ed25519} only with an
 * extra library we do not ship: ed25519 signatures are checked with the JDK's own Ed25519,
 * other key types with SSHD's signatures. The offered key must be byte-for-byte an authorized one.
 */
public final class AuthorizedKeyAuth extends AbstractUserAuth {
  /** The DER prefix that turns a raw 32-byte Ed25519 key into an X.509 SubjectPublicKeyInfo. */
  private static final byte[] ED25519_X509_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

  private final BiPredicate<String, byte[]> authorized;

  private AuthorizedKeyAuth(BiPredicate<String, byte[]> authorized) {
    super("publickey");
    this.authorized = authorized;
  }

  /** A factory for sessions that accept a user with a key blob when {@code authorized} says so. */
  public static AbstractUserAuthFactory factory(BiPredicate<String, byte[]> authorized) {
    return new AbstractUserAuthFactory("publickey") {
      @Override
      public UserAuth createUserAuth(ServerSession session) {
        return new AuthorizedKeyAuth(authorized);
      }
    };
  }

  @Override
  protected Boolean doAuth(Buffer buffer, boolean init) throws Exception {
    boolean hasSignature = buffer.getBoolean();
    String algorithm = buffer.getString();
    byte[] blob = buffer.getBytes();
    boolean accepted = authorized.test(getUsername(), blob);
    if (!accepted) {
      return false;
    }
    ServerSession session = getServerSession();
    if (!hasSignature) {
      Buffer ok = session.createBuffer(SshConstants.SSH_MSG_USERAUTH_PK_OK, blob.length + algorithm.length() + 16);
      ok.putString(algorithm);
      ok.putBytes(blob);
      session.writePacket(ok);
      return null;
    }
    byte[] signature = buffer.getBytes();
    Buffer signed = new ByteArrayBuffer();
    signed.putBytes(session.getSessionId());
    signed.putByte(SshConstants.SSH_MSG_USERAUTH_REQUEST);
    signed.putString(getUsername());
    signed.putString(getService());
    signed.putString(getName());
    signed.putBoolean(true);
    signed.putString(algorithm);
    signed.putBytes(blob);
    byte[] data = signed.getCompactData();
    return algorithm.equals("ssh-ed25519") ? verifyEd25519(blob, data, signature) : verifyWithSshd(session, algorithm, blob, data, signature);
  }

  private static boolean verifyEd25519(byte[] blob, byte[] data, byte[] signatureBlob) throws Exception {
    Buffer key = new ByteArrayBuffer(blob);
    key.getString(); // key type
    byte[] raw = key.getBytes();
    byte[] x509 = Arrays.copyOf(ED25519_X509_PREFIX, ED25519_X509_PREFIX.length + raw.length);
    System.arraycopy(raw, 0, x509, ED25519_X509_PREFIX.length, raw.length);
    PublicKey publicKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509));
    Buffer sig = new ByteArrayBuffer(signatureBlob);
    if (!"ssh-ed25519".equals(sig.getString())) {
      return false;
    }
    java.security.Signature verifier = java.security.Signature.getInstance("Ed25519");
    verifier.initVerify(publicKey);
    verifier.update(data);
    return verifier.verify(sig.getBytes());
  }

  private static boolean verifyWithSshd(ServerSession session, String algorithm, byte[] blob, byte[] data,
      byte[] signatureBlob) throws Exception {
    PublicKey publicKey = new ByteArrayBuffer(blob).getRawPublicKey();
    List<NamedFactory<Signature>> factories = session.getSignatureFactories() != null
        ? session.getSignatureFactories() : List.copyOf(BuiltinSignatures.VALUES);
    Signature verifier = NamedFactory.create(factories, algorithm);
    if (verifier == null) {
      return false;
    }
    verifier.initVerifier(session, publicKey);
    verifier.update(session, data);
    return verifier.verify(session, signatureBlob);
  }
}
