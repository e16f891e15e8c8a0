#!/usr/bin/env bash
# Starts N QNetEm cluster members on loopback (127.0.0.1) and waits until every member sees all N Up
# through the management API. Then, given a TOPOLOGY, runs it across them:
#   bin/qnetem run TOPOLOGY --cluster --seed-nodes <members 1 and 2> --min-members N [run options...]
# stops the members and exits with the run's status. Without a TOPOLOGY it prints the membership and keeps
# the members running until Ctrl-C or SIGTERM (with --stop-when-up it stops them at once: a smoke check).
#
#   deploy/local-cluster.sh N TOPOLOGY [run options...]   e.g. 3 config/uk-bristol-cambridge.conf --mode fast
#   deploy/local-cluster.sh N [--stop-when-up]
#
# Member i (1..N) listens on Artery port BASE_PORT+i-1 and management port MANAGEMENT_BASE_PORT+i-1
# (defaults 7355 and 7626); members 1 and 2 are the seed nodes; the run's coordinator takes a free port.
# Logs go to LOG_DIR (default a new folder under /tmp). MEMBER_JAVA_OPTS are the members' JVM options
# (default -Xmx1g); QNETEM_JAVA_OPTS the coordinator's.
set -euo pipefail

usage() {
  echo "usage: $0 N TOPOLOGY [run options...]   or   $0 N [--stop-when-up]   (N: number of members, 1..50)" >&2
  exit 2
}
[ $# -ge 1 ] || usage
count="$1"
[[ "$count" =~ ^[0-9]+$ ]] && [ "$count" -ge 1 ] && [ "$count" -le 50 ] || usage
shift
stop_when_up=false
topology=""
if [ $# -ge 1 ]; then
  if [ "$1" = "--stop-when-up" ]; then
    [ $# -eq 1 ] || usage
    stop_when_up=true
  elif [[ "$1" == -* ]]; then
    usage
  else
    topology="$1"
    shift
    [ -f "$topology" ] || { echo "local-cluster: topology file '$topology' not found" >&2; exit 2; }
  fi
fi

home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
base_port="${BASE_PORT:-7355}"
management_base_port="${MANAGEMENT_BASE_PORT:-7626}"
guard="${GUARD_SECONDS:-180}"
logs="${LOG_DIR:-$(mktemp -d /tmp/qnetem-local-cluster.XXXXXX)}"
mkdir -p "$logs"
for tool in curl jq; do
  command -v "$tool" >/dev/null || { echo "local-cluster: '$tool' is required" >&2; exit 2; }
done
if [ ! -f "$home/modules/qnetem-cli/target/qnetem-cli.jar" ]; then
  echo "local-cluster: not built yet; run first in $home:  mvn -B -q package -DskipTests" >&2
  exit 2
fi

seeds="127.0.0.1:$base_port"
[ "$count" -ge 2 ] && seeds="$seeds,127.0.0.1:$((base_port + 1))"
declare -A pids=()

stop_members() {
  set +e
  for i in "${!pids[@]}"; do
    kill -TERM "${pids[$i]}" 2>/dev/null
  done
  for i in "${!pids[@]}"; do
    wait "${pids[$i]}" 2>/dev/null
  done
  echo "local-cluster: stopped $count member(s); logs in $logs"
}
trap stop_members EXIT
trap 'exit 130' INT TERM

for i in $(seq 1 "$count"); do
  QNETEM_JAVA_OPTS="${MEMBER_JAVA_OPTS:--Xmx1g}" "$home/bin/qnetem" node --seed-nodes "$seeds" --host 127.0.0.1 --port $((base_port + i - 1)) \
    --management-port $((management_base_port + i - 1)) >"$logs/member-$i.out" 2>"$logs/member-$i.err" &
  pids[$i]=$!
done

expected="$(for i in $(seq 1 "$count"); do echo "pekko://qnetem@127.0.0.1:$((base_port + i - 1)) Up"; done | sort)"
deadline=$((SECONDS + guard))
for i in $(seq 1 "$count"); do
  while :; do
    if ! kill -0 "${pids[$i]}" 2>/dev/null; then
      echo "local-cluster: member $i exited:" >&2; cat "$logs/member-$i.err" >&2; exit 1
    fi
    seen="$(curl -sf --max-time 3 "http://127.0.0.1:$((management_base_port + i - 1))/cluster/members" 2>/dev/null \
      | jq -r '.members[] | "\(.node) \(.status)"' | sort || true)"
    [ "$seen" = "$expected" ] && break
    if [ $SECONDS -ge $deadline ]; then
      echo "local-cluster: member $i did not see all $count members Up within ${guard}s; it sees:" >&2
      echo "$seen" >&2; exit 1
    fi
    sleep 1
  done
done
echo "local-cluster: $count member(s) Up after ${SECONDS}s:"
echo "$expected" | sed 's/^/  /'
echo "local-cluster: management APIs on 127.0.0.1:$management_base_port..$((management_base_port + count - 1))" \
  "(GET /cluster/members, /ready, /alive)"
if [ -n "$topology" ]; then
  echo "local-cluster: bin/qnetem run $topology --cluster --seed-nodes $seeds --min-members $count $*"
  set +e
  "$home/bin/qnetem" run "$topology" --cluster --seed-nodes "$seeds" --min-members "$count" "$@"
  status=$?
  set -e
  echo "local-cluster: the run exited with $status"
  exit "$status"
fi
if ! $stop_when_up; then
  echo "local-cluster: Ctrl-C stops them"
  wait
fi
