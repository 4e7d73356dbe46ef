package io.haprovision.transport;

import com.jcraft.jsch.Identity;
import com.jcraft.jsch.IdentityRepository;
import java.util.List;
import java.util.Vector;

/**
 * The keys offered for public-key login: the identity file's first, then the agent's. JSch
 * takes one repository per session, so this joins the two.
 */
final class CombinedIdentities implements IdentityRepository {
  private final List<Identity> fileIdentities;
  private final IdentityRepository agent;

  /**
   * @param fileIdentities keys loaded from the identity file
   * @param agent the agent's repository, or null
   */
  CombinedIdentities(List<Identity> fileIdentities, IdentityRepository agent) {
    this.fileIdentities = List.copyOf(fileIdentities);
    this.agent = agent;
  }

  @Override
  public String getName() {
    return "ha-provision identities";
  }

  @Override
  public int getStatus() {
    return RUNNING;
  }

  @Override
  public Vector<Identity> getIdentities() {
    Vector<Identity> all = new Vector<>(fileIdentities);
    if (agent != null) {
      all.addAll(agent.getIdentities());
    }
    return all;
  }

  @Override
  public boolean add(byte[] identity) {
    return false;
  }

  @Override
  public boolean remove(byte[] blob) {
    return false;
  }

  @Override
  public void removeAll() {
    // the identities belong to the file and the agent; nothing to forget here
  }
}
