#!/usr/bin/env bash
# verification/run-matrix.sh [full|ci] [more Maven arguments...]
#
# The whole verification: builds Stasis and runs every test, with the sample-app matrix (every
# app x scenario x direction, other CPUs under emulation) and the generated programs at full size,
# then prints the matrix table: app, scenario, direction -> passed and failed checks. `ci` runs the
# bounded subset `mvn verify` runs. Takes about an hour in full on two cores; the table is also
# left in verification/target/e2e/matrix.txt. Examples:
#   verification/run-matrix.sh                         # everything, full size
#   verification/run-matrix.sh full -Dtest=AppMatrixTest -Dsurefire.failIfNoSpecifiedTests=false
#   STASIS_GENERATED=5000 verification/run-matrix.sh   # more generated programs
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

mode=${1:-full}
case "$mode" in
  full|ci) shift || true ;;
  *) mode=full ;;
esac
generated=()
if [ "$mode" = full ]; then
  generated=("-Dstasis.generated.count=${STASIS_GENERATED:-1000}")
fi

mvn -B verify -Dstasis.matrix="$mode" "${generated[@]}" "$@"
status=$?
table=verification/target/e2e/matrix.txt
if [ -f "$table" ]; then
  echo
  cat "$table"
else
  echo "run-matrix: no matrix table was written (the build stopped before verification's tests ran)" >&2
fi
exit $status
