# berth:generated v1 stack=static template=static/node-build body-sha256=1b52d07ca63a14b2db63d9920b075495768f76f5c2bdd4f263f89ef1a138f7bd  (edit freely; `berth dockerfile --check` reports drift)
# berth:base static (build stage: node-18)
# Build stage: the site is built by its own npm build script.
FROM node:18-bookworm-slim AS build
WORKDIR /src
COPY context/source/ /src/
# package.json declares no dependencies: nothing to install.
RUN npm run build

# Run stage: only the built files, served from /www by busybox httpd on port 8080 as the app user.
FROM busybox:1.36
LABEL org.opencontainers.image.title="dist" \
      org.opencontainers.image.base.name="busybox:1.36" \
      dev.berth.stack="static" \
      dev.berth.port="8080" \
      dev.berth.health="http:8080/"
WORKDIR /www
COPY --from=build --chown=10001:0 /src/dist/ /www/
USER 10001:0
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
  CMD ["busybox","wget","-q","-O","/dev/null","http://127.0.0.1:8080/"]
CMD ["busybox","httpd","-f","-v","-p","8080","-h","/www"]
