package hudson.model;

/** Shim of a job; its bounds decide the erasure of {@code Run.getParent()}. */
public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends AbstractItem {
  private Job() {
    super(null, null);
  }
}
