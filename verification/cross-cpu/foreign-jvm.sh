#!/usr/bin/env bash
# foreign-jvm.sh ARCH [java arguments...]       ARCH: s390x (big-endian) or arm64
#
# Runs Debian 12's OpenJDK 17 built for another CPU under qemu's user-mode emulation, so that
# checkpoints written on this machine can be restored on a different architecture (and back)
# without a second machine and without changing the system: the packages are downloaded with a
# private apt state and unpacked into a cache folder, nothing is installed, no binfmt handler is
# registered. The first use of an ARCH downloads about 60 MB; later ones start at once.
#
#   STASIS_XARCH_CACHE   where the unpacked JDKs and qemu live (default ~/.cache/stasis-xarch)
#   STASIS_XARCH_JDK     an exact openjdk-17-jre-headless version to pin (default: the newest)
#
# Used by verification's AppMatrixTest (cross-CPU rows); see verification/README.md.
set -euo pipefail

arch=${1:-}
case "$arch" in
  s390x) qemu_arch=s390x ;;
  arm64) qemu_arch=aarch64 ;;
  *) echo "usage: $0 s390x|arm64 [java arguments...]" >&2; exit 2 ;;
esac
shift

cache=${STASIS_XARCH_CACHE:-${HOME:-/tmp}/.cache/stasis-xarch}
root=$cache/jdk-$arch
java=$root/usr/lib/jvm/java-17-openjdk-$arch/bin/java
host_arch=$(dpkg --print-architecture)

# apt-get for packages of architecture $1, with its own lists, cache and status under $cache:
# the machine's apt configuration and dpkg database are only read, never written.
private_apt() {
  local target=$1 state=$cache/apt-$1
  shift
  mkdir -p "$state/lists/partial" "$state/archives/partial"
  touch "$state/status"
  apt-get -qq \
    -o APT::Architecture="$target" -o APT::Architectures="$target" \
    -o Dir::State="$state" -o Dir::State::Lists="$state/lists" -o Dir::State::status="$state/status" \
    -o Dir::Cache="$state" -o Dir::Cache::archives="$state/archives" \
    -o Debug::NoLocking=1 -o APT::Sandbox::User="$(id -un)" "$@"
}

# Downloads packages of architecture $1 into $cache/debs-$1; refreshes the package lists once
# when a download fails (lists go stale after a Debian point release).
download() {
  local target=$1
  shift
  mkdir -p "$cache/debs-$target"
  if ! ls "$cache/apt-$target/lists" 2>/dev/null | grep -q '_Packages$'; then
    private_apt "$target" update
  fi
  if ! (cd "$cache/debs-$target" && private_apt "$target" download "$@"); then
    private_apt "$target" update
    (cd "$cache/debs-$target" && private_apt "$target" download "$@")
  fi
}

unpack_jdk() {
  local staging=$root.partial.$$ link target
  echo "foreign-jvm: downloading OpenJDK 17 for $arch into $root (once)" >&2
  rm -rf "$cache/debs-$arch"
  download "$arch" "openjdk-17-jre-headless${STASIS_XARCH_JDK:+=$STASIS_XARCH_JDK}" \
    libc6 libc-bin libgcc-s1 libstdc++6 zlib1g
  mkdir -p "$staging"
  for deb in "$cache/debs-$arch"/*.deb; do
    dpkg-deb -x "$deb" "$staging"
  done
  # The packages hold absolute symbolic links (/etc/java-17-openjdk/..., the loader): under
  # qemu -L they would point into this machine's own files, so they are made relative.
  while IFS= read -r link; do
    target=$(readlink "$link")
    if [ -e "$staging$target" ] || [ -L "$staging$target" ]; then
      ln -sfn "$(realpath -m --relative-to="$(dirname "$link")" "$staging$target")" "$link"
    fi
  done < <(find "$staging" -type l -lname '/*')
  if [ ! -x "$staging/usr/lib/jvm/java-17-openjdk-$arch/bin/java" ]; then
    echo "foreign-jvm: the downloaded packages hold no java for $arch" >&2
    exit 1
  fi
  rm -rf "$root"
  mv "$staging" "$root"
  touch "$root/.ready"
}

find_qemu() {
  qemu=$(command -v "qemu-$qemu_arch-static" || command -v "qemu-$qemu_arch" || true)
  if [ -n "$qemu" ]; then
    return
  fi
  qemu=$cache/qemu/qemu-$qemu_arch-static
  if [ -x "$qemu" ]; then
    return
  fi
  echo "foreign-jvm: downloading qemu-user-static into $cache/qemu (once)" >&2
  ls "$cache/debs-$host_arch"/qemu-user-static_*.deb >/dev/null 2>&1 || download "$host_arch" qemu-user-static
  mkdir -p "$cache/qemu"
  dpkg-deb --fsys-tarfile "$cache/debs-$host_arch"/qemu-user-static_*.deb \
    | tar -xO "./usr/bin/qemu-$qemu_arch-static" > "$qemu.partial"
  chmod +x "$qemu.partial"
  mv "$qemu.partial" "$qemu"
}

mkdir -p "$cache"
# Two test runs may set up the same architecture at once: one does it, the other waits.
exec 8>"$cache/.lock"
flock -w 900 8
[ -e "$root/.ready" ] || unpack_jdk
find_qemu
exec 8>&-

# -XX:-UsePerfData: the emulated JVM would write big-endian hsperfdata files that this machine's
# jps and jcmd then misread. VFORK: the default launch mechanism runs the foreign jspawnhelper,
# which the kernel cannot execute without a binfmt handler.
exec "$qemu" -L "$root" "$java" -XX:-UsePerfData -Djdk.lang.Process.launchMechanism=VFORK "$@"
