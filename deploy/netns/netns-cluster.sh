#!/usr/bin/env bash
# Three QNetEm cluster members on three "hosts" of one machine: network namespaces joined by veth
# pairs to a bridge on their own subnet. Forms the cluster, checks it through the management API,
# runs the UK scenario in fast mode across the three members (the run's coordinator in the root
# namespace, on the bridge's address) and checks that every link's key digest equals a one-JVM run's
# with the same seed, then cuts the third namespace off (its veth link down) and shows the keep-majority
# split-brain resolver downing it while the other two stay Up. Cleans up everything on exit.
#
# Run as root from a built checkout (mvn -B -q package -DskipTests):
#   sudo deploy/netns/netns-cluster.sh
# Environment: STABLE_AFTER (split-brain resolver stable-after, default 5s so the demo stays short;
# production keeps QNetEm's 10s), SUBNET_PREFIX (default 10.213.0), GUARD_SECONDS (default 120),
# RUN_DURATION (emulated time of the UK run, default 5s), RUN_SEED (default 7).
set -euo pipefail

home="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
prefix="${SUBNET_PREFIX:-10.213.0}"
stable_after="${STABLE_AFTER:-5s}"
guard="${GUARD_SECONDS:-120}"
run_duration="${RUN_DURATION:-5s}"
run_seed="${RUN_SEED:-7}"
topology="$home/config/uk-bristol-cambridge.conf"
bridge=qnetem-br0
artery_port=7355
management_port=7626
members=(1 2 3)
seeds="$prefix.1:$artery_port,$prefix.2:$artery_port"
logs="$(mktemp -d /tmp/qnetem-netns.XXXXXX)"
declare -A pids=()

if [ "$(id -u)" -ne 0 ]; then
  echo "netns-cluster: skipped: creating network namespaces needs root (run with sudo)" >&2
  exit 77
fi
for tool in ip curl jq; do
  command -v "$tool" >/dev/null || { echo "netns-cluster: '$tool' is required" >&2; exit 2; }
done
if [ ! -f "$home/modules/qnetem-cli/target/qnetem-cli.jar" ]; then
  echo "netns-cluster: not built yet; run first in $home:  mvn -B -q package -DskipTests" >&2
  exit 2
fi

start_s=$SECONDS
say() { printf '[%3ds] %s\n' "$((SECONDS - start_s))" "$*"; }

