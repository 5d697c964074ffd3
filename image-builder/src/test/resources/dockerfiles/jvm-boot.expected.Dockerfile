# berth:generated v1 stack=jvm-boot template=jvm-boot body-sha256=3f9165ef3039c7108e0e192f93c52ce7efc9d64ba177d5b23442fa28cdfcde6b  (edit freely; `berth dockerfile --check` reports drift)
# berth:base jre-17
# A Spring Boot jar, exploded: layers follow layers.idx, and the launcher named in the manifest starts it
# from /app (no jar-in-jar unpacking at start).
FROM eclipse-temurin:17-jre
LABEL org.opencontainers.image.title="shop" \
      org.opencontainers.image.version="2.7.18" \
      org.opencontainers.image.base.name="eclipse-temurin:17-jre" \
      dev.berth.stack="jvm-boot" \
      dev.berth.jdk.floor="17" \
      dev.berth.jdk.runtime="17" \
      dev.berth.jvm.threads="200" \
      dev.berth.port="8085" \
      dev.berth.health="http:8085/actuator/health"
WORKDIR /app
# Layers from least to most often changed, so a rebuild after an app change reuses the library layers.
COPY --chown=10001:0 context/dependencies/ /app/BOOT-INF/lib/
COPY --chown=10001:0 context/spring-boot-loader/ /app/org/
# Berth's health probe (one class, java.base only) for the HEALTHCHECK.
COPY --chown=10001:0 context/berth-probe/ /berth/probe/
USER 10001:0
EXPOSE 8085
# No heap flags here: the runtime sizes the heap from the container's memory limit and appends its flags to
# JAVA_TOOL_OPTIONS.
ENV JAVA_TOOL_OPTIONS="-XX:+ExitOnOutOfMemoryError"
# Shell-less JVM bases have no curl: Berth's probe class (java.base only) checks http://127.0.0.1:8085/actuator/health;
# its small heap flags override the runtime's JAVA_TOOL_OPTIONS sizing.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
  CMD ["java","-Xms8m","-Xmx16m","-XX:TieredStopAtLevel=1","-XX:-UsePerfData","-cp","/berth/probe","BerthProbe","http://127.0.0.1:8085/actuator/health"]
ENTRYPOINT ["java","-cp","/app","org.springframework.boot.loader.JarLauncher"]
# berth:cache-above  (berth build reuses the image up to here while these lines and their files are unchanged)
# The app's own layers come last: they change with every build.
COPY --chown=10001:0 context/snapshot-dependencies/ /app/BOOT-INF/lib/
COPY --chown=10001:0 context/application/ /app/BOOT-INF/classes/
