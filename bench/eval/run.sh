#!/usr/bin/env bash
# Relevance evaluation on SciFact (../shared/corpora/scifact): indexes the corpus with
# bellwether-index, runs the 809 training queries through bellwether-search --format trec for each
# ranking profile given (default: the profiles compared in README "Relevance"), and scores every run
# with bellwether-eval (nDCG@10, Recall@100, MRR@10) on all training queries and on each half
# (odd/even lines), so a setting that only fits one half shows.
#
#   bench/eval/run.sh [PROFILE...]        e.g. bench/eval/run.sh xapian default "default,k1=2"
#
# Environment: BUILD (default build/), SHARED (default ../shared), OUT (default bench/results/eval).
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
SHARED=${SHARED:-../shared}
OUT=${OUT:-bench/results/eval}
SCIFACT=$SHARED/corpora/scifact
[ -f "$SCIFACT/corpus.jsonl" ] || { echo "run.sh: $SCIFACT/corpus.jsonl not found" >&2; exit 2; }
[ -x "$BUILD/searcher/bellwether-search" ] || scripts/build.sh >/dev/null
mkdir -p "$OUT"
DB=$OUT/scifact.db
if [ ! -d "$DB" ]; then
  "$BUILD/indexer/bellwether-index" --db "$DB" --progress never "$SCIFACT/corpus.jsonl"
fi
awk 'NR % 2 == 1' "$SCIFACT/queries-train.tsv" | cut -f1 > "$OUT/half-a.qids"
awk 'NR % 2 == 0' "$SCIFACT/queries-train.tsv" | cut -f1 > "$OUT/half-b.qids"
awk 'NR==FNR {keep[$1]=1; next} ($1 in keep)' "$OUT/half-a.qids" "$SCIFACT/qrels-train.trec" > "$OUT/qrels-a.trec"
awk 'NR==FNR {keep[$1]=1; next} ($1 in keep)' "$OUT/half-b.qids" "$SCIFACT/qrels-train.trec" > "$OUT/qrels-b.trec"

profiles=("$@")
[ ${#profiles[@]} -gt 0 ] || profiles=(xapian "xapian,stopwords=1" "bm25,k1=0.9,b=0.4" bm25 "bm25,k1=2" "bm25,stopwords=1" \
  "bm25,prf_docs=10,prf_terms=20,prf_weight=0.5" "bm25,proximity=0.3" "model=bm25plus" "model=pl2" \
  "model=bb2" "model=dph" "model=dlh" "model=inl2" "model=ineb2,c=0.5" default "model=ineb2,c=2")
runs=()
for profile in "${profiles[@]}"; do
  run=$OUT/run.$(echo "$profile" | tr ',=' '_-').trec
  start=$(date +%s.%N)
  "$BUILD/searcher/bellwether-search" --db "$DB" --queries "$SCIFACT/queries-train.tsv" --format trec \
    --limit 100 --match any --ranking "$profile" --run-tag "$profile" > "$run"
  end=$(date +%s.%N)
  awk -v p="$profile" -v s="$start" -v e="$end" 'BEGIN { printf "%-50s %6.1f s for 809 queries\n", p, e - s }' >&2
  runs+=("$run")
done
for split in train:"$SCIFACT/qrels-train.trec" half-a:"$OUT/qrels-a.trec" half-b:"$OUT/qrels-b.trec"; do
  echo "== ${split%%:*}"
  "$BUILD/research/bellwether-eval" --qrels "${split#*:}" "${runs[@]}"
  "$BUILD/research/bellwether-eval" --format json --qrels "${split#*:}" "${runs[@]}" > "$OUT/${split%%:*}.json"
done