cleanup() {
  set +e
  for i in "${!pids[@]}"; do
    kill -TERM "${pids[$i]}" 2>/dev/null
  done
  for i in "${!pids[@]}"; do
    wait "${pids[$i]}" 2>/dev/null
  done
  [ -n "${single_pid:-}" ] && kill -TERM "$single_pid" 2>/dev/null && wait "$single_pid" 2>/dev/null
  for i in "${members[@]}"; do
    ip netns del "qnetem-m$i" 2>/dev/null
    ip link del "qnetem-h$i" 2>/dev/null
  done
  ip link del "$bridge" 2>/dev/null
  say "cleaned up: members stopped, namespaces, veth pairs and bridge removed (logs kept in $logs)"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say "creating bridge $bridge ($prefix.254/24) and namespaces qnetem-m1..3"
ip link add "$bridge" type bridge
ip addr add "$prefix.254/24" dev "$bridge"
ip link set "$bridge" up
for i in "${members[@]}"; do
  ns="qnetem-m$i"
  ip netns add "$ns"
  ip link add "qnetem-h$i" type veth peer name eth0 netns "$ns"
  ip link set "qnetem-h$i" master "$bridge" up
  ip -n "$ns" addr add "$prefix.$i/24" dev eth0
  ip -n "$ns" link set eth0 up
  ip -n "$ns" link set lo up
done

# The one-JVM reference run goes while the members start: it needs no network.
QNETEM_JAVA_OPTS="-Xmx512m" "$home/bin/qnetem" run "$topology" --mode fast --duration "$run_duration" \
  --seed "$run_seed" --quiet --report "$logs/single.json" >"$logs/single.out" 2>"$logs/single.err" &
single_pid=$!
say "one-JVM run of the UK scenario (fast, $run_duration, seed $run_seed): pid $single_pid"

for i in "${members[@]}"; do
  QNETEM_JAVA_OPTS="-Xmx512m -Dpekko.cluster.split-brain-resolver.stable-after=$stable_after" \
    ip netns exec "qnetem-m$i" "$home/bin/qnetem" node --seed-nodes "$seeds" --host "$prefix.$i" \
    --port "$artery_port" --management-port "$management_port" >"$logs/m$i.out" 2>"$logs/m$i.err" &
  pids[$i]=$!
  say "member $i: pid ${pids[$i]}, pekko://qnetem@$prefix.$i:$artery_port in namespace qnetem-m$i"
done

# members_of NS I: "address status" lines as member I sees them, through its management API.
members_of() {
  ip netns exec "$1" curl -sf --max-time 3 "http://$prefix.$2:$management_port/cluster/members" \
    | jq -r '.members[] | "\(.node) \(.status)"' | sort
}

# await I EXPECTED: waits until member I (seen from its own namespace) reports exactly EXPECTED.
await() {
  local i=$1 expected=$2 seen=""
  local deadline=$((SECONDS + guard))
  while [ $SECONDS -lt $deadline ]; do
    if ! kill -0 "${pids[$i]}" 2>/dev/null; then
      echo "member $i exited early:" >&2; cat "$logs/m$i.err" >&2; exit 1
    fi
    seen="$(members_of "qnetem-m$i" "$i" 2>/dev/null || true)"
    [ "$seen" = "$expected" ] && return 0
    sleep 1
  done
  echo "member $i never saw the expected members; last seen:" >&2; echo "$seen" >&2; exit 1
}

all_up="$(for i in "${members[@]}"; do echo "pekko://qnetem@$prefix.$i:$artery_port Up"; done | sort)"
for i in "${members[@]}"; do
  await "$i" "$all_up"
done
say "cluster formed; GET /cluster/members from the root namespace (via the bridge) on member 1:"
curl -sf "http://$prefix.1:$management_port/cluster/members" | jq -c '[.members[] | {node, status}]'
for i in "${members[@]}"; do
  say "member $i: /ready $(curl -s -o /dev/null -w '%{http_code}' "http://$prefix.$i:$management_port/ready")," \
    "/alive $(curl -s -o /dev/null -w '%{http_code}' "http://$prefix.$i:$management_port/alive")"
done

say "running the UK scenario across the three members (coordinator in the root namespace on $prefix.254)"
run_start=$SECONDS
if ! QNETEM_JAVA_OPTS="-Xmx512m" "$home/bin/qnetem" run "$topology" --mode fast --duration "$run_duration" \
    --seed "$run_seed" --quiet --report "$logs/cluster.json" --cluster --seed-nodes "$seeds" --min-members 3 \
    --host "$prefix.254" >"$logs/cluster.out" 2>"$logs/cluster.err"; then
  echo "netns-cluster: the cluster run failed:" >&2; cat "$logs/cluster.err" >&2; exit 1
fi
say "cluster run done in $((SECONDS - run_start)) s:"
grep -E '^(cluster|region|traffic|pekko|total)' "$logs/cluster.out" | sed 's/^/    /'
set +e; wait "$single_pid"; single_rc=$?; set -e
single_pid=""
if [ "$single_rc" -ne 0 ]; then
  echo "netns-cluster: the one-JVM run failed with $single_rc:" >&2; cat "$logs/single.err" >&2; exit 1
fi
digests() { jq -S '[.links[] | {id, key_digest, blocks}]' "$1"; }
if [ "$(digests "$logs/single.json")" != "$(digests "$logs/cluster.json")" ]; then
  echo "netns-cluster: key digests differ between the one-JVM and the cluster run:" >&2
  diff <(digests "$logs/single.json") <(digests "$logs/cluster.json") >&2; exit 1
fi
members_used="$(jq '.cluster.members | length' "$logs/cluster.json")"
violations="$(jq '[.invariants[]] | add' "$logs/cluster.json")"
if [ "$members_used" -ne 3 ] || [ "$violations" -ne 0 ]; then
  echo "netns-cluster: the cluster run used $members_used members (expected 3), invariant violations $violations" >&2
  exit 1
fi
say "every link's key digest equals the one-JVM run's ($(jq '.links | length' "$logs/cluster.json") links," \
  "$(jq '[.links[].blocks] | add' "$logs/cluster.json") key blocks); invariants zero; emulation wall" \
  "$(printf '%.1f' "$(jq .wall_seconds "$logs/cluster.json")") s on the cluster," \
  "$(printf '%.1f' "$(jq .wall_seconds "$logs/single.json")") s in one JVM"

say "cutting namespace qnetem-m3 off: ip link set qnetem-h3 down"
ip link set qnetem-h3 down
cut_s=$SECONDS
majority="$(for i in 1 2; do echo "pekko://qnetem@$prefix.$i:$artery_port Up"; done | sort)"
for i in 1 2; do
  await "$i" "$majority"
done
say "members 1 and 2 downed and removed member 3 $((SECONDS - cut_s)) s after the cut; member 1 now sees:"
curl -sf "http://$prefix.1:$management_port/cluster/members" | jq -c '[.members[] | {node, status}], {unreachable}'

# The cut-off member is the minority: the resolver downs it on its own side too, and it stops.
deadline=$((SECONDS + guard))
while kill -0 "${pids[3]}" 2>/dev/null && [ $SECONDS -lt $deadline ]; do
  sleep 1
done
if kill -0 "${pids[3]}" 2>/dev/null; then
  echo "member 3 did not stop after being cut off" >&2; exit 1
fi
set +e; wait "${pids[3]}"; rc=$?; set -e
unset 'pids[3]'
say "member 3 (the minority) downed itself and exited with code $rc; its lines:"
sed 's/^/    /' "$logs/m3.out"
say "member 1's lines:"
sed 's/^/    /' "$logs/m1.out"
say "done: keep-majority kept members 1 and 2 Up and removed the cut-off member 3"
