#!/usr/bin/env bash
# Checks the container files without a Docker engine: the compose file through `docker-compose
# config` (Debian's docker-compose; installed here when missing), and the Dockerfile and
# .dockerignore against the rules below (hadolint is not packaged in Debian).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v docker-compose >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose >/dev/null
fi

failures=0
fail() { echo "check-containers: $1" >&2; failures=$((failures + 1)); }

echo "== docker-compose config"
# Placeholder keys: the file must refuse to start without them, and accept them when given.
if env -u REGISTRY_MASTER_KEY -u REGISTRY_INDEX_KEY docker-compose -f docker/compose.yaml config -q 2>/dev/null; then
  fail "docker/compose.yaml starts without REGISTRY_MASTER_KEY and REGISTRY_INDEX_KEY"
fi
REGISTRY_MASTER_KEY=placeholder REGISTRY_INDEX_KEY=placeholder docker-compose -f docker/compose.yaml config -q || fail "docker/compose.yaml is not valid"

echo "== Dockerfile"
dockerfile=docker/Dockerfile
grep -Eq '^FROM [^ :]+(:latest)?( |$)' "$dockerfile" && fail "$dockerfile: every FROM names a pinned tag"
grep -Eq '^COPY \. \.' "$dockerfile" && fail "$dockerfile: COPY . . takes whatever the context holds; copy what the build reads"
grep -E '^RUN .*apt-get install' "$dockerfile" | grep -vq -- '--no-install-recommends' && fail "$dockerfile: apt-get install without --no-install-recommends"
grep -E '^RUN .*apt-get install' "$dockerfile" | grep -vq 'rm -rf /var/lib/apt/lists' && fail "$dockerfile: apt lists left in the layer"
[ "$(grep -E '^USER ' "$dockerfile" | tail -1)" = "USER node" ] || fail "$dockerfile: the last stage runs as root"
grep -Eq '^RUN .*mkdir -p /data && chown node:node /data' "$dockerfile" || fail "$dockerfile: /data is not created for the node user"
grep -Eq '^CMD \[' "$dockerfile" || fail "$dockerfile: CMD in shell form does not pass signals to node"
grep -Eq '^ADD ' "$dockerfile" && fail "$dockerfile: ADD where COPY does"

echo "== .dockerignore"
for entry in node_modules data '**/secrets.json' '**/api-keys.json' .git; do
  grep -Fxq -- "$entry" .dockerignore || fail ".dockerignore: $entry is not excluded"
done

[ "$failures" -eq 0 ] || exit 1
echo "containers: compose file, Dockerfile and .dockerignore pass"
