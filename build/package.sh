#!/usr/bin/env bash
# package.sh NAME STAGE OUTDIR: packs the folder STAGE as OUTDIR/NAME.tar.gz
# (Linux) or OUTDIR/NAME.zip (NAME ending in -windows-amd64: Windows users
# open zips), the files inside under NAME/, with NAME.<ext>.sha256 beside it
# (`sha256sum -c` checks it).
set -euo pipefail
name=$1 stage=$2 outdir=$3
mkdir -p "$outdir"
rm -rf "$outdir/.pack" && mkdir -p "$outdir/.pack" && cp -r "$stage" "$outdir/.pack/$name"
case $name in
  *-windows-*)
    file=$name.zip
    (cd "$outdir/.pack" && python3 - "$name" "../$file" <<'PY'
import os, sys, zipfile
name, dest = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as z:
    for root, dirs, files in os.walk(name):
        dirs.sort()
        for f in sorted(files):
            z.write(os.path.join(root, f))
PY
    ) ;;
  *)
    file=$name.tar.gz
    tar -C "$outdir/.pack" --owner=0 --group=0 --sort=name -czf "$outdir/$file" "$name" ;;
esac
rm -rf "$outdir/.pack"
(cd "$outdir" && sha256sum "$file" > "$file.sha256")
echo "$outdir/$file"
