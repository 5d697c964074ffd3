# berth:generated v1 stack=static template=static body-sha256=357cb8793561878728616a21bd6f91266ec628b1da4c6f106a281f61cc61c94f  (edit freely; `berth dockerfile --check` reports drift)
# berth:base static
# A static site served from /www by busybox httpd on port 8080 as the app user (no root needed for the port).
FROM busybox:1.36
LABEL org.opencontainers.image.title="index.html" \
      org.opencontainers.image.base.name="busybox:1.36" \
      dev.berth.stack="static" \
      dev.berth.port="8080" \
      dev.berth.health="http:8080/"
WORKDIR /www
USER 10001:0
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
  CMD ["busybox","wget","-q","-O","/dev/null","http://127.0.0.1:8080/"]
CMD ["busybox","httpd","-f","-v","-p","8080","-h","/www"]
# The app's own layers come last: they change with every build.
COPY --chown=10001:0 context/site/ /www/
