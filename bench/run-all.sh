#!/usr/bin/env bash
# Runs the whole performance suite (docs/performance.md): BenchmarkDotNet (compile stages per OS
# family, generator, batch), the alternating full-compile/floor ratios, the streamed batch's peak
# working set at 10k and 100k OSCs, and the AOT process-start comparison. Never run by CI.
# Takes 30-40 minutes on 2 cores. Results: bench/results/ (and BenchmarkDotNet.Artifacts/).
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/results
mkdir -p "$out"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet build bench/Osc.Benchmarks -c Release -o artifacts/bench -nologo -v q
bench() { dotnet artifacts/bench/Osc.Benchmarks.dll "$@"; }

{ date -u; uname -r; nproc; uptime; } > "$out/machine.txt"
bench ratios 40 | tee "$out/ratios.md"
bench check-generator | tee "$out/generator-incremental.txt"
bench ratios-generator 30 | tee "$out/generator.md"
bench stream 10000 | tee "$out/stream.txt"
bench stream 100000 | tee -a "$out/stream.txt"

dotnet publish src/OscCli -c Release -r linux-x64 -p:OscNativeAot=true -o artifacts/osc-aot -nologo -v q
dotnet build src/OscCli -c Release -o artifacts/osc-jit -nologo -v q
bench startup artifacts/osc-aot/osc artifacts/osc-jit/osc.dll examples/reconcile-gardenlinux.yaml 200 | tee "$out/startup.txt"

# BenchmarkDotNet last (it builds its own copy of the project): every benchmark class.
(cd bench/Osc.Benchmarks && dotnet run -c Release -- --filter '*' --artifacts ../../BenchmarkDotNet.Artifacts) | tee "$out/benchmarkdotnet.txt"
