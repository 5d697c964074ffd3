# berth:generated v1 stack=python template=python body-sha256=81521fcf81be72b50f0c609ae8252bc22c5eb4beca904a8e74acb668dc2a7804  (edit freely; `berth dockerfile --check` reports drift)
# berth:base python-3.11
# A Python web app served by its WSGI/ASGI server or started directly.
FROM python:3.11-slim-bookworm
LABEL org.opencontainers.image.title="app.py" \
      org.opencontainers.image.base.name="python:3.11-slim-bookworm" \
      dev.berth.stack="python" \
      dev.berth.port="8000" \
      dev.berth.health="http:8000/"
WORKDIR /app
ENV PYTHONUNBUFFERED="1"
COPY --chown=10001:0 context/dependencies/ /app/
COPY --chown=10001:0 context/application/ /app/
# A venv that also sees the base's packages: requirements the base already satisfies need no package
# index (pip reports them as satisfied), anything else comes from the index as usual.
RUN python3 -m venv --system-site-packages /opt/venv \
 && /opt/venv/bin/pip install --no-cache-dir --disable-pip-version-check -r /app/requirements.txt
ENV PATH="/opt/venv/bin:$PATH"
USER 10001:0
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
  CMD ["python3","-c","import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/', timeout=5)"]
ENTRYPOINT ["gunicorn","--bind","0.0.0.0:8000","app:app"]
