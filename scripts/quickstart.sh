#!/usr/bin/env bash
# Berth's main job on the embedded default: takes a sample legacy app (bin/start.sh + lib/, JDK 7 era flags),
# detects it, writes its Dockerfile, builds its image on the local engine with Berth's offline base, runs it,
# and prints its URL and health. Installs and starts what a fresh machine lacks (Docker engine, Maven).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/scripts/lib/engine.sh"
berth() { "$root/berth" "$@"; }

# No cleanup trap: the engine and the sample's container keep running so the printed URL stays open;
# the last line says how to stop the container.
t0=$SECONDS
command -v mvn >/dev/null || berth_apt_install maven
command -v javac >/dev/null || berth_apt_install openjdk-17-jdk-headless
berth_engine_up

work="$BERTH_STATE/quickstart"
app="$work/billing-1.0"
image="berth-sample/billing:1.0"
name="berth-quickstart-billing"

berth_log "1/6 assembling the sample legacy app in $app"
rm -rf "$app" "$work/classes"
mkdir -p "$app/bin" "$app/lib" "$app/conf" "$app/logs" "$work/classes"
javac -nowarn --release 8 -d "$work/classes" "$root/scripts/sample-app/src/com/acme/billing/Main.java" 2>/dev/null
jar --create --file "$app/lib/billing-1.0.jar" -C "$work/classes" .
cp "$root/scripts/sample-app/bin/start.sh" "$app/bin/start.sh"
printf 'log4j.rootLogger=INFO, file\n' > "$app/conf/log4j.properties"

berth_log "2/6 offline base images (built once, then reused)"
berth base-images --only jre-17

berth_log "3/6 detecting"
berth detect "$app"

berth_log "4/6 writing the Dockerfile"
berth dockerfile "$app" -o "$work/out" --overwrite
sed -n '1,40p' "$work/out/Dockerfile"

berth_log "5/6 building $image"
berth build "$app" -t "$image" -o "$work/out"

berth_log "6/6 running it"
docker rm -f "$name" >/dev/null 2>&1 || true
docker run -d --name "$name" --label berth.sample=quickstart --memory 256m --memory-swap 256m \
  -p 127.0.0.1::8081 "$image" >/dev/null
port=$(docker port "$name" 8081/tcp | head -n1 | sed 's/.*://')
url="http://127.0.0.1:$port/"
health="down"
for i in $(seq 1 100); do
  if body=$(curl -fsS --max-time 2 "${url}health" 2>/dev/null); then health="$body"; break; fi
  sleep 0.2
done
echo
echo "Sample app:  $url"
echo "Health:      ${url}health -> $health"
echo "App says:    $(curl -fsS --max-time 2 "$url" 2>/dev/null || echo unreachable)"
echo "Stop it:     docker rm -f $name"

berth_log "then on Berth's embedded runtime: a master and a node agent on this engine, 2 replicas"
up_pid=""
trap '[ -z "$up_pid" ] || kill "$up_pid" 2>/dev/null || true' EXIT
trap 'exit 130' INT TERM
if ! berth get >/dev/null 2>&1; then
  "$root/berth" up >"$work/up.log" 2>&1 &   # only stopped at exit when started here
  up_pid=$!
  for i in $(seq 1 150); do berth get >/dev/null 2>&1 && break; sleep 0.2; done
fi
cat >"$work/billing.yaml" <<SPEC
name: billing
image: $image
replicas: 2
resources: {memory: 384Mi, cpu: 500m}
ports: [{name: http, port: 8081}]
health: {http: {path: /health}, period: 1s}
SPEC
berth apply -f "$work/billing.yaml" --wait --timeout 3m
berth describe billing
echo "Replicas keep running when berth up stops; ./berth up adopts them again, ./berth delete billing removes them."
berth_log "done in $((SECONDS - t0)) s"
[ "$health" != "down" ]
