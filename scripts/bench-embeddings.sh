#!/usr/bin/env bash
# Cost of a training step against the size of an embedding table: `tributary evaluate` on UCI Adult
# with native-country hashed into 128 or into 1,048,576 buckets of width 16, with lazy and with dense
# embedding updates, each variant run in turn in the same session (the machine drifts; compare within
# a round). Prints one line per run (variant, training events/s, test AUCs) and the median ratio of
# each variant to the 128-bucket lazy run. Usage: scripts/bench-embeddings.sh [rounds, default 3]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-3}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
./tributary help >/dev/null 2>&1 || true   # build once
root="$(pwd)"
variant() { # name buckets width embeddings
  sed -e "s|{name: native-country, type: categorical, buckets: 128, embedding: 8}|{name: native-country, type: categorical, buckets: $2, embedding: $3}|" \
      -e "s|optimizer: {type: adam, learningRate: 0.001}|optimizer: {type: adam, learningRate: 0.001, embeddings: $4}|" \
      -e "s|\.\./data/|$root/data/|g" topology/adult.yaml > "$out/$1.yaml"
  grep -q "buckets: $2, embedding: $3" "$out/$1.yaml" || { echo "could not rewrite topology/adult.yaml" >&2; exit 1; }
}
variant small-lazy 128 16 lazy
variant large-lazy 1048576 16 lazy
variant small-dense 128 16 dense
variant large-dense 1048576 16 dense
run() { java --add-modules jdk.incubator.vector -Xmx4g -jar target/tributary.jar evaluate --quiet --json \
  --topology "$out/$1.yaml" 2>/dev/null > "$out/$1-$2.json"; }
for r in $(seq 1 "$rounds"); do
  for v in small-lazy large-lazy small-dense large-dense; do
    run "$v" "$r"
  done
done
python3 - "$out" "$rounds" <<'PY'
import json, sys, statistics as st
d, rounds = sys.argv[1], int(sys.argv[2])
variants = ["small-lazy", "large-lazy", "small-dense", "large-dense"]
rate = {}
for v in variants:
    for r in range(1, rounds + 1):
        j = json.load(open(f"{d}/{v}-{r}.json"))
        eps = j["events"] / j["seconds"]
        rate.setdefault(v, []).append(eps)
        aucs = ", ".join(f"{t} {m['test']['auc']:.4f}" for t, m in j["tasks"].items())
        print(f"{v:12s} round {r}: {eps:9,.0f} events/s; test AUC {aucs}")
print()
for v in variants:
    ratios = [rate["small-lazy"][i] / rate[v][i] for i in range(rounds)]
    print(f"{v:12s} median {st.median(rate[v]):9,.0f} events/s; time / small-lazy: median {st.median(ratios):.2f}"
          f" (rounds: {', '.join(f'{x:.2f}' for x in ratios)})")
PY
