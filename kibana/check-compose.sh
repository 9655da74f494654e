#!/usr/bin/env bash
# Validates docker-compose.yml without a Docker engine (CI has none): Debian's docker-compose parses
# it, checks it against the Compose schema and resolves every ${VARIABLE} from a dummy .env. Then
# checks what the schema cannot: every image is pinned to an exact version, every build's Dockerfile
# exists and pins its base image.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v docker-compose >/dev/null 2>&1; then
  echo "check-compose: installing Debian's docker-compose"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends docker-compose >/dev/null
fi

dummy=$(mktemp)
trap 'rm -f "$dummy"' EXIT
# Every required variable, with a placeholder: the check is of the file, not of anyone's secrets.
sed -n 's/^\([A-Z_][A-Z0-9_]*\)=.*/\1=check-compose-placeholder-value-0123456789/p' .env.example >"$dummy"
docker-compose --env-file "$dummy" -f docker-compose.yml config -q
resolved=$(docker-compose --env-file "$dummy" -f docker-compose.yml config)

status=0
while read -r image; do
  case "$image" in
    *:latest | *:*[!0-9.]*stable* | '') echo "check-compose: image '$image' is not pinned to a version" >&2; status=1 ;;
    *:[0-9]*.[0-9]*) ;;
    *) echo "check-compose: image '$image' has no exact version tag" >&2; status=1 ;;
  esac
done < <(printf '%s\n' "$resolved" | sed -n 's/^ *image: *//p')

while read -r dockerfile; do
  [ -f "$dockerfile" ] || { echo "check-compose: $dockerfile is missing" >&2; status=1; continue; }
  while read -r base; do
    case "$base" in
      *@sha256:* | *:[0-9]*.[0-9]*) ;;
      *) echo "check-compose: $dockerfile's base image '$base' is not pinned to a version" >&2; status=1 ;;
    esac
  done < <(sed -n 's/^FROM *\([^ ]*\).*/\1/p' "$dockerfile")
done < <(printf '%s\n' "$resolved" | sed -n 's/^ *dockerfile: *//p')

services=$(printf '%s\n' "$resolved" | sed -n 's/^  \([a-z][a-z0-9-]*\):$/\1/p' | sort | tr '\n' ' ')
for wanted in elasticsearch passwords kibana setup indexer search-api; do
  case " $services" in *" $wanted "*) ;; *) echo "check-compose: service $wanted is missing" >&2; status=1 ;; esac
done
[ $status -eq 0 ] && echo "check-compose: docker-compose.yml is valid; services: $services"
exit $status
