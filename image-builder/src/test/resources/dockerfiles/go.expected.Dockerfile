# berth:generated v1 stack=go template=go body-sha256=78dfb52b681c64beafe7f54fe398d5411eda90fea935441f277fb0da7c1f5d99  (edit freely; `berth dockerfile --check` reports drift)
# berth:base go-run (build stage: go-build)
# Build stage: the main package compiled in module mode without cgo, so the binary needs no C library.
FROM golang:1.19-bookworm AS build
WORKDIR /src
COPY context/source/ /src/
ENV CGO_ENABLED=0
RUN go build -trimpath -o /out/server .

# Run stage: the binary alone, as the app user.
FROM debian:bookworm-slim
LABEL org.opencontainers.image.title="go" \
      org.opencontainers.image.base.name="debian:bookworm-slim" \
      dev.berth.stack="go" \
      dev.berth.port="8080" \
      dev.berth.health="tcp:8080"
WORKDIR /app
COPY --from=build --chown=10001:0 /out/server /app/server
USER 10001:0
EXPOSE 8080
# The run base has bash but no curl: the check is that the port accepts connections.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
  CMD ["bash","-c","exec 3<>/dev/tcp/127.0.0.1/8080"]
ENTRYPOINT ["/app/server"]
