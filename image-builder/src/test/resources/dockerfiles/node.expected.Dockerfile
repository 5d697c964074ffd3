# berth:generated v1 stack=node template=node body-sha256=bf31f9db4da9bc8752290250403c0a4f0888dcec7fa76b763b9e0b197400ca76  (edit freely; `berth dockerfile --check` reports drift)
# berth:base node-18
# A Node.js server started with node directly (no npm wrapper, so signals reach the app).
FROM node:18-bookworm-slim
LABEL org.opencontainers.image.title="package.json" \
      org.opencontainers.image.base.name="node:18-bookworm-slim" \
      dev.berth.stack="node" \
      dev.berth.port="3000" \
      dev.berth.health="tcp:3000"
WORKDIR /app
ENV NODE_ENV="production"
COPY --chown=10001:0 context/dependencies/ /app/
COPY --chown=10001:0 context/application/ /app/
# Exactly the locked production dependencies, installed as root so the app cannot change them.
RUN npm ci --omit=dev && npm cache clean --force
USER 10001:0
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
  CMD ["node","-e","require('net').connect(3000,'127.0.0.1',()=>process.exit(0)).on('error',()=>process.exit(1))"]
ENTRYPOINT ["node","server.js"]
