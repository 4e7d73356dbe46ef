package io.haprovision.engine;

import io.haprovision.ProgressEvent;
import io.haprovision.ProgressEvent.Phase;
import io.haprovision.ProvisionListener;
import io.haprovision.engine.ApplyReport.ChangeResult;
import io.haprovision.engine.ApplyReport.HandlerResult;
import io.haprovision.engine.ApplyReport.NodeResult;
import io.haprovision.engine.ApplyReport.NodeStatus;
import io.haprovision.error.ProvisionException;
import io.haprovision.secret.Redactor;
import java.util.List;
import java.util.Optional;

/** Progress events and node results of one pair's rollout, every text through the redactor. */
final class RolloutEvents {
  private final String pair;
  private final ProvisionListener listener;
  private final Redactor redactor;
  private final EngineClock clock;

  RolloutEvents(String pair, ProvisionListener listener, Redactor redactor, EngineClock clock) {
    this.pair = pair;
    this.listener = listener;
    this.redactor = redactor;
    this.clock = clock;
  }

  void event(String node, Phase phase, String message) {
    listener.onEvent(new ProgressEvent(pair, node, phase, redactor.redact(message)));
  }

  NodeResult failed(String node, List<ChangeResult> changes, List<HandlerResult> handlers, Optional<GateResult> gate,
      String message, long start) {
    event(node, Phase.FAILED, message);
    return new NodeResult(node, NodeStatus.FAILED, changes, handlers, gate, redactor.redact(message),
        clock.millisSince(start));
  }

  NodeResult failed(String node, String message, long start) {
    return failed(node, List.of(), List.of(), Optional.empty(), message, start);
  }

  NodeResult refused(String node, String message, long start) {
    event(node, Phase.FAILED, message);
    return new NodeResult(node, NodeStatus.REFUSED, List.of(), List.of(), Optional.empty(), redactor.redact(message),
        clock.millisSince(start));
  }

  /** An exception's message, redacted, with its class when it is not one of ours. */
  String message(RuntimeException e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return redactor.redact(e instanceof ProvisionException ? m : m + " (" + e.getClass().getSimpleName() + ")");
  }

  String redact(String text) {
    return redactor.redact(text);
  }

  EngineClock clock() {
    return clock;
  }
}
