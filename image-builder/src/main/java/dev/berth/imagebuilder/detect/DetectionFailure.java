package dev.berth.imagebuilder.detect;

import dev.berth.imagebuilder.api.DetectReport;
import java.util.List;

/** Detection stopped with a §2.8 outcome other than OK; carries the §2.9 problem text and the candidates. */
public final class DetectionFailure extends Exception {

  private final DetectReport.Outcome outcome;
  private final DetectReport.Problem problem;
  private final List<DetectReport.Candidate> candidates;
  private final List<DetectReport.NearMiss> nearMisses;

  DetectionFailure(DetectReport.Outcome outcome, String headline, String lookedFor, List<String> found, String fix) {
    this(outcome, new DetectReport.Problem(headline, lookedFor, found, fix), List.of(), List.of());
  }

  DetectionFailure(
      DetectReport.Outcome outcome,
      DetectReport.Problem problem,
      List<DetectReport.Candidate> candidates,
      List<DetectReport.NearMiss> nearMisses) {
    super(problem.headline());
    this.outcome = outcome;
    this.problem = problem;
    this.candidates = List.copyOf(candidates);
    this.nearMisses = List.copyOf(nearMisses);
  }

  DetectionFailure with(List<DetectReport.Candidate> c, List<DetectReport.NearMiss> n) {
    return new DetectionFailure(outcome, problem, c, n);
  }

  public DetectReport.Outcome outcome() {
    return outcome;
  }

  public DetectReport.Problem problem() {
    return problem;
  }

  public List<DetectReport.Candidate> candidates() {
    return candidates;
  }

  public List<DetectReport.NearMiss> nearMisses() {
    return nearMisses;
  }
}
