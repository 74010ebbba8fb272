#!/usr/bin/env bash
# ISO hashing benchmark: our Sha256 against coreutils sha256sum on the same generated file, page cache warm.
# Usage: bench/hash.sh [SIZE_GIB (default 2)] [RUNS (default 5)]
# The tools take turns in each round, so load from other processes hits them alike; medians are printed at the
# end. docs/performance.md ("ISO hashing (SHA-256)") records the figures.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
size_gib=${1:-2}
runs=${2:-5}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
file=$work/bench.iso

echo "== machine"
grep -m1 'model name' /proc/cpuinfo | sed 's/.*: /cpu: /'
echo "cores: $(nproc), sha_ni: $(grep -q -w sha_ni /proc/cpuinfo && echo yes || echo no)"
free -g | awk '/Mem:/ {print "memory: " $2 " GiB"}'
echo "kernel: $(uname -r)"
java -version 2>&1 | sed -n 1p
sha256sum --version | sed -n 1p

echo "== generating ${size_gib} GiB of random data"
head -c $((size_gib << 30)) /dev/urandom > "$file"
cat "$file" > /dev/null # warm the page cache; every run below reads from memory

(cd "$root/core" && mvn -B -q -o test-compile)
cp="$root/core/target/classes:$root/core/target/test-classes"
expected=$(sha256sum "$file" | cut -c1-64)

# seconds of wall clock for one command, digest output checked against sha256sum's
timed() {
  local start end
  start=$(date +%s.%N)
  "$@" > "$work/out"
  end=$(date +%s.%N)
  grep -q "$expected" "$work/out" || { echo "digest differs from sha256sum: $(cat "$work/out")" >&2; exit 1; }
  echo "$end - $start" | bc
}

median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.2f", m}'; }

echo "== $runs rounds (seconds): sha256sum | Sha256 in a fresh JVM (incl. JVM start) | openssl dgst"
: > "$work/s"; : > "$work/j"; : > "$work/o"
for i in $(seq "$runs"); do
  s=$(timed sha256sum "$file"); echo "$s" >> "$work/s"
  j=$(timed java -cp "$cp" io.jenkins.plugins.capi.iso.Sha256Benchmark "$file" 1); echo "$j" >> "$work/j"
  o=$(timed openssl dgst -sha256 "$file"); echo "$o" >> "$work/o"
  printf 'round %d: %6.2f | %6.2f | %6.2f   (load %s)\n' "$i" "$s" "$j" "$o" "$(cut -d' ' -f1 /proc/loadavg)"
done

echo "== Sha256, $runs runs in one JVM (after the first, JIT-compiled)"
java -cp "$cp" io.jenkins.plugins.capi.iso.Sha256Benchmark "$file" "$runs" | tee "$work/out"
grep -q "$expected" "$work/out" || { echo "digest differs from sha256sum" >&2; exit 1; }

bytes=$((size_gib << 30))
for t in s:sha256sum j:"Sha256 (fresh JVM)" o:"openssl dgst"; do
  m=$(median < "$work/${t%%:*}")
  printf 'median %-20s %6s s  %5.0f MB/s\n' "${t#*:}" "$m" "$(echo "$bytes / $m / 1000000" | bc -l)"
done
echo "digest $expected"
