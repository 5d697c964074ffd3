# berth:generated v1 stack=jvm-jar template=jvm-jar body-sha256=12b10cdcc437937202ee9bf345628a53f2e74e0dc2ba1a8f904e055cad780eb3  (edit freely; `berth dockerfile --check` reports drift)
# berth:base jre-17
# An executable jar (shaded, thin with Class-Path, or with a lib/ folder), started by java directly.
FROM eclipse-temurin:17-jre
LABEL org.opencontainers.image.title="orders" \
      org.opencontainers.image.version="2.3.0" \
      org.opencontainers.image.base.name="eclipse-temurin:17-jre" \
      dev.berth.stack="jvm-jar" \
      dev.berth.jdk.floor="8" \
      dev.berth.jdk.runtime="17" \
      dev.berth.jvm.javaagents="newrelic" \
      dev.berth.port="8080" \
      dev.berth.health="tcp:8080" \
      dev.berth.writable="/app/agents"
WORKDIR /app
# Layers from least to most often changed, so a rebuild after an app change reuses the library layers.
# Berth's health probe (one class, java.base only) for the HEALTHCHECK.
COPY --chown=10001:0 context/berth-probe/ /berth/probe/
USER 10001:0
EXPOSE 8080
# No heap flags here: the runtime sizes the heap from the container's memory limit and appends its flags to
# JAVA_TOOL_OPTIONS.
ENV JAVA_TOOL_OPTIONS="-XX:+ExitOnOutOfMemoryError -javaagent:/app/agents/newrelic.jar"
# No HEALTHCHECK: a probe JVM would also start the javaagents in JAVA_TOOL_OPTIONS; the runtime
# checks tcp:8080 from outside (label dev.berth.health).
ENTRYPOINT ["java","-jar","/app/orders-2.3.0.jar"]
# The app's own layers come last: they change with every build.
COPY --chown=10001:0 context/agents/ /app/agents/
COPY --chown=10001:0 context/application/ /app/
# Directories the app writes to: empty, owned by the app user and group 0, group-writable.
COPY --chown=10001:0 context/writable/ /app/
