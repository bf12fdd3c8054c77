#!/usr/bin/env bash
# Cost of the streaming application against the size of an embedding table: `tributary bench
# pipeline` under exactly_once_v2 with 100 ms commits on topology/bench-ids.yaml (a Zipf user id over
# 10 million values hashed into 1,048,576 x 16), on the same topology with a 1,024-row table, and on
# topology/bench-ids-vocabulary.yaml (the id through a 65,536-row vocabulary), each variant run in
# turn in the same session. Prints events/s, checkpoint bytes and rows per commit and the restore time
# of each run, and the median ratio of the small table's events/s to each other variant's.
# Usage: scripts/bench-checkpoints.sh [rounds, default 3] [events, default 300000] [extra bench options]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-3}"
events="${2:-300000}"
shift $(( $# > 2 ? 2 : $# ))
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
./tributary help >/dev/null 2>&1 || true   # build once
cp topology/bench-ids.yaml "$out/large.yaml"
sed -e 's/buckets: 1048576, embedding: 16/buckets: 1024, embedding: 16/' -e 's/^name: bench-ids/name: bench-ids-1k/' \
  topology/bench-ids.yaml > "$out/small.yaml"
grep -q "buckets: 1024, embedding: 16" "$out/small.yaml" || { echo "could not rewrite bench-ids.yaml" >&2; exit 1; }
cp topology/bench-ids-vocabulary.yaml "$out/vocabulary.yaml"
for r in $(seq 1 "$rounds"); do
  for v in small large vocabulary; do
    java --add-modules jdk.incubator.vector -Xmx2g -jar target/tributary.jar bench pipeline --topology "$out/$v.yaml" \
      --events "$events" --jit-warmup "$events" --guarantee exactly_once_v2 --commit-interval 100 --json --quiet "$@" \
      2>/dev/null > "$out/$v-$r.json"
  done
done
python3 - "$out" "$rounds" <<'PY'
import json, sys, statistics as st
d, rounds = sys.argv[1], int(sys.argv[2])
rate = {}
variants = ["small", "large", "vocabulary"]
for v in variants:
    for r in range(1, rounds + 1):
        j = json.load(open(f"{d}/{v}-{r}.json"))
        eps = j["pipeline"]["eventsPerSecond"]
        c = j["checkpoints"]
        rate.setdefault(v, []).append(eps)
        print(f"{v:10s} round {r}: {eps:8,.0f} events/s; {c['checkpoints']:5d} checkpoints of {c['bytesPerCheckpoint']:9,.0f}"
              f" bytes and {c['rowsPerCheckpoint']:6.1f} rows (largest {c['maxBytes']:,}); restore {c['restoreSeconds']:.2f} s"
              f" ({c['restoreRecords']:,} records)")
print()
for v in variants[1:]:
    ratios = [rate["small"][i] / rate[v][i] for i in range(rounds)]
    print(f"small-table events/s / {v} events/s: median {st.median(ratios):.2f} "
          f"(rounds: {', '.join(f'{x:.2f}' for x in ratios)})")
PY
