#!/usr/bin/env bash
# Partitioned learners in the pipeline benchmark: `tributary bench pipeline` on topology/bench-m1.yaml
# with the single learner and with P partitions on T stream threads, syncing every H steps, each run
# in turn in the same session. Prints events/s, stream-thread CPU per event and its efficiency
# against the single learner's (single CPU/event over the run's), and the prequential AUC and RMSE
# combined over the replicas. Pass --bootstrap HOST:PORT for a broker in its own process.
# Usage: scripts/bench-replicas-pipeline.sh [events, default 200000] [runs "P:T:H ...", default
#        "2:1:4 2:2:4 2:2:16 2:2:64 4:2:4 4:2:16 4:2:64"] [extra bench options]
set -euo pipefail
cd "$(dirname "$0")/.."
events="${1:-200000}"
runs="${2:-2:1:4 2:2:4 2:2:16 2:2:64 4:2:4 4:2:16 4:2:64}"
shift $(( $# > 2 ? 2 : $# ))
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
./tributary help >/dev/null 2>&1 || true   # build once
bench() { # name partitions threads sync-every [extra bench options]
  local name="$1" p="$2" t="$3" h="$4"
  shift 4
  printf 'tributary.sync.every.steps=%s\n' "$h" > "$out/$name.properties"
  java --add-modules jdk.incubator.vector -Xmx3g -jar target/tributary.jar bench pipeline --events "$events" \
    --jit-warmup "$events" --partitions "$p" --threads "$t" --config "$out/$name.properties" --json --quiet "$@" \
    2>/dev/null > "$out/$name.json"
}
names="single"
bench single 1 1 4 "$@"
for r in $runs; do
  IFS=: read -r p t h <<< "$r"
  bench "p$p-t$t-h$h" "$p" "$t" "$h" "$@"
  names="$names p$p-t$t-h$h"
done
python3 - "$out" $names <<'PY'
import json, sys
d, names = sys.argv[1], sys.argv[2:]
def row(name):
    j = json.load(open(f"{d}/{name}.json"))
    p = j["pipeline"]
    us = 1e6 * p["streamThreadCpuSeconds"] / max(1, p["measuredPredictions"])
    t = j["tasks"]
    auc = [v["prequential"]["auc"] for v in t.values() if v["prequential"] and "auc" in v["prequential"]]
    rmse = [v["prequential"]["rmse"] for v in t.values() if v["prequential"] and "rmse" in v["prequential"]]
    return p["eventsPerSecond"], us, auc, rmse
base = row("single")
print(f"{'run':14s} {'events/s':>9s} {'CPU/event':>10s} {'efficiency':>10s}  AUC per task, RMSE")
for n in names:
    eps, us, auc, rmse = row(n)
    print(f"{n:14s} {eps:9,.0f} {us:8.1f} µs {base[1] / us:10.2f}  " + " / ".join(f"{a:.4f}" for a in auc)
          + "".join(f", {r:.3f}" for r in rmse))
PY
