#!/usr/bin/env bash
# A real single-node Apache Kafka broker (KRaft: broker + controller in one JVM)
# for tests and CI, without Docker. Needs Java 17 and Maven (jars come from Maven Central).
#
#   test/kafka/kafka.sh start [--fresh]   start (idempotent); --fresh wipes the data dir first
#   test/kafka/kafka.sh stop              stop the broker this script started (no-op if none)
#   test/kafka/kafka.sh status            exit 0 if a broker answers on the port
#
# Environment (all optional):
#   KAFKA_PORT             PLAINTEXT listener on 127.0.0.1 (default 9092)
#   KAFKA_CONTROLLER_PORT  KRaft controller listener on 127.0.0.1 (default KAFKA_PORT+1, i.e. 9093)
#   KAFKA_DATA_DIR         config, cluster id, log dirs, pid and broker log (default /tmp/seller-registry-kafka)
#   KAFKA_CACHE_DIR        downloaded jars, kept between runs (default ~/.cache/seller-registry/kafka-<version>)
#   KAFKA_HEAP_OPTS        JVM heap flags (default -Xms128m -Xmx512m)
#   KAFKA_JVM_OPTS         extra JVM flags (e.g. -XX:TieredStopAtLevel=1: ~1 s faster start, slower peak)
#   KAFKA_LOG_LEVEL        slf4j-simple level for the broker log: error|warn|info|debug (default warn)
#   KAFKA_START_TIMEOUT    seconds to wait for the broker to accept requests (default 90)
#   KAFKA_STOP_TIMEOUT     seconds to wait after SIGTERM before SIGKILL (default 30)
#
# Kafka stays on 3.9.x: Kafka 4.x removed old protocol API versions (KIP-896) and kafkajs 2.2.4
# is only known-good against 3.x brokers.
set -euo pipefail

KAFKA_VERSION=3.9.1   # keep in sync with <kafka.version> in pom.xml (passed to mvn anyway)
SLF4J_VERSION=2.0.16

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"

KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-$((KAFKA_PORT + 1))}"
DATA_DIR="${KAFKA_DATA_DIR:-/tmp/seller-registry-kafka}"
CACHE_DIR="${KAFKA_CACHE_DIR:-${HOME:-/root}/.cache/seller-registry/kafka-$KAFKA_VERSION}"
HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms128m -Xmx512m}"
JVM_OPTS="${KAFKA_JVM_OPTS:-}"
LOG_LEVEL="${KAFKA_LOG_LEVEL:-warn}"
START_TIMEOUT="${KAFKA_START_TIMEOUT:-90}"
STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"

CONFIG="$DATA_DIR/server.properties"
CLUSTER_ID_FILE="$DATA_DIR/cluster.id"
PID_FILE="$DATA_DIR/kafka.pid"
LOG_FILE="$DATA_DIR/kafka.log"
OWNER_MARKER="$DATA_DIR/.seller-registry-kafka"   # only a dir holding this is ever wiped by --fresh
CACHE_MARKER="$CACHE_DIR/.complete"

