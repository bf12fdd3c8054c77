#!/usr/bin/env bash
# Hashing against a bounded vocabulary for a high-cardinality id: `tributary evaluate` on
# topology/bench-ids.yaml (a user id drawn from a Zipf law over 10 million values, here with a strong
# per-id effect on the labels) with the id hashed into 4,096, 65,536 or 1,048,576 rows, or given rows
# by a vocabulary of 4,096 or 65,536 rows (minCount 2), each variant run in turn in the same session (the machine
# drifts; compare within a round). Prints per run: training events/s, test AUC of t1 and t2, test RMSE
# of t3, and the vocabulary's counts; then medians and each variant's time relative to hashed-4k.
# Usage: scripts/bench-vocabulary.sh [rounds, default 3]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-3}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
./tributary help >/dev/null 2>&1 || true   # build once
variant() { # name user-feature
  sed -e "s|  - {name: user, type: categorical, buckets: 1048576, embedding: 16}|  - $2|" \
      -e "s|ids: {name: user, values: 10000000, exponent: 1.1, effect: 0.5}|ids: {name: user, values: 10000000, exponent: 1.1, effect: 3.0}|" \
      topology/bench-ids.yaml > "$out/$1.yaml"
  grep -q -- "- $2" "$out/$1.yaml" && grep -q "effect: 3.0" "$out/$1.yaml" \
    || { echo "could not rewrite topology/bench-ids.yaml" >&2; exit 1; }
}
variant hashed-4k   "{name: user, type: categorical, buckets: 4096, embedding: 16}"
variant vocab-4k    "{name: user, type: categorical, buckets: 4096, embedding: 16, vocabulary: {minCount: 2}}"
variant hashed-64k  "{name: user, type: categorical, buckets: 65536, embedding: 16}"
variant vocab-64k   "{name: user, type: categorical, buckets: 65536, embedding: 16, vocabulary: {minCount: 2}}"
variant hashed-1m   "{name: user, type: categorical, buckets: 1048576, embedding: 16}"
variants="hashed-4k vocab-4k hashed-64k vocab-64k hashed-1m"
run() { java --add-modules jdk.incubator.vector -Xmx4g -jar target/tributary.jar evaluate --quiet --json \
  --topology "$out/$1.yaml" 2>/dev/null > "$out/$1-$2.json"; }
for r in $(seq 1 "$rounds"); do
  for v in $variants; do
    run "$v" "$r"
  done
done
python3 - "$out" "$rounds" $variants <<'PY'
import json, sys, statistics as st
d, rounds, variants = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
rate, quality = {}, {}
for v in variants:
    for r in range(1, rounds + 1):
        j = json.load(open(f"{d}/{v}-{r}.json"))
        eps = j["events"] / j["seconds"]
        rate.setdefault(v, []).append(eps)
        t = j["tasks"]
        q = (t["t1"]["test"]["auc"], t["t2"]["test"]["auc"], t["t3"]["test"]["rmse"])
        quality[v] = q
        voc = j.get("vocabularies", {}).get("user")
        extra = "" if voc is None else (f"; {voc['live']:,} rows live, {voc['admitted']:,} admitted,"
                                        f" {voc['evicted']:,} evicted, {100 * voc['unknown'] / voc['lookups']:.1f}% unknown")
        print(f"{v:10s} round {r}: {eps:9,.0f} events/s; test AUC t1 {q[0]:.4f} t2 {q[1]:.4f}; RMSE t3 {q[2]:.4f}{extra}")
print()
for v in variants:
    ratios = [rate[variants[0]][i] / rate[v][i] for i in range(rounds)]
    print(f"{v:10s} median {st.median(rate[v]):9,.0f} events/s; time / {variants[0]}: median {st.median(ratios):.2f}"
          f" (rounds: {', '.join(f'{x:.2f}' for x in ratios)})")
PY
