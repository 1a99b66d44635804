#!/usr/bin/env bash
# The quick start: installs the dependencies, builds, indexes the bundled sample archive
# (examples/) into ./bellwether-demo.db and runs a few sample searches.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
db=./bellwether-demo.db
rm -rf "$db"
bin=build
echo
echo "== Indexing examples/ into $db"
"$bin/indexer/bellwether-index" --db "$db" examples/
run() {
  echo
  echo "== bellwether-search $*"
  "$bin/searcher/bellwether-search" --db "$db" "$@"
}
run --stats
run HBM memory --limit 3
run 'ticker:MU' --type signal --limit 3
run '"memory chip"' --since 2026-03-01 --limit 3 --format json
run 'actor:"Morgan Stanley" OR actor:Google' --sort date --limit 5 --format csv
run memory --facets ticker,topic,date --limit 2
echo
echo "Done. Try: build/searcher/bellwether-search --db $db 'your query' (see README.md)"
echo "Or the search page: build/server/bellwether-serve --db $db --static web, then open http://127.0.0.1:8080/"
