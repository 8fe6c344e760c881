#!/usr/bin/env bash
# Peak memory of `osc render` over N minimal OSCs in one run, under a fixed GC heap
# (docs/performance.md, "Rendering many OSCs in one run"). Never run by CI.
#
#   bash bench/render-memory.sh [HEAP_HARD_LIMIT] [N...]     default: 0x10000000 10000 100000
#
# Each count runs in its own process: the OSCs are written 10,000 to a file (the loader's
# LoadLimits.MaxDocuments per input stream), rendered with DOTNET_GCHeapHardLimit set, and the
# peak resident set (VmHWM, via GNU time) and the exit status are printed.
set -euo pipefail
cd "$(dirname "$0")/.."
limit=${1:-0x10000000}
shift || true
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(10000 100000)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build src/OscCli -c Release -o "$work/osc" -nologo -v q >/dev/null
[ -x /usr/bin/time ] || { echo "GNU time (/usr/bin/time) is needed: apt-get install time"; exit 1; }
for n in "${counts[@]}"; do
  rm -rf "$work/in" "$work/out"
  mkdir -p "$work/in"
  python3 - "$work/in" "$n" <<'PY'
import sys
folder, n = sys.argv[1], int(sys.argv[2])
for start in range(0, n, 10000):
    with open(f"{folder}/part{start // 10000:03d}.yaml", "w") as f:
        for i in range(start, min(n, start + 10000)):
            f.write("---\napiVersion: extensions.gardener.cloud/v1alpha1\nkind: OperatingSystemConfig\n"
                    f"metadata:\n  name: osc-{i}\n  namespace: shoot--dev--demo\n"
                    "spec:\n  type: gardenlinux\n  purpose: reconcile\n")
PY
  set +e
  DOTNET_GCHeapHardLimit=$limit /usr/bin/time -f "peak_rss_kib=%M wall_s=%e" -o "$work/time" \
    dotnet "$work/osc/osc.dll" render "$work"/in/*.yaml --output "$work/out" > /dev/null 2> "$work/stderr"
  status=$?
  set -e
  echo "render count=$n heap_hard_limit=$limit exit=$status $(cat "$work/time" | tail -1) objects_written=$(find "$work/out" -mindepth 2 -maxdepth 2 -type d 2>/dev/null | wc -l) last_line=\"$(tail -1 "$work/stderr")\""
done
