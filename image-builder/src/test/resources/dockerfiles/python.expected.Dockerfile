# berth:generated v1 stack=python template=python body-sha256=923f6e38f190fe92d96b34855955c6bf45191d3678514523f8f5b83457e63434  (edit freely; `berth dockerfile --check` reports drift)
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
# berth:cache-above  (berth build reuses the image up to here while these lines and their files are unchanged)
# The app's own layers come last: they change with every build.
COPY --chown=10001:0 context/application/ /app/
