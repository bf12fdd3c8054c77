#!/bin/sh
# Docker HEALTHCHECK of `tributary run`: healthy while Kafka Streams is RUNNING or REBALANCING.
# log4j2-container.properties writes Kafka Streams' client state transitions to the file below; the
# last one tells the state. (A standby instance is RUNNING too; a stopped or failed one is not.)
state=/tmp/tributary-streams-state.log
last="$(grep -o 'to [A-Z_]*$' "$state" 2>/dev/null | tail -n 1 || true)"
case "$last" in
  "to RUNNING"|"to REBALANCING") exit 0 ;;
  *) echo "kafka streams ${last:-has not started}"; exit 1 ;;
esac
