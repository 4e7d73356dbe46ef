package io.haprovision.transport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends JSch's own log to SLF4J ({@code io.haprovision.transport.jsch}): its warnings and errors
 * at debug level, its chatter (a few dozen lines per handshake) at trace level. Failures reach
 * the user as exceptions; this is for digging. JSch logs no secrets.
 */
final class JschLog implements com.jcraft.jsch.Logger {
  static final JschLog INSTANCE = new JschLog();
  private static final Logger LOG = LoggerFactory.getLogger("io.haprovision.transport.jsch");

  private JschLog() {}

  @Override
  public boolean isEnabled(int level) {
    return level <= INFO ? LOG.isTraceEnabled() : LOG.isDebugEnabled();
  }

  @Override
  public void log(int level, String message) {
    if (level <= INFO) {
      LOG.trace(message);
    } else {
      LOG.debug(message);
    }
  }
}
