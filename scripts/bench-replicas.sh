#!/usr/bin/env bash
# What periodic model averaging costs in quality: `tributary evaluate --replicas N --sync-every H`
# (the partitioned learner simulated in one process, events split by id) on UCI Adult and on the
# synthetic generator at task correlation p in {0.9, 0.5, 0.1}, for N in {2, 4, 8} and H in
# {1, 8, 64, 512} training steps, against the single learner on the same events. Prints a table of
# test AUC (binary tasks, mean over them) and RMSE (regression tasks) and the difference from the
# single learner, and writes the rows to $1 (default: target/bench-replicas.tsv) for plotting.
# Usage: scripts/bench-replicas.sh [out.tsv] [replica counts] [sync intervals] [evaluate options]
set -euo pipefail
cd "$(dirname "$0")/.."
tsv="${1:-target/bench-replicas.tsv}"
counts="${2:-2 4 8}"
intervals="${3:-1 8 64 512}"
extra="${4:-}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
./tributary help >/dev/null 2>&1 || true   # build once
run() { # name topology extra-args...
  local name="$1" topo="$2"; shift 2
  java --add-modules jdk.incubator.vector -Xmx4g -jar target/tributary.jar evaluate --quiet --json \
    --topology "$topo" "$@" 2>/dev/null > "$out/$name.json"
}
datasets="adult synthetic-0.9 synthetic-0.5 synthetic-0.1"
args() { case "$1" in
  adult) echo "topology/adult.yaml" ;;
  synthetic-*) echo "topology/synthetic.yaml --correlation ${1#synthetic-}" ;;
esac; }
for d in $datasets; do
  # shellcheck disable=SC2046
  run "$d-1-0" $(args "$d")
  for n in $counts; do
    for h in $intervals; do
      # shellcheck disable=SC2046
      run "$d-$n-$h" $(args "$d") --replicas "$n" --sync-every "$h" $extra
    done
  done
done
python3 - "$out" "$tsv" "$datasets" "$counts" "$intervals" <<'PY'
import json, sys
d, tsv, datasets, counts, intervals = sys.argv[1], sys.argv[2], *[a.split() for a in sys.argv[3:]]
def quality(j):
    auc = [t["test"]["auc"] for t in j["tasks"].values() if "auc" in t["test"]]
    rmse = [t["test"]["rmse"] for t in j["tasks"].values() if "rmse" in t["test"]]
    return (sum(auc) / len(auc) if auc else float("nan")), (sum(rmse) / len(rmse) if rmse else float("nan"))
rows = ["dataset\treplicas\tsync_every\tauc\trmse\tauc_diff\trmse_ratio\trounds\tevents_per_s"]
for ds in datasets:
    base = json.load(open(f"{d}/{ds}-1-0.json"))
    a0, r0 = quality(base)
    print(f"\n{ds}: single learner AUC {a0:.4f}" + (f", RMSE {r0:.4f}" if r0 == r0 else ""))
    print(f"{'N':>3} {'H':>5} {'AUC':>8} {'ΔAUC':>8} {'RMSE':>8} {'RMSE/1':>7} {'rounds':>7}")
    rows.append(f"{ds}\t1\t0\t{a0:.5f}\t{r0:.5f}\t0\t1\t0\t{base['events'] / base['seconds']:.0f}")
    for n in counts:
        for h in intervals:
            j = json.load(open(f"{d}/{ds}-{n}-{h}.json"))
            a, r = quality(j)
            rounds = j["replication"]["rounds"]
            ratio = r / r0 if r0 == r0 else float("nan")
            print(f"{n:>3} {h:>5} {a:8.4f} {a - a0:+8.4f} {r:8.4f} {ratio:7.3f} {rounds:7d}")
            rows.append(f"{ds}\t{n}\t{h}\t{a:.5f}\t{r:.5f}\t{a - a0:.5f}\t{ratio:.4f}\t{rounds}\t"
                        f"{j['events'] / j['seconds']:.0f}")
open(tsv, "w").write("\n".join(rows) + "\n")
print(f"\nrows written to {tsv}")
PY
