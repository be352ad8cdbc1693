#!/usr/bin/env bash
# Peak memory (RSS) and wall time of `lerarenfunctions validate` on a large synthetic teacher file.
# The validator streams the file, so the peak should not grow with the file: the target is <= 100 MB at 1,000,000 rows.
#
#   tests/LerarenFunctions.Benchmarks/measure-cli-memory.sh [rows]        (default 1000000)
#
# Needs only the .NET SDK; /usr/bin/time is used when present, otherwise VmHWM is read from /proc.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
rows="${1:-1000000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Quiet when it works; the whole build output when it does not.
build() {
  if ! dotnet build -c Release "$1" --nologo -v q >"$work/build.log" 2>&1; then
    cat "$work/build.log" >&2
    exit 1
  fi
}

echo "Building the CLI and the generator (Release)..."
build "$root/src/LerarenFunctions.Cli/LerarenFunctions.Cli.csproj"
build "$root/tests/LerarenFunctions.Benchmarks/LerarenFunctions.Benchmarks.csproj"

file="$work/leraren.csv"
dotnet run -c Release --no-build --project "$root/tests/LerarenFunctions.Benchmarks" -- generate "$file" "$rows"
bytes="$(stat -c %s "$file")"
echo "File: $rows rows, $((bytes / 1024 / 1024)) MB"

# The service's defaults (500,000 rows, 50 MB) reject a file this large before it is read to the end; raise them
# for this run only, through the same settings the hosts read, so the whole file is validated.
export TeacherFile__MaxRows="$rows"
export TeacherFile__MaxFileBytes="$bytes"

cli=(dotnet "$root/src/LerarenFunctions.Cli/bin/Release/net10.0/LerarenFunctions.Cli.dll"
  validate "$file" --bestuur 10053 --peildatum 2025-10-01 --format json)

status=0
if [[ -x /usr/bin/time ]]; then
  /usr/bin/time -v "${cli[@]}" >"$work/out.txt" 2>"$work/time.txt" || status=$?
  peak_kb="$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")"
  elapsed="$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time.txt")"
  elapsed_s="$(awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }' <<<"$elapsed")"
else
  # dotnet runs the app in its own process, so the process started here is the one to watch.
  start_ns="$(date +%s%N)"
  "${cli[@]}" >"$work/out.txt" 2>"$work/time.txt" &
  pid=$!
  peak_kb=0
  while kill -0 "$pid" 2>/dev/null; do
    hwm="$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)"
    if [[ -n "$hwm" && "$hwm" -gt "$peak_kb" ]]; then
      peak_kb="$hwm"
    fi
    sleep 0.05
  done
  wait "$pid" || status=$?
  elapsed_s="$(awk -v a="$start_ns" -v b="$(date +%s%N)" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')"
fi

echo "--- terugmelding (json) ---"
head -n 8 "$work/out.txt"
echo "----------------------------"
if [[ "$status" -ne 0 ]]; then
  echo "The CLI exited with $status (expected 0 for a valid file):" >&2
  cat "$work/time.txt" >&2
fi

awk -v kb="$peak_kb" -v s="$elapsed_s" -v rows="$rows" 'BEGIN {
  printf "Peak RSS:  %.1f MB (target <= 100 MB)\n", kb / 1024
  printf "Elapsed:   %.2f s (%.0f rows/s, including process start)\n", s, rows / s
}'
exit "$status"
