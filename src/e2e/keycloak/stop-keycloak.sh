#!/usr/bin/env bash
# Stop the Keycloak started by start-keycloak.sh.   stop-keycloak.sh <keycloak-home>
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 <keycloak-home>" >&2
  exit 2
fi
pid_file="$1/keycloak.pid"
[ -f "$pid_file" ] || { echo "no $pid_file; nothing to stop"; exit 0; }
pid=$(cat "$pid_file")

# $pid is bin/kc.sh, which forwards TERM to its java child.
java_pids=$(pgrep -P "$pid" 2>/dev/null || true)
kill -TERM "$pid" 2>/dev/null || true
for _ in $(seq 1 30); do
  alive=
  for p in $pid $java_pids; do if kill -0 "$p" 2>/dev/null; then alive=1; fi; done
  [ -z "$alive" ] && break
  sleep 1
done
for p in $pid $java_pids; do
  if kill -0 "$p" 2>/dev/null; then
    echo "pid $p did not stop after 30s, killing" >&2
    kill -KILL "$p" 2>/dev/null || true
  fi
done
rm -f "$pid_file"
echo "Keycloak stopped (pid $pid)"
