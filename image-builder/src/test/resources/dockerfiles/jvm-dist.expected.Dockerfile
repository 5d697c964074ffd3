# berth:generated v1 stack=jvm-dist template=jvm-dist body-sha256=b98461a05e698e64ef43b6e1e48a1a184620c44a51bf1f6d6b4f6920a0ea7528  (edit freely; `berth dockerfile --check` reports drift)
# berth:base jre-17
# A distribution folder (bin/ start script + lib/): the script's java command in exec form, without nohup,
# background, redirects or pid files, removed JVM flags dropped and paths made absolute under /app.
FROM eclipse-temurin:17-jre
LABEL org.opencontainers.image.title="billing" \
      org.opencontainers.image.version="1.4.2" \
      org.opencontainers.image.base.name="eclipse-temurin:17-jre" \
      dev.berth.stack="jvm-dist" \
      dev.berth.jdk.floor="8" \
      dev.berth.jdk.runtime="17" \
      dev.berth.jvm.classes="412" \
      dev.berth.jvm.legacy-xmx="1024m" \
      dev.berth.port="8081" \
      dev.berth.health="tcp:8081" \
      dev.berth.writable="/app/logs"
WORKDIR /app
# Layers from least to most often changed, so a rebuild after an app change reuses the library layers.
COPY --chown=10001:0 context/dependencies/ /app/lib/
# Berth's health probe (one class, java.base only) for the HEALTHCHECK.
COPY --chown=10001:0 context/berth-probe/ /berth/probe/
USER 10001:0
EXPOSE 8081
# No heap flags here: the runtime sizes the heap from the container's memory limit and appends its flags to
# JAVA_TOOL_OPTIONS.
ENV JAVA_TOOL_OPTIONS="-XX:+ExitOnOutOfMemoryError"
# Shell-less JVM bases have no curl: Berth's probe class (java.base only) checks tcp://127.0.0.1:8081;
# its small heap flags override the runtime's JAVA_TOOL_OPTIONS sizing.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
  CMD ["java","-Xms8m","-Xmx16m","-XX:TieredStopAtLevel=1","-XX:-UsePerfData","-cp","/berth/probe","BerthProbe","tcp://127.0.0.1:8081"]
ENTRYPOINT ["java","-Dlog.dir=/app/logs","-Dhttp.port=8081","-cp","/app/conf:/app/lib/*","com.acme.billing.Main"]
# berth:cache-above  (berth build reuses the image up to here while these lines and their files are unchanged)
# The app's own layers come last: they change with every build.
COPY --chown=10001:0 context/snapshot-dependencies/ /app/lib/
COPY --chown=10001:0 context/resources/ /app/conf/
COPY --chown=10001:0 context/application/ /app/lib/
# Directories the app writes to: empty, owned by the app user and group 0, group-writable.
COPY --chown=10001:0 context/writable/ /app/