log() { printf '[kafka.sh] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- jars

ensure_jars() {
  if [[ -f "$CACHE_MARKER" ]]; then return 0; fi
  command -v mvn >/dev/null || die "mvn not found (needed once to download Kafka $KAFKA_VERSION into $CACHE_DIR)"
  log "downloading Kafka $KAFKA_VERSION jars from Maven Central into $CACHE_DIR ..."
  local parent tmp t0
  parent="$(dirname "$CACHE_DIR")"
  mkdir -p "$parent"
  tmp="$(mktemp -d "$parent/.kafka-download.XXXXXX")"
  t0=$SECONDS
  chmod 755 "$tmp"
  # (sed: Debian's Maven 3.8.7 prints stray ANSI resets even with -B -q; pipefail keeps mvn's status)
  if ! mvn -q -B -f "$SCRIPT_DIR/pom.xml" dependency:copy-dependencies \
        -DoutputDirectory="$tmp" -Dkafka.version="$KAFKA_VERSION" -Dslf4j.version="$SLF4J_VERSION" 2>&1 \
        | sed -u 's/\x1b\[[0-9;]*m//g' >&2; then
    rm -rf "$tmp"
    die "mvn could not fetch the Kafka jars (see above)"
  fi
  ls "$tmp"/kafka_2.13-"$KAFKA_VERSION".jar >/dev/null 2>&1 || { rm -rf "$tmp"; die "kafka_2.13-$KAFKA_VERSION.jar missing after download"; }
  echo "kafka $KAFKA_VERSION slf4j $SLF4J_VERSION $(date -u +%FT%TZ)" >"$tmp/.complete"
  # Publish atomically (the marker comes last), so an interrupted download never looks complete.
  if [[ -d "$CACHE_DIR" ]]; then
    cp "$tmp"/*.jar "$CACHE_DIR"/ && cp "$tmp/.complete" "$CACHE_MARKER"
    rm -rf "$tmp"
  elif ! mv -T "$tmp" "$CACHE_DIR" 2>/dev/null; then
    rm -rf "$tmp"   # lost a race with a concurrent download
  fi
  [[ -f "$CACHE_MARKER" ]] || die "could not put the jars into $CACHE_DIR"
  log "downloaded $(ls "$CACHE_DIR"/*.jar | wc -l) jars in $((SECONDS - t0))s"
}

# Java for the StorageTool (quiet) and for the broker.
java_tool() {
  java -Xmx256m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CACHE_DIR/*" "$@"
}

# ---------------------------------------------------------------- probes

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$KAFKA_PORT") 2>/dev/null; }

# Exit 0 if a Kafka broker answers a metadata request on the port. Uses the repo's kafkajs
# (the client the tests use); falls back to a plain TCP check when node/kafkajs are absent.
kafka_answers() {
  port_open || return 1
  if command -v node >/dev/null && [[ -d "$REPO_ROOT/node_modules/kafkajs" ]]; then
    (cd "$REPO_ROOT" && timeout 15 node -e '
      const { Kafka, logLevel } = require("kafkajs");
      const admin = new Kafka({ clientId: "kafka-sh-probe", brokers: [process.argv[1]], logLevel: logLevel.NOTHING,
        connectionTimeout: 2000, requestTimeout: 5000, retry: { retries: 0 } }).admin();
      admin.connect().then(() => admin.listTopics()).then(
        () => admin.disconnect().then(() => process.exit(0)),
        () => process.exit(1));
    ' "127.0.0.1:$KAFKA_PORT") >/dev/null 2>&1
  else
    return 0
  fi
}

read_pid() { [[ -f "$PID_FILE" ]] && cat "$PID_FILE" 2>/dev/null || true; }

# Our broker: pid from the pid file, alive, and really a kafka.Kafka JVM.
our_pid_alive() {
  local pid; pid="$(read_pid)"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'kafka\.Kafka'
}

tail_log() {
  if [[ -f "$LOG_FILE" ]]; then
    log "---- last 40 lines of $LOG_FILE ----"
    tail -n 40 "$LOG_FILE" >&2
    log "---- end of log ----"
  fi
}

# ---------------------------------------------------------------- config / storage

write_config() {
  cat >"$CONFIG" <<EOF
# Generated by test/kafka/kafka.sh on each start; edits are overwritten.
# Single-node KRaft: this one process is both broker and controller.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$DATA_DIR/logs

# One broker: every internal topic must live with replication factor 1.
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
default.replication.factor=1
min.insync.replicas=1

# Consumer groups start immediately instead of waiting 3 s for more members.
group.initial.rebalance.delay.ms=0

# Topics are auto-created on first use (producer metadata request), like a lazily set-up dev
# cluster. They get 3 partitions, not Kafka's default 1, so that tests see what production
# sees: per-key ordering only holds within a partition, and consumer-group assignment,
# rebalancing and cross-partition interleaving are exercised instead of hidden.
auto.create.topics.enable=true
num.partitions=3
EOF
}

ensure_storage() {
  mkdir -p "$DATA_DIR/logs"
  touch "$OWNER_MARKER"
  if [[ ! -s "$CLUSTER_ID_FILE" ]]; then
    local id
    id="$(java_tool kafka.tools.StorageTool random-uuid | tail -n 1 | tr -d '[:space:]')"
    [[ "$id" =~ ^[A-Za-z0-9_-]{22}$ ]] || die "StorageTool random-uuid returned '$id'"
    echo "$id" >"$CLUSTER_ID_FILE"
  fi
  # Already formatted: keep the data (and skip a ~2 s JVM start). Otherwise format;
  # --ignore-formatted keeps that a no-op should meta.properties appear in between.
  [[ -f "$DATA_DIR/logs/meta.properties" ]] && return 0
  java_tool kafka.tools.StorageTool format -t "$(cat "$CLUSTER_ID_FILE")" -c "$CONFIG" --ignore-formatted >/dev/null \
    || die "kafka.tools.StorageTool format failed for $DATA_DIR/logs"
}

wipe_data_dir() {
  [[ -n "$DATA_DIR" && "$DATA_DIR" != "/" && "$DATA_DIR" != "${HOME:-/root}" ]] || die "refusing to wipe '$DATA_DIR'"
  if [[ -d "$DATA_DIR" ]]; then
    if [[ -n "$(ls -A "$DATA_DIR")" && ! -f "$OWNER_MARKER" ]]; then
      die "refusing to wipe $DATA_DIR: it is not empty and was not created by kafka.sh"
    fi
    log "--fresh: wiping $DATA_DIR"
    rm -rf "$DATA_DIR"
  fi
}

# ---------------------------------------------------------------- commands

wait_until_ready() {
  # Liveness by kill -0 only: right after "nohup java &" the child may not have exec'd into
  # java yet, so its cmdline does not show kafka.Kafka for a few milliseconds.
  local pid deadline=$((SECONDS + START_TIMEOUT))
  pid="$(read_pid)"
  while ((SECONDS < deadline)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail_log
      die "the broker process exited during startup"
    fi
    if kafka_answers; then return 0; fi
    sleep 0.5
  done
  tail_log
  die "the broker did not accept requests on 127.0.0.1:$KAFKA_PORT within ${START_TIMEOUT}s (pid $(read_pid) left running; '$0 stop' ends it)"
}

cmd_start() {
  local fresh=0 arg
  for arg in "$@"; do
    case "$arg" in
      --fresh) fresh=1 ;;
      *) die "unknown option for start: $arg" ;;
    esac
  done
  local t0=$SECONDS

  if ((fresh)); then
    if our_pid_alive; then cmd_stop; fi
    if port_open; then die "--fresh: something not started from $DATA_DIR listens on 127.0.0.1:$KAFKA_PORT; stop it first"; fi
    wipe_data_dir
  elif our_pid_alive; then
    log "broker (pid $(read_pid)) already running from $DATA_DIR; waiting until it answers"
    wait_until_ready
    log "Kafka is up on 127.0.0.1:$KAFKA_PORT"
    return 0
  elif kafka_answers; then
    log "a Kafka broker already answers on 127.0.0.1:$KAFKA_PORT (not started from $DATA_DIR); using it"
    return 0
  elif port_open; then
    die "127.0.0.1:$KAFKA_PORT is taken by something that does not answer as Kafka"
  fi

  command -v java >/dev/null || die "java not found (Java 17 is needed)"
  ensure_jars
  mkdir -p "$DATA_DIR"
  write_config
  ensure_storage

  local t1=$SECONDS
  rm -f "$PID_FILE"
  # shellcheck disable=SC2086  # HEAP_OPTS / JVM_OPTS are lists of flags
  nohup java $HEAP_OPTS $JVM_OPTS -Djava.awt.headless=true \
    -Dorg.slf4j.simpleLogger.defaultLogLevel="$LOG_LEVEL" \
    -Dorg.slf4j.simpleLogger.log.kafka.server.KafkaRaftServer=info \
    -Dorg.slf4j.simpleLogger.showDateTime=true \
    -Dorg.slf4j.simpleLogger.dateTimeFormat="yyyy-MM-dd'T'HH:mm:ss.SSS" \
    -Dorg.slf4j.simpleLogger.logFile=System.out \
    -cp "$CACHE_DIR/*" kafka.Kafka "$CONFIG" >"$LOG_FILE" 2>&1 </dev/null &
  echo $! >"$PID_FILE"
  log "started broker pid $(read_pid) (Kafka $KAFKA_VERSION, data $DATA_DIR, log $LOG_FILE); waiting up to ${START_TIMEOUT}s ..."

  wait_until_ready
  log "Kafka is up on 127.0.0.1:$KAFKA_PORT (JVM ready in $((SECONDS - t1))s, start took $((SECONDS - t0))s)"
}

cmd_stop() {
  local pid; pid="$(read_pid)"
  if [[ -z "$pid" ]]; then
    log "no pid file in $DATA_DIR: nothing to stop"
    return 0
  fi
  if ! our_pid_alive; then
    log "broker pid $pid is not running (stale pid file removed)"
    rm -f "$PID_FILE"
    return 0
  fi
  log "stopping broker pid $pid ..."
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + STOP_TIMEOUT))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then
    log "still running after ${STOP_TIMEOUT}s: SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  fi
  rm -f "$PID_FILE"
  log "stopped"
}

cmd_status() {
  if kafka_answers; then
    if our_pid_alive; then
      log "up: 127.0.0.1:$KAFKA_PORT (pid $(read_pid), data $DATA_DIR)"
    else
      log "up: 127.0.0.1:$KAFKA_PORT (not started from $DATA_DIR)"
    fi
    return 0
  fi
  if our_pid_alive; then
    log "down: pid $(read_pid) runs but 127.0.0.1:$KAFKA_PORT does not answer yet"
  else
    log "down: nothing answers on 127.0.0.1:$KAFKA_PORT"
  fi
  return 1
}

case "${1:-}" in
  start) shift; cmd_start "$@" ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) echo "usage: $0 start [--fresh] | stop | status" >&2; exit 2 ;;
esac
