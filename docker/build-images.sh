#!/usr/bin/env bash
# Builds the images that the container tests (src/test/java/dev/tributary/container) and CI use,
# WITHOUT any image registry:
#
#   base       tributary-base:bookworm-jre17   Debian bookworm + openjdk-17-jre-headless, made with
#              debootstrap from this machine's configured Debian mirror, then `docker import`.
#   kafka      tributary-kafka:<kafka.version> a single-node KRaft broker from Kafka's own jars
#              (kafka_2.13 and its dependencies, resolved by Maven like any other dependency).
#   tributary  tributary:local                 docker/Dockerfile on top of the base, from target/
#              (needs `mvn -B -DskipTests package` first; the container tests build their own copy).
#
# Usage: docker/build-images.sh [--rebuild] [base] [kafka] [tributary]
#   No target names: all three (tributary only if target/tributary.jar exists).
#   base and kafka are reused when they already exist (--rebuild forces them); the tributary image is
#   rebuilt every time, which only re-creates the layers whose files changed (normally the jar: seconds).
# Needs: root (debootstrap), a running Docker engine, Maven (for the Kafka jars).
# Environment: DEBIAN_MIRROR (default: the bookworm mirror in /etc/apt/sources.list[.d]),
#   TRIBUTARY_BASE_IMAGE, TRIBUTARY_KAFKA_IMAGE, TRIBUTARY_IMAGE (image names, defaults above).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"

kafka_version="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$repo/pom.xml" | head -n 1)"
log4j_version="$(sed -n 's:.*<log4j.version>\(.*\)</log4j.version>.*:\1:p' "$repo/pom.xml" | head -n 1)"
[ -n "$kafka_version" ] || { echo "build-images: no <kafka.version> in $repo/pom.xml" >&2; exit 1; }
BASE_IMAGE="${TRIBUTARY_BASE_IMAGE:-tributary-base:bookworm-jre17}"
KAFKA_IMAGE="${TRIBUTARY_KAFKA_IMAGE:-tributary-kafka:$kafka_version}"
APP_IMAGE="${TRIBUTARY_IMAGE:-tributary:local}"

rebuild=false
targets=()
for arg in "$@"; do
  case "$arg" in
    --rebuild) rebuild=true ;;
    base|kafka|tributary) targets+=("$arg") ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "build-images: unknown argument '$arg' (expected --rebuild, base, kafka or tributary)" >&2; exit 2 ;;
  esac
