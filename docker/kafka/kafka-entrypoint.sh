#!/bin/sh
# Starts a single-node KRaft Kafka (broker + controller in one process) from the jars in /opt/kafka/libs:
# writes server.properties, formats the log directory on first start (kafka.tools.StorageTool, as
# kafka-storage.sh format does), then runs kafka.Kafka (as kafka-server-start.sh does).
#
# Environment: KAFKA_HOST (listen address, 127.0.0.1), KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (9093),
#   KAFKA_ADVERTISED_HOST (the address clients and the controller quorum use; default KAFKA_HOST, set it
#   when KAFKA_HOST is 0.0.0.0 on a bridge network), KAFKA_CLUSTER_ID,
#   KAFKA_HEAP_OPTS, KAFKA_EXTRA_PROPERTIES (more server.properties lines, newline-separated).
set -eu
data=/var/lib/kafka
logs="$data/kraft-logs"
conf="$data/server.properties"
host="${KAFKA_HOST:-127.0.0.1}"
port="${KAFKA_PORT:-9092}"
controller="${KAFKA_CONTROLLER_PORT:-9093}"
advertised="${KAFKA_ADVERTISED_HOST:-$host}"
cp="/opt/kafka/libs/*"

cat > "$conf" <<PROPERTIES
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$advertised:$controller
listeners=PLAINTEXT://$host:$port,CONTROLLER://$host:$controller
advertised.listeners=PLAINTEXT://$advertised:$port,CONTROLLER://$advertised:$controller
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
log.dirs=$logs
# One broker: internal topics with one replica and a minimum ISR of one, or transactions (and so
# Kafka Streams' exactly_once_v2) never get a coordinator.
offsets.topic.replication.factor=1
offsets.topic.num.partitions=5
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=5
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
default.replication.factor=1
min.insync.replicas=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
log.cleaner.dedupe.buffer.size=2097152
${KAFKA_EXTRA_PROPERTIES:-}
PROPERTIES

if [ ! -f "$logs/meta.properties" ]; then
  java -Xmx256m -cp "$cp" -Dlog4j2.configurationFile=/opt/kafka/log4j2.properties kafka.tools.StorageTool \
    format --config "$conf" --cluster-id "${KAFKA_CLUSTER_ID:-MkU3OEVBNTcwNTJENDM2Qk}"
fi
# shellcheck disable=SC2086 # KAFKA_HEAP_OPTS holds several options
exec java ${KAFKA_HEAP_OPTS:-} -XX:+ExitOnOutOfMemoryError -Dlog4j2.configurationFile=/opt/kafka/log4j2.properties \
  -cp "$cp" kafka.Kafka "$conf"
