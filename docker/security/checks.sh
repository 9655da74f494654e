# Sourced by preflight.sh and users.sh: one place for what a secret or name of the stack must be.
# Each check prints one line naming the variable and what is wrong, and counts it in $problems.
problems=0

problem() {
  echo "$*" >&2
  problems=$((problems + 1))
}

# require_secret NAME MIN_LENGTH WHO: set, long enough, and safe inside JSON and curl's config lines.
require_secret() {
  eval "value=\${$1:-}"
  if [ -z "$value" ]; then
    problem "$1 is not set: set it in .env (see .env.example); it is $3"
    return
  fi
  length=$(printf '%s' "$value" | wc -m | tr -d ' ')
  if [ "$length" -lt "$2" ]; then
    problem "$1 has $length characters; $3 needs at least $2"
  fi
  case "$value" in
    *'"'* | *'\'* | *' '*) problem "$1 holds a quote, a backslash or a space: use letters, digits and -_.,:;!@#%+=/ only" ;;
  esac
  if [ "$(printf '%s' "$value" | tr -d '[:cntrl:]')" != "$value" ]; then
    problem "$1 holds a control character (a line break?): use letters, digits and -_.,:;!@#%+=/ only"
  fi
}

# require_prefix: INDEX_PREFIX as the indexer's index.prefix accepts it (default transcripts).
require_prefix() {
  INDEX_PREFIX="${INDEX_PREFIX:-transcripts}"
  if ! printf '%s' "$INDEX_PREFIX" | grep -Eq '^[a-z0-9][a-z0-9_-]{0,100}$'; then
    problem "INDEX_PREFIX '$INDEX_PREFIX' must be lowercase letters, digits, '-' or '_' (it names the indices and the roles' index patterns)"
  fi
}

# differs NAME OTHER: a service's password must not be the superuser's (a leak of one would give away the other).
differs() {
  eval "a=\${$1:-}; b=\${$2:-}"
  if [ -n "$a" ] && [ "$a" = "$b" ]; then
    problem "$1 is the same as $2: give every user its own password"
  fi
}
