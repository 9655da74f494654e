#!/usr/bin/env bash
# Validates docker-compose.yml (or the compose file given as $1) without a Docker engine (CI has none):
# Debian's docker-compose parses it, checks it against the Compose schema and resolves every ${VARIABLE}
# from a dummy .env. Then checks what the schema cannot:
#   - every image is pinned to an exact version, every build's Dockerfile exists and pins its base image,
#     every service on one of the project's own images builds it (or compose would try to pull it);
#   - the superuser's password reaches only elasticsearch and the one-shots preflight and security, and
#     no service logs in to Elasticsearch as elastic;
#   - every service waits for preflight, and preflight, run with the environment compose gives it, accepts
#     the dummy .env and refuses a Kibana encryption key or a password shorter than Kibana or
#     Elasticsearch accept.
set -euo pipefail
cd "$(dirname "$0")/.."
compose_file="${1:-docker-compose.yml}"

if ! command -v docker-compose >/dev/null 2>&1; then
  echo "check-compose: installing Debian's docker-compose"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends docker-compose >/dev/null
fi
# The Python that runs docker-compose has PyYAML (a dependency of docker-compose).
python=$(sed -n '1s/^#! *//p' "$(command -v docker-compose)" | awk '{print $1}')
[ -x "$python" ] || python=python3

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Every variable of .env.example with a placeholder of its own (the secrets must differ from each other):
# the check is of the file, not of anyone's secrets.
sed -n 's/^\([A-Z_][A-Z0-9_]*\)=.*/\1/p' .env.example | while read -r name; do
  lower=$(printf '%s' "$name" | tr 'A-Z' 'a-z')
  echo "$name=placeholder-$lower-0123456789abcdef0123456789abcdef"
done >"$work/env"
docker-compose --env-file "$work/env" --project-directory . -f "$compose_file" config -q
docker-compose --env-file "$work/env" --project-directory . -f "$compose_file" config >"$work/resolved.yml"
resolved=$(cat "$work/resolved.yml")

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

"$python" - "$work/resolved.yml" "$work/env" >"$work/checks" <<'PY' || status=1
import sys, yaml
config = yaml.safe_load(open(sys.argv[1]))
env = dict(line.rstrip("\n").split("=", 1) for line in open(sys.argv[2]) if "=" in line)
services = config.get("services", {})
problems = []
wanted = ["preflight", "elasticsearch", "security", "kibana", "setup", "indexer", "search-api"]
for name in wanted:
    if name not in services:
        problems.append(f"service {name} is missing")

def environment(service):
    e = service.get("environment") or {}
    if isinstance(e, list):
        e = dict(item.split("=", 1) if "=" in item else (item, "") for item in e)
    return {k: "" if v is None else str(v) for k, v in e.items()}

superuser = env["ELASTIC_PASSWORD"]
may_hold_superuser = {"preflight", "elasticsearch", "security"}
for name, service in services.items():
    e = environment(service)
    if name not in may_hold_superuser and any(superuser in v for v in e.values()):
        problems.append(f"service {name} is given elastic's password (ELASTIC_PASSWORD): give it its own user")
    for key in ("ES_USERNAME", "ELASTICSEARCH_USERNAME", "KIBANA_USER"):
        if e.get(key, "").strip() == "elastic":
            problems.append(f"service {name} logs in as elastic ({key}): give it its own user")
    if "ES_URL" in e and name != "security" and not e.get("ES_USERNAME"):
        problems.append(f"service {name} talks to Elasticsearch (ES_URL) without a user of its own (ES_USERNAME)")

for name, service in services.items():
    if str(service.get("image", "")).startswith("transcripts-") and "build" not in service:
        problems.append(f"service {name} uses the project's image {service['image']} without a build section: compose would try to pull it")

def depends(service):
    d = service.get("depends_on") or {}
    return list(d) if isinstance(d, (dict, list)) else []

def waits_for_preflight(name, seen=()):
    if name == "preflight":
        return True
    return any(dep not in seen and waits_for_preflight(dep, seen + (name,)) for dep in depends(services.get(name, {})))

for name in services:
    if name != "preflight" and not waits_for_preflight(name):
        problems.append(f"service {name} does not wait for preflight (depends_on, directly or through another service)")
if "preflight" in services:
    for k, v in environment(services["preflight"]).items():
        print(f"ENV\t{k}\t{v}")
for p in problems:
    print(f"PROBLEM\t{p}")
PY
while IFS=$'\t' read -r kind what rest; do
  [ "$kind" = PROBLEM ] && { echo "check-compose: $what" >&2; status=1; }
done <"$work/checks"

# preflight, run as its container would be: the same script with the environment compose resolved for it.
preflight() {
  env -i PATH="$PATH" $(awk -F'\t' '$1 == "ENV" {print $2 "=" $3}' "$work/checks") "$@" \
    sh docker/security/preflight.sh >"$work/preflight.out" 2>&1
}
if ! grep -q '^ENV' "$work/checks"; then
  echo "check-compose: the preflight service has no environment to check" >&2; status=1
elif ! preflight; then
  echo "check-compose: preflight refuses the placeholder .env: $(cat "$work/preflight.out")" >&2; status=1
else
  for short in KIBANA_ENCRYPTION_KEY=0123456789abcdef0123456789abcde INDEXER_ES_PASSWORD=abcde; do
    value=${short#*=}
    if preflight "$short"; then
      echo "check-compose: preflight accepts ${short%%=*} with only ${#value} characters" >&2; status=1
    elif ! grep -q "${short%%=*} has" "$work/preflight.out"; then
      echo "check-compose: preflight refused ${short%%=*} without naming it: $(cat "$work/preflight.out")" >&2; status=1
    fi
  done
fi

services=$(printf '%s\n' "$resolved" | sed -n 's/^  \([a-z][a-z0-9-]*\):$/\1/p' | sort | tr '\n' ' ')
[ $status -eq 0 ] && echo "check-compose: $compose_file is valid; services: $services"
exit $status
