#!/usr/bin/env bash
# The Stasis demo: computes digits of pi, checkpoints half-way on the older JDK and exits, restores
# the checkpoint on the newer JDK, and checks that the result equals an uninterrupted run.
#
# Usage: sample-apps/run-demo.sh [digits [checkpoint-after-digit]]
# Build first: mvn -q -B package -DskipTests
# JDKs: STASIS_JDKS (Java homes separated by ':') overrides the search of /usr/lib/jvm, JAVA_HOME
# and the `java` on PATH; the oldest and the newest version found (17 or later) are used.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
agent="$root/agent/target/stasis-agent.jar"
samples="$root/sample-apps/target/stasis-sample-apps.jar"
api="$root/runtime/target/stasis-api.jar"

for f in "$agent" "$samples" "$api"; do
  if [ ! -f "$f" ]; then
    echo "run-demo: $f does not exist. Build the project first: (cd $root && mvn -q -B package -DskipTests)" >&2
    exit 1
  fi
done

# The major version of the Java installation at $1, from its release file ("17.0.15" -> 17).
jdk_major() {
  local version
  version="$(sed -n 's/^JAVA_VERSION="\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$1/release" 2>/dev/null | head -n 1)"
  version="${version#1.}"
  version="${version%%[!0-9]*}"
  echo "${version:-0}"
}

candidates=()
if [ -n "${STASIS_JDKS:-}" ]; then
  IFS=':' read -r -a candidates <<< "$STASIS_JDKS"
else
  for home in /usr/lib/jvm/*; do candidates+=("$home"); done
  if [ -n "${JAVA_HOME:-}" ]; then candidates+=("$JAVA_HOME"); fi
  if command -v java > /dev/null; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
fi

declare -A home_of_major=()
for home in "${candidates[@]}"; do
  [ -x "$home/bin/java" ] && [ -f "$home/release" ] || continue
  major="$(jdk_major "$home")"
  if [ "$major" -ge 17 ] && [ -z "${home_of_major[$major]:-}" ]; then
    home_of_major[$major]="$home"
  fi
done
if [ "${#home_of_major[@]}" -eq 0 ]; then
  echo "run-demo: no Java 17 or later found; set STASIS_JDKS to the Java homes to use." >&2
  exit 1
fi
majors=($(printf '%s\n' "${!home_of_major[@]}" | sort -n))
old_major="${majors[0]}"
new_major="${majors[${#majors[@]}-1]}"
old_java="${home_of_major[$old_major]}/bin/java"
new_java="${home_of_major[$new_major]}/bin/java"
if [ "$old_major" = "$new_major" ]; then
  echo "run-demo: only JDK $old_major found, so the checkpoint is restored on the same JDK in a new JVM." >&2
fi

# The Java processes must see no STASIS_* variables: those are agent options.
unset $(compgen -e | grep '^STASIS_' || true)

work="$(mktemp -d "${TMPDIR:-/tmp}/stasis-demo.XXXXXX")"
checkpoints="$work/checkpoints"

echo "== 1/3: the demo uninterrupted, on JDK $old_major"
"$old_java" -cp "$samples:$api" demo.PiDigits "$@" > "$work/uninterrupted.out"
tail -n 2 "$work/uninterrupted.out"

echo "== 2/3: the demo under the Stasis agent on JDK $old_major: checkpoint, then exit"
if ! "$old_java" "-javaagent:$agent=dir=$checkpoints,exit=true" -cp "$samples" demo.PiDigits "$@" \
    | tee "$work/before-checkpoint.out"; then
  echo "run-demo: the run under the agent failed (files kept in $work)." >&2
  exit 1
fi
if [ -z "$(ls -A "$checkpoints" 2>/dev/null)" ]; then
  echo "run-demo: the run under the agent wrote no checkpoint in $checkpoints (see its messages above; files kept in $work)." >&2
  exit 1
fi
echo "   checkpoint written: $(ls "$checkpoints")"

echo "== 3/3: restore on JDK $new_major: java -jar agent/target/stasis-agent.jar restore $checkpoints"
if ! "$new_java" -jar "$agent" restore "$checkpoints" | tee "$work/after-restore.out"; then
  echo "run-demo: the restored run failed (files kept in $work)." >&2
  exit 1
fi

cat "$work/before-checkpoint.out" "$work/after-restore.out" > "$work/joined.out"
expected="$(grep '^checksum ' "$work/uninterrupted.out")"
actual="$(grep '^checksum ' "$work/after-restore.out" || true)"
if cmp -s "$work/uninterrupted.out" "$work/joined.out" && [ "$expected" = "$actual" ]; then
  echo "MATCH: checkpointed on JDK $old_major, restored on JDK $new_major, same digits and $expected as the uninterrupted run."
  rm -rf "$work"
else
  echo "MISMATCH: the checkpointed and restored run differs from the uninterrupted one (files kept in $work):" >&2
  diff "$work/uninterrupted.out" "$work/joined.out" >&2 || true
  exit 1
fi
