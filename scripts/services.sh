#!/usr/bin/env bash
# The services the tests need besides .NET: installed from Debian when missing, started on free ports on 127.0.0.1,
# and announced to the tests through environment variables. Sourced by scripts/test.sh (start_services/stop_services).
# A test that needs a service skips when its variable is missing, and fails instead when CI=true.

services_dir=""
mosquitto_pid=""

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

install_if_missing() {
  local binary=$1 package=$2
  command -v "$binary" >/dev/null 2>&1 || [ -x "/usr/sbin/$binary" ] && return 0
  echo "installing $package"
  apt-get install -y -q "$package" >/dev/null 2>&1 || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q "$package" >/dev/null 2>&1; }
}

# An external MQTT broker (mosquitto) for the tests of Stadtkern as an MQTT client: STADTKERN_TEST_MQTT_BROKER.
start_mosquitto() {
  install_if_missing mosquitto mosquitto || { echo "mosquitto could not be installed"; return 1; }
  local port binary
  port=$(free_port)
  binary=$(command -v mosquitto || echo /usr/sbin/mosquitto)
  cat > "$services_dir/mosquitto.conf" <<CONF
listener $port 127.0.0.1
allow_anonymous true
persistence false
user root
log_dest file $services_dir/mosquitto.log
CONF
  "$binary" -c "$services_dir/mosquitto.conf" >/dev/null 2>&1 &
  mosquitto_pid=$!
  for _ in $(seq 1 50); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      export STADTKERN_TEST_MQTT_BROKER="mqtt://127.0.0.1:$port"
      echo "mosquitto listening on 127.0.0.1:$port"
      return 0
    fi
    sleep 0.1
  done
  echo "mosquitto did not start; its log:"; cat "$services_dir/mosquitto.log" 2>/dev/null
  return 1
}

start_services() {
  services_dir=$(mktemp -d /tmp/stadtkern-services.XXXXXX)
  start_mosquitto
}

stop_services() {
  [ -n "$mosquitto_pid" ] && kill "$mosquitto_pid" 2>/dev/null
  [ -n "$services_dir" ] && rm -rf "$services_dir"
  return 0
}
