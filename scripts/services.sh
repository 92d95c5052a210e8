#!/usr/bin/env bash
# The services the tests need besides .NET: installed from Debian when missing, started on free ports on 127.0.0.1,
# and announced to the tests through environment variables. Sourced by scripts/test.sh (start_services/stop_services).
# A test that needs a service skips when its variable is missing, and fails instead when CI=true.

services_dir=""
mosquitto_pid=""
postgres_data=""
postgres_bin=/usr/lib/postgresql/15/bin

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

# A throwaway PostgreSQL 15 cluster with PostGIS for the PostgreSQL store's tests: STADTKERN_TEST_POSTGRES. Test classes make
# their own databases from the template database "stadtkern_template" (PostGIS already created there) and drop them.
# fsync stays on: the durability tests must mean what they say.
start_postgres() {
  [ -x "$postgres_bin/initdb" ] || install_if_missing psql postgresql-15 || { echo "postgresql-15 could not be installed"; return 1; }
  if [ ! -f /usr/share/postgresql/15/extension/postgis.control ]; then
    echo "installing postgresql-15-postgis-3"
    apt-get install -y -q --no-install-recommends postgresql-15-postgis-3 >/dev/null 2>&1 \
      || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q --no-install-recommends postgresql-15-postgis-3 >/dev/null 2>&1; } \
      || { echo "postgresql-15-postgis-3 could not be installed"; return 1; }
  fi
  local root=$services_dir/postgres port
  port=$(free_port)
  mkdir -p "$root" && chown postgres:postgres "$root"
  runuser -u postgres -- "$postgres_bin/initdb" -D "$root/data" -U postgres -A trust -E UTF8 --no-sync >/dev/null \
    || { echo "initdb failed"; return 1; }
  postgres_data=$root/data
  runuser -u postgres -- "$postgres_bin/pg_ctl" -D "$root/data" -l "$root/server.log" -w -t 60 \
    -o "-p $port -k $root -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null \
    || { echo "PostgreSQL did not start; its log:"; cat "$root/server.log" 2>/dev/null; return 1; }
  psql -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -c "CREATE DATABASE stadtkern_template" >/dev/null \
    && psql -q -h 127.0.0.1 -p "$port" -U postgres -d stadtkern_template -c "CREATE EXTENSION IF NOT EXISTS postgis" >/dev/null \
    || { echo "could not prepare the template database"; return 1; }
  export STADTKERN_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=stadtkern_template"
  echo "PostgreSQL listening on 127.0.0.1:$port"
}

stop_postgres() {
  [ -n "$postgres_data" ] && [ -d "$postgres_data" ] && runuser -u postgres -- "$postgres_bin/pg_ctl" -D "$postgres_data" -m immediate -w stop >/dev/null 2>&1
  postgres_data=""
}

start_services() {
  services_dir=$(mktemp -d /tmp/stadtkern-services.XXXXXX)
  chmod 755 "$services_dir"
  start_mosquitto && start_postgres
}

stop_services() {
  [ -n "$mosquitto_pid" ] && kill "$mosquitto_pid" 2>/dev/null
  stop_postgres
  [ -n "$services_dir" ] && rm -rf "$services_dir"
  return 0
}
