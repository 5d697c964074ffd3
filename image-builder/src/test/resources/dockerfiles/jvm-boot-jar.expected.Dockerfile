# berth:generated v1 stack=jvm-boot template=jvm-boot/jar body-sha256=155532eec83147e54c4fd17c54670eb53c0ba641eb19c11820e0a3b0b9ce2113  (edit freely; `berth dockerfile --check` reports drift)
# berth:base jre-17
# A Spring Boot 1.3 jar or runnable Boot WAR, started with java -jar (its launcher needs the archive).
FROM eclipse-temurin:17-jre
LABEL org.opencontainers.image.title="shop" \
      org.opencontainers.image.version="1.3.8" \
      org.opencontainers.image.base.name="eclipse-temurin:17-jre" \
      dev.berth.stack="jvm-boot" \
      dev.berth.jdk.floor="8" \
      dev.berth.jdk.runtime="17" \
      dev.berth.port="8080" \
      dev.berth.health="http:8080/health"
WORKDIR /app
# Layers from least to most often changed, so a rebuild after an app change reuses the library layers.
# Berth's health probe (one class, java.base only) for the HEALTHCHECK.
COPY --chown=10001:0 context/berth-probe/ /berth/probe/
USER 10001:0
EXPOSE 8080
# No heap flags here: the runtime sizes the heap from the container's memory limit and appends its flags to
# JAVA_TOOL_OPTIONS.
ENV JAVA_TOOL_OPTIONS="-XX:+ExitOnOutOfMemoryError"
# Shell-less JVM bases have no curl: Berth's probe class (java.base only) checks http://127.0.0.1:8080/health;
# its small heap flags override the runtime's JAVA_TOOL_OPTIONS sizing.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
  CMD ["java","-Xms8m","-Xmx16m","-XX:TieredStopAtLevel=1","-XX:-UsePerfData","-cp","/berth/probe","BerthProbe","http://127.0.0.1:8080/health"]
ENTRYPOINT ["java","-jar","/app/shop-1.3.8.jar"]
# The app's own layers come last: they change with every build.
COPY --chown=10001:0 context/application/ /app/
