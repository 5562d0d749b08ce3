#!/usr/bin/env bash
# CPU time (user + sys, GNU time) of cold whole-corpus runs, this checkout against BASELINE, interleaved, medians.
# On a shared machine wall time is noise; the CPU a run takes is the work it does (still inflated by a busy machine's
# cache and core contention, alike for both rows when interleaved).
# Usage: BASELINE=DIR bench/cpu.sh corpus|small [RUNS]
#   corpus  the Postgres files of ../shared/corpus (bench/corpus-files.sh), as bench/run.sh corpus
#   small   SMALL_CORPUS (default bench/results/small-corpus, made by bench/small-files-corpus.sh), every file of its
#           files.txt (run.sh also leaves out the files squawk fails on: none today)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
what="${1:?usage: BASELINE=DIR bench/cpu.sh corpus|small [RUNS]}"
runs="${2:-7}"
: "${BASELINE:?set BASELINE to a checkout with a built target/migralint.jar}"
command -v /usr/bin/time >/dev/null || { echo "bench: GNU time is needed (apt-get install time)" >&2; exit 2; }
results="$here/results"
mkdir -p "$results"
case "$what" in
  corpus)
    dir="${CORPUS:-$root/../shared/corpus}"
    "$here/corpus-files.sh" "$dir" >"$results/cpu-files.txt" ;;
  small)
    dir="${SMALL_CORPUS:-$results/small-corpus}"
    [ -f "$dir/files.txt" ] || "$here/small-files-corpus.sh" "$dir" >/dev/null
    cp "$dir/files.txt" "$results/cpu-files.txt" ;;
  *) echo "bench: corpus or small" >&2; exit 2 ;;
esac
mapfile -t files <"$results/cpu-files.txt"
"$root/bin/migralint" --version >/dev/null
"$BASELINE/bin/migralint" --version >/dev/null
declare -A cpu wall
for ((i = 0; i < runs; i++)); do
  for name in before after; do
    launcher="$root/bin/migralint"
    [ "$name" = after ] || launcher="$BASELINE/bin/migralint"
    (cd "$dir" && /usr/bin/time -o "$results/.cpu" -f '%U %S %e' "$launcher" check --no-cache --color never "${files[@]}") \
      >/dev/null 2>&1 || true
    read -r user sys elapsed < <(tail -n 1 "$results/.cpu")
    cpu[$name]+="$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }') "
    wall[$name]+="$elapsed "
  done
done
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
echo "$what, ${#files[@]} files, $runs interleaved runs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for name in before after; do
  echo "$name: CPU (user+sys) median $(median <<<"${cpu[$name]}") s [${cpu[$name]% }], wall median $(median <<<"${wall[$name]}") s"
done
rm -f "$results/.cpu"
