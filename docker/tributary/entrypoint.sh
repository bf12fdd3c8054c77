#!/bin/sh
# The container's `tributary` command: the JVM options the launcher script (./tributary) uses, plus
# container-friendly ones; TRIBUTARY_JAVA_OPTS adds more (e.g. -Xmx2g).
set -eu
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
# shellcheck disable=SC2086 # TRIBUTARY_JAVA_OPTS holds several options
exec java --add-modules jdk.incubator.vector -XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError \
  -XX:+UseG1GC -XX:G1HeapRegionSize=16m -XX:MaxGCPauseMillis=20 \
  -Dlog4j2.configurationFile=/opt/tributary/config/log4j2-container.properties \
  -Dorg.bytedeco.javacpp.cachedir=/tmp/javacpp ${TRIBUTARY_JAVA_OPTS:-} \
  -jar /opt/tributary/tributary.jar "$@"
