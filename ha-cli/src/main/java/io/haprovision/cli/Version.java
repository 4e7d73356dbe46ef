package io.haprovision.cli;

import picocli.CommandLine.IVersionProvider;

/** Prints the version from the jar's manifest (or "development" when run from classes). */
final class Version implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Version.class.getPackage().getImplementationVersion();
    return new String[] {"ha-provision " + (v == null ? "development" : v)};
  }
}
