#!/usr/bin/env bash
# licenses.sh OUT [DUCKDB_LICENSE]: the license texts of every Go module
# linked into cmd/paicha for the target in GOOS/GOARCH/CGO_ENABLED and TAGS
# (the modules of the packages the binary is built from, not all of go.mod),
# a folder per module, plus DuckDB's under OUT/DuckDB/: DUCKDB_LICENSE, or
# the license of the driver's static library module linked in.
set -euo pipefail
out=$1 duckdb_license=${2:-}
rm -rf "$out"
mkdir -p "$out"
missing=()
while read -r mod dir; do
  [ -n "$dir" ] || { missing+=("$mod"); continue; }
  files=$(find "$dir" -maxdepth 1 -type f \( -iname 'LICEN[CS]E*' -o -iname 'COPYING*' -o -iname 'NOTICE*' \) | sort)
  [ -n "$files" ] || { missing+=("$mod"); continue; }
  mkdir -p "$out/$mod"
  for f in $files; do cp "$f" "$out/$mod/"; done
  case $mod in github.com/duckdb/duckdb-go-bindings/lib/*) [ -n "$duckdb_license" ] || duckdb_license=$dir/LICENSE ;; esac
done < <(go list -deps -tags "${TAGS:-}" -f '{{with .Module}}{{if not .Main}}{{.Path}} {{.Dir}}{{end}}{{end}}' ./cmd/paicha | sort -u)
if [ ${#missing[@]} -gt 0 ]; then
  echo "licenses.sh: no license file found for: ${missing[*]}" >&2
  exit 1
fi
[ -n "$duckdb_license" ] || { echo "licenses.sh: DuckDB's license not found" >&2; exit 1; }
mkdir -p "$out/DuckDB" && cp "$duckdb_license" "$out/DuckDB/LICENSE"
