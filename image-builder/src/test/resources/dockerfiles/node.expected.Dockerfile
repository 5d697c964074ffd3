# berth:generated v1 stack=node template=node body-sha256=22ec9f270cc877ccceda97f7f91cb14ccece4d86c0c29e6e8d795da896300e06  (edit freely; `berth dockerfile --check` reports drift)
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
# Exactly the locked production dependencies, installed as root so the app cannot change them.
RUN npm ci --omit=dev && npm cache clean --force
USER 10001:0
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
  CMD ["node","-e","require('net').connect(3000,'127.0.0.1',()=>process.exit(0)).on('error',()=>process.exit(1))"]
ENTRYPOINT ["node","server.js"]
# berth:cache-above  (berth build reuses the image up to here while these lines and their files are unchanged)
# The app's own layers come last: they change with every build.
COPY --chown=10001:0 context/application/ /app/
