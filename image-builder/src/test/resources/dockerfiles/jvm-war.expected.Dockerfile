# berth:generated v1 stack=jvm-war template=jvm-war body-sha256=b8c79836ecb31480236d5c7b847ccf4e6721d25deebebc1eed2c22f86e6998f3  (edit freely; `berth dockerfile --check` reports drift)
# berth:base tomcat-9.0
# A WAR on Tomcat at /usr/local/tomcat. The base starts Tomcat (catalina.sh run on the public images, exec-form
# java on the shell-less offline ones), so this file sets no ENTRYPOINT or CMD.
FROM tomcat:9.0-jre17-temurin
LABEL org.opencontainers.image.title="legacy-portal" \
      org.opencontainers.image.base.name="tomcat:9.0-jre17-temurin" \
      dev.berth.stack="jvm-war" \
      dev.berth.jdk.floor="8" \
      dev.berth.jdk.runtime="17" \
      dev.berth.port="8080" \
      dev.berth.health="http:8080/legacy-portal/" \
      dev.berth.writable="/usr/local/tomcat/logs,/usr/local/tomcat/temp,/usr/local/tomcat/webapps,/usr/local/tomcat/work"
WORKDIR /usr/local/tomcat
# Berth's health probe (one class, java.base only) for the HEALTHCHECK.
COPY --chown=10001:0 context/berth-probe/ /berth/probe/
USER 10001:0
EXPOSE 8080
# No heap flags here: the runtime sizes the heap from the container's memory limit and appends its flags to
# JAVA_TOOL_OPTIONS.
ENV JAVA_TOOL_OPTIONS="-XX:+ExitOnOutOfMemoryError"
# Shell-less JVM bases have no curl: Berth's probe class (java.base only) checks http://127.0.0.1:8080/legacy-portal/;
# its small heap flags override the runtime's JAVA_TOOL_OPTIONS sizing.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
  CMD ["java","-Xms8m","-Xmx16m","-XX:TieredStopAtLevel=1","-XX:-UsePerfData","-cp","/berth/probe","BerthProbe","http://127.0.0.1:8080/legacy-portal/"]
# The app's own layers come last: they change with every build.
COPY --chown=10001:0 context/application/ /usr/local/tomcat/webapps/
# Directories the app writes to: empty, owned by the app user and group 0, group-writable.
COPY --chown=10001:0 context/writable/ /usr/local/tomcat/
