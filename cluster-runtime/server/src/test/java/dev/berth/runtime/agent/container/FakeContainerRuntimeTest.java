package dev.berth.runtime.agent.container;

/** The fake passes the same contract as the Docker runtime, so agent tests on it mean something. */
class FakeContainerRuntimeTest extends ContainerRuntimeContract {

  @Override
  protected ContainerRuntime create() {
    return new FakeContainerRuntime();
  }

  @Override
  protected String image() {
    return "fake/busybox:1";
  }

  @Override
  protected String labelledImage() {
    ((FakeContainerRuntime) runtime).image("fake/jvm:1", "sha256:fake-jvm-1", IMAGE_LABELS);
    return "fake/jvm:1";
  }

  @Override
  protected String imageOnlyInRegistry() {
    FakeContainerRuntime fake = (FakeContainerRuntime) runtime;
    fake.missingImages.add("127.0.0.1:5000/fake/pushed:1");
    fake.registryImages.add("127.0.0.1:5000/fake/pushed:1");
    return "127.0.0.1:5000/fake/pushed:1";
  }

  @Override
  protected void end(String id, int code) {
    ((FakeContainerRuntime) runtime).exit(id, code, "bye");
  }

  @Override
  protected void givenMissing(String image) {
    ((FakeContainerRuntime) runtime).missingImages.add(image);
  }
}
