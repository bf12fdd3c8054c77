#!/usr/bin/env bash
# Compares model families with one online pass (tributary evaluate) on UCI Adult and on the synthetic
# MMoE-paper data at task correlations p in {0.9, 0.5, 0.1}, 3 seeds each. Prints a Markdown table
# (mean ± sd over seeds of the held-out metric) for docs/quality.md. Needs python3.
# Usage: scripts/compare-families.sh [synthetic rows, default 30000]
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-30000}"
out="$(mktemp -d)"
./tributary help >/dev/null 2>&1 || true   # build once
run() { java --add-modules jdk.incubator.vector -jar target/tributary.jar evaluate --quiet --json "$@" 2>/dev/null; }
for fam in single-task shared-bottom mmoe cgc; do
  for seed in 1 2 3; do
    run --topology topology/adult.yaml --family "$fam" --seed "$seed" > "$out/adult-$fam-$seed.json"
    for p in 0.9 0.5 0.1; do
      run --topology topology/synthetic.yaml --family "$fam" --seed "$seed" --correlation "$p" --events "$rows" \
        > "$out/syn$p-$fam-$seed.json"
    done
  done
done
python3 - "$out" <<'PY'
import json, sys, glob, statistics as st, os
d = sys.argv[1]
def cell(vals):
    return f"{st.mean(vals):.4f} ± {st.stdev(vals):.4f}" if len(vals) > 1 else f"{vals[0]:.4f}"
fams = ["single-task", "shared-bottom", "mmoe", "cgc"]
print("| data | task (test metric) | " + " | ".join(fams) + " |")
print("|---|---|" + "---|" * len(fams))
for data in ["adult", "syn0.9", "syn0.5", "syn0.1"]:
    first = json.load(open(f"{d}/{data}-mmoe-1.json"))
    for task, tm in first["tasks"].items():
        metric = "auc" if tm["test"].get("auc") is not None else "rmse"
        row = []
        for fam in fams:
            vals = [json.load(open(f))["tasks"][task]["test"][metric] for f in sorted(glob.glob(f"{d}/{data}-{fam}-*.json"))]
            row.append(cell(vals))
        label = data.replace("syn", "synthetic p=")
        print(f"| {label} | {task} ({metric}) | " + " | ".join(row) + " |")
PY