done
[ ${#targets[@]} -gt 0 ] || targets=(base kafka tributary-if-built)

log() { printf 'build-images: %s\n' "$*" >&2; }
exists() { docker image inspect "$1" >/dev/null 2>&1; }
seconds_since() { echo $(( $(date +%s) - $1 )); }

# The first bookworm (not -security/-updates) mirror of the host's APT sources, deb822 or one-line format.
debian_mirror() {
  if [ -n "${DEBIAN_MIRROR:-}" ]; then echo "$DEBIAN_MIRROR"; return; fi
  local f m
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    m="$(awk '
      function flush() {
        if (suites ~ /(^| )bookworm( |$)/ && uri != "") { print uri; found = 1; exit }
        uri = ""; suites = ""
      }
      /^[[:space:]]*#/ { next }
      /^[[:space:]]*$/ { flush(); next }
      tolower($1) == "uris:"   { uri = $2 }
      tolower($1) == "suites:" { $1 = ""; suites = $0; sub(/^ +/, "", suites) }
      END { if (!found) flush() }' "$f")"
    if [ -n "$m" ]; then echo "$m"; return; fi
  done
  m="$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
        | sed -E 's/\[[^]]*\]//' | awk '$1 == "deb" && $3 == "bookworm" { print $2; exit }')"
  echo "${m:-http://deb.debian.org/debian}"
}

build_base() {
  if ! $rebuild && exists "$BASE_IMAGE"; then log "$BASE_IMAGE exists, reused"; return; fi
  command -v debootstrap >/dev/null || { log "debootstrap is missing (apt-get install debootstrap)"; exit 1; }
  local mirror rootfs t0 java
  mirror="$(debian_mirror)"
  rootfs="$(mktemp -d /tmp/tributary-rootfs.XXXXXX)"
  # debootstrap mounts /proc and /sys in the chroot; unmount them and remove the tree whatever happens.
  trap 'umount -l "'"$rootfs"'/proc" "'"$rootfs"'/sys" 2>/dev/null || true; rm -rf "'"$rootfs"'"' EXIT
  t0=$(date +%s)
  log "debootstrap bookworm (minbase + openjdk-17-jre-headless) from $mirror …"
  debootstrap --variant=minbase --include=openjdk-17-jre-headless bookworm "$rootfs" "$mirror" \
    > "$rootfs.log" 2>&1 || { tail -n 30 "$rootfs.log" >&2; exit 1; }
  rm -f "$rootfs.log"
  umount -l "$rootfs/proc" "$rootfs/sys" 2>/dev/null || true
  java="$(readlink -f "$rootfs/usr/bin/java")"
  [ -x "$java" ] || { log "no java in the debootstrapped tree"; exit 1; }
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* "$rootfs"/usr/share/doc/* \
         "$rootfs"/usr/share/man/* "$rootfs"/usr/share/locale/*
  tar --numeric-owner -C "$rootfs" -c . | docker import \
    --change "ENV JAVA_HOME=${java%/bin/java}" --change 'ENV LANG=C.UTF-8' --change 'CMD ["/bin/bash"]' \
    - "$BASE_IMAGE" >/dev/null
  rm -rf "$rootfs"; trap - EXIT
  log "$BASE_IMAGE built in $(seconds_since "$t0") s ($(docker image inspect -f '{{.Size}}' "$BASE_IMAGE" \
        | awk '{printf "%.0f MB", $1/1e6}'))"
}

build_kafka() {
  if ! $rebuild && exists "$KAFKA_IMAGE"; then log "$KAFKA_IMAGE exists, reused"; return; fi
  exists "$BASE_IMAGE" || build_base
  local ctx t0
  t0=$(date +%s)
  ctx="$(mktemp -d /tmp/tributary-kafka-image.XXXXXX)"
  trap 'rm -rf "'"$ctx"'"' EXIT
  log "resolving kafka_2.13 $kafka_version and its dependencies with Maven …"
  mvn -B -q -f "$here/kafka/pom.xml" -Dkafka.version="$kafka_version" -Dlog4j.version="$log4j_version" \
    dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$ctx/libs"
  cp "$here/kafka/Dockerfile" "$here/kafka/kafka-entrypoint.sh" "$here/kafka/log4j2.properties" "$ctx/"
  docker build -q --build-arg BASE="$BASE_IMAGE" -t "$KAFKA_IMAGE" "$ctx" >/dev/null
  rm -rf "$ctx"; trap - EXIT
  log "$KAFKA_IMAGE built in $(seconds_since "$t0") s"
}

build_tributary() {
  [ -f "$repo/target/tributary.jar" ] || { log "no target/tributary.jar: run mvn -B -DskipTests package first"; exit 1; }
  exists "$BASE_IMAGE" || build_base
  local ctx t0 p
  t0=$(date +%s)
  # A context with just what the Dockerfile copies (not .git, not the test output under target/);
  # hard links where possible, so staging 250 MB of jars costs nothing.
  ctx="$(mktemp -d "$repo/target/docker-context.XXXXXX")"
  trap 'rm -rf "'"$ctx"'"' EXIT
  mkdir -p "$ctx/target" "$ctx/docker"
  for p in target/tributary.jar target/lib config topology data docker/Dockerfile docker/tributary; do
    cp -al "$repo/$p" "$ctx/$p" 2>/dev/null || cp -a "$repo/$p" "$ctx/$p"
  done
  docker build -q --build-arg BASE="$BASE_IMAGE" -f "$ctx/docker/Dockerfile" -t "$APP_IMAGE" "$ctx" >/dev/null
  rm -rf "$ctx"; trap - EXIT
  log "$APP_IMAGE built in $(seconds_since "$t0") s"
}

docker info >/dev/null 2>&1 || { log "no Docker engine answers (start dockerd first)"; exit 1; }
for t in "${targets[@]}"; do
  case "$t" in
    base) build_base ;;
    kafka) build_kafka ;;
    tributary) build_tributary ;;
    tributary-if-built)
      if [ -f "$repo/target/tributary.jar" ]; then build_tributary
      else log "tributary image skipped: no target/tributary.jar (mvn -B -DskipTests package first)"; fi ;;
  esac
done
