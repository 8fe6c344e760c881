#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Node-boot harness: boots rendered user-data on a real Debian 12 node (systemd as PID 1,
# cloud-init's four stages) in systemd-nspawn and collects what ended up on it.
#
#   nodeboot.sh check                     exit 0 when this host can boot a node, else 3 and why
#   nodeboot.sh image                     build the cached image if needed; print its path
#   nodeboot.sh boot OUT --user-data FILE [--rootfs DIR] [--units FILE] [--exec FILE]
#                        [--instance-id ID] [--timeout SECONDS]
#
# boot unpacks a fresh node into OUT/root, seeds NoCloud with FILE, copies DIR (a rootfs/ view)
# over the root, boots it with a private network, waits for cloud-init's boot-finished and an
# empty job queue, runs the --exec script inside (its output in OUT/state/exec.*), records the
# state (OUT/state/*) and powers the node off. OUT/state/changed lists every path the node
# created or modified, OUT/state/deleted every image path that is gone. OUT is the caller's to
# delete. Every wait is bounded; on any exit the node, its processes and cgroups are gone.
#
# Environment: OSC_NODEBOOT_CACHE (image cache directory, default /var/cache/osc-nodeboot).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cache=${OSC_NODEBOOT_CACHE:-/var/cache/osc-nodeboot}
# shellcheck source=image-recipe.sh
source "$here/image-recipe.sh"

die() { echo "nodeboot: $*" >&2; exit 1; }
log() { echo "nodeboot: $*" >&2; }

# Why this host cannot boot a node, or nothing.
host_problem() {
  [ "$(id -u)" -eq 0 ] || { echo "not root (systemd-nspawn and debootstrap need root)"; return; }
  local tool
  for tool in systemd-nspawn debootstrap zstd nsenter unshare flock; do
    command -v "$tool" >/dev/null 2>&1 || { echo "$tool not found (apt-get install debootstrap systemd-container zstd)"; return; }
  done
  cgroup_roots >/dev/null || { echo "no writable cgroup hierarchy under /sys/fs/cgroup for the node's processes"; return; }
  [ -n "$(mirror)" ] || echo "the host's apt has no Debian $SUITE source to build the image from"
}

# The cgroup hierarchies nspawn tracks processes in: cgroup v2 alone, or (hybrid, v1) the
# name=systemd hierarchy and the unified one. Each gets a private subtree per node.
cgroup_roots() {
  if [ "$(stat -fc %T /sys/fs/cgroup)" = cgroup2fs ]; then
    echo "/sys/fs/cgroup$(awk -F: '$1 == "0" {print $3}' /proc/self/cgroup)"
  else
    local ok=0
    if [ -d /sys/fs/cgroup/systemd ] && [ "$(stat -fc %T /sys/fs/cgroup/systemd)" = cgroupfs ]; then
      echo "/sys/fs/cgroup/systemd$(awk -F: '$2 == "name=systemd" {print $3}' /proc/self/cgroup)"; ok=1
    fi
    if [ -d /sys/fs/cgroup/unified ] && [ "$(stat -fc %T /sys/fs/cgroup/unified)" = cgroup2fs ]; then
      echo "/sys/fs/cgroup/unified$(awk -F: '$1 == "0" {print $3}' /proc/self/cgroup)"; ok=1
    fi
    [ $ok -eq 1 ]
  fi
}

# The host apt's Debian archive for $SUITE, read at run time and never written anywhere.
mirror() {
  apt-get indextargets --format '$(URI)' 2>/dev/null \
    | sed -n "s#^\(.*\)/dists/$SUITE/main/binary-[a-z0-9]*/Packages\$#\1#p" | head -n 1
}

image_path() {
  local key
  key=$(sha256sum "$here/image-recipe.sh" | cut -c1-16)
  echo "$cache/debian-$SUITE-$key.tar.zst"
}

cmd_image() {
  local image; image=$(image_path)
  mkdir -p "$cache"
  (
    # One build at a time; a second caller waits here and then finds the image.
    flock -w 900 9 || die "timed out waiting for another image build ($cache/.lock)"
    if [ ! -s "$image" ]; then
      local m; m=$(mirror)
      [ -n "$m" ] || die "the host's apt has no Debian $SUITE source"
      local build="$cache/build.$$"
      rm -rf "$build" "$build.debootstrap.log"
      trap 'rm -rf "$build" "$build.debootstrap.log" "$image.tmp"' EXIT
      log "building the node image (debootstrap $SUITE, ${#PACKAGES[@]} packages); takes about a minute"
      local started=$SECONDS
      mkdir -p "$cache/debs"
      # Build messages go to stderr without the mirror's address.
      build_image "$build" "$m" "$cache/debs" 2> >(sed "s#${m}#<the host apt's mirror>#g" >&2) || die "image build failed"
      # The build mirror must not stay in the image's apt configuration or state (packages' own
      # defaults, such as cloud-init's cloud.cfg, may name Debian's public mirror; that is theirs).
      local apt_dirs=("$build/etc/apt" "$build/var/lib/apt" "$build/var/cache/apt" "$build/var/log")
      if grep -rqsF "${m#*://}" "${apt_dirs[@]}"; then
        die "the image's apt still names the build mirror: $(grep -rlsF "${m#*://}" "${apt_dirs[@]}" | head -n 3)"
      fi
      (cd "$build" && find . -xdev -printf '%y %m %U:%G %P\n' | LC_ALL=C sort -k4) >"${image%.tar.zst}.paths"
      tar --numeric-owner --xattrs -C "$build" -cf - . | zstd -q -T0 -3 -o "$image.tmp"
      mv "$image.tmp" "$image"
      log "image built in $((SECONDS - started)) s: $image ($(du -h "$image" | cut -f1))"
    fi
  ) 9>"$cache/.lock"
  echo "$image"
}

# --- boot -------------------------------------------------------------------------------

out="" nspawn_pid="" cgroups=()

pid1() {
  # The node's PID 1: the process of our cgroups whose innermost PID is 1.
  local cg pid
  for cg in "${cgroups[@]}"; do
    for pid in $(find "$cg" -name cgroup.procs -exec cat {} + 2>/dev/null); do
      if awk '/^NSpid:/ { exit !($NF == 1 && NF > 2) }' "/proc/$pid/status" 2>/dev/null; then echo "$pid"; return 0; fi
    done
  done
  return 1
}

alive() { [ -n "$nspawn_pid" ] && kill -0 "$nspawn_pid" 2>/dev/null; }

# Stop the node, whatever state it is in: poweroff, then SIGKILL every process of its cgroups.
cleanup() {
  local status=$?
  if alive; then
    local p; p=$(pid1 || true)
    [ -n "$p" ] && kill -s SIGRTMIN+4 "$p" 2>/dev/null || true   # systemd: start poweroff.target
    local i
    for i in $(seq 1 100); do alive || break; sleep 0.1; done
    alive && kill -TERM "$nspawn_pid" 2>/dev/null || true
  fi
  local cg pid round
  for round in 1 2 3 4 5; do
    local left=0
    for cg in "${cgroups[@]}"; do
      [ -d "$cg" ] || continue
      [ -f "$cg/cgroup.kill" ] && echo 1 >"$cg/cgroup.kill" 2>/dev/null || true
      for pid in $(find "$cg" -name cgroup.procs -exec cat {} + 2>/dev/null); do kill -KILL "$pid" 2>/dev/null || true; left=1; done
    done
    [ $left -eq 0 ] && break
    sleep 0.2
  done
  [ -n "$nspawn_pid" ] && wait "$nspawn_pid" 2>/dev/null || true
  for cg in "${cgroups[@]}"; do
    [ -d "$cg" ] && find "$cg" -depth -type d -exec rmdir {} + 2>/dev/null || true
    [ -d "$cg" ] && log "could not remove cgroup $cg" || true
  done
  exit $status
}

# A command inside the node; bounded, so a wedged node cannot hang the harness.
in_node() { timeout 60 nsenter -t "$node_pid" -a -- "$@"; }

cmd_boot() {
  out=${1:?boot OUT …}; shift
  local user_data="" rootfs="" units="" exec_script="" instance_id="osc-node" timeout=120
  while [ $# -gt 0 ]; do
    case $1 in
      --user-data) user_data=$2; shift 2 ;;
      --rootfs) rootfs=$2; shift 2 ;;
      --units) units=$2; shift 2 ;;
      --exec) exec_script=$2; shift 2 ;;
      --instance-id) instance_id=$2; shift 2 ;;
      --timeout) timeout=$2; shift 2 ;;
      *) die "unknown argument $1" ;;
    esac
  done
  [ -f "$user_data" ] || die "--user-data FILE is required"
  local problem; problem=$(host_problem)
  [ -z "$problem" ] || { echo "nodeboot: cannot boot a node here: $problem" >&2; exit 3; }
  local image; image=$(cmd_image)
  local root="$out/root" state="$out/state"
  [ ! -e "$root" ] || die "$root exists; give a fresh OUT"
  mkdir -p "$root" "$state"
  local t0=$SECONDS
  zstd -q -dc "$image" | tar --numeric-owner --xattrs -C "$root" -xpf - || die "could not unpack $image"

  # NoCloud seed and a machine-id of our own (fixed per instance-id: two runs compare).
  local seed="$root/var/lib/cloud/seed/nocloud"
  mkdir -p "$seed"
  printf 'instance-id: %s\nlocal-hostname: %s\n' "$instance_id" "$instance_id" >"$seed/meta-data"
  cp "$user_data" "$seed/user-data"
  printf '%s\n' "$(printf '%s' "$instance_id" | md5sum | cut -c1-32)" >"$root/etc/machine-id"
  # Keep the image's SSH host keys: generating four key pairs costs seconds per boot and proves nothing here.
  printf 'ssh_deletekeys: false\nssh_genkeytypes: []\n' >"$root/etc/cloud/cloud.cfg.d/91-osc-nodeboot-ssh.cfg"
  if [ -n "$rootfs" ]; then
    cp -a --no-preserve=ownership "$rootfs/." "$root/" || die "could not copy $rootfs into the node"
  fi
  touch "$state/.unpacked"; sleep 0.01
  echo "$((SECONDS - t0))" >"$state/unpack-seconds"

  # A private cgroup subtree per node, so its processes can all be found and removed.
  trap cleanup EXIT
  trap 'exit 130' INT TERM
  local base name; name="osc-nodeboot-$$-$RANDOM"
  while read -r base; do cgroups+=("$base/$name"); mkdir -p "$base/$name"; done < <(cgroup_roots)
  local keep=(); [ -d /run/systemd/system ] || keep=(--keep-unit)
  local booted_at; booted_at=$(date +%s.%N)
  (
    for cg in "${cgroups[@]}"; do echo "$BASHPID" >"$cg/cgroup.procs"; done
    exec systemd-nspawn --boot --register=no "${keep[@]}" --private-network --console=read-only \
      --resolv-conf=off --timezone=off --link-journal=no --machine="n$$" --directory="$root"
  ) >"$state/console.log" 2>&1 &
  nspawn_pid=$!

  # Wait for cloud-init's last stage to finish.
  local deadline=$((SECONDS + timeout)) finished="$root/var/lib/cloud/instances/$instance_id/boot-finished"
  until [ -e "$finished" ]; do
    alive || die "the node stopped before cloud-init finished; console: $(tail -n 20 "$state/console.log")"
    [ $SECONDS -lt $deadline ] || die "cloud-init did not finish within ${timeout}s; console: $(tail -n 20 "$state/console.log")"
    sleep 0.1
  done
  echo "$(date +%s.%N) $booted_at" | awk '{printf "%.1f\n", $1 - $2}' >"$state/boot-seconds"
  node_pid=$(pid1) || die "the node's PID 1 was not found"
  until [ -z "$(in_node systemctl list-jobs --no-legend 2>/dev/null)" ]; do
    [ $SECONDS -lt $deadline ] || die "systemd jobs still queued after ${timeout}s: $(in_node systemctl list-jobs --no-legend | head -n 5)"
    sleep 0.2
  done

  if [ -n "$exec_script" ]; then
    set +e
    local left=$((deadline - SECONDS)); [ $left -ge 30 ] || left=30
    timeout "$left" nsenter -t "$node_pid" -a -- /bin/bash -s <"$exec_script" >"$state/exec.out" 2>"$state/exec.err"
    echo $? >"$state/exec.rc"
    set -e
    until [ -z "$(in_node systemctl list-jobs --no-legend 2>/dev/null)" ]; do
      [ $SECONDS -lt $deadline ] || break
      sleep 0.2
    done
  fi

  in_node cloud-init status --long --format json >"$state/cloud-init-status.json" 2>&1 || true
  in_node cloud-init schema --system >"$state/cloud-config-schema" 2>&1 || true
  in_node systemctl is-system-running >"$state/system-running" 2>&1 || true
  in_node systemctl list-units --failed --plain --no-legend --no-pager >"$state/failed-units" 2>&1 || true
  local props=Id,LoadState,ActiveState,SubState,Result,UnitFileState,ExecMainStatus,NeedDaemonReload
  if [ -n "$units" ] && [ -s "$units" ]; then
    mapfile -t names <"$units"
    in_node systemctl show --no-pager -p "$props" -- "${names[@]}" >"$state/units" 2>&1 || true
  fi
  in_node journalctl -b --no-pager -o short-monotonic >"$state/journal" 2>&1 || true

  # Power off and wait for nspawn to end.
  kill -s SIGRTMIN+4 "$node_pid"
  local stop=$((SECONDS + 30))
  while alive; do
    [ $SECONDS -lt $stop ] || die "the node did not power off within 30s"
    sleep 0.1
  done
  wait "$nspawn_pid" || true
  nspawn_pid=""

  # What the node changed: every path newer than the unpack (ctime), and image paths that are gone.
  (cd "$root" && find . -xdev -cnewer "$state/.unpacked" -printf '%y %m %U:%G %P\n' | LC_ALL=C sort -k4) >"$state/changed"
  (cd "$root" && find . -xdev -printf '%P\n' | LC_ALL=C sort) >"$state/present"
  awk '{print $4}' "${image%.tar.zst}.paths" | LC_ALL=C comm -23 - "$state/present" >"$state/deleted"
  echo "$((SECONDS - t0))" >"$state/total-seconds"
}

case ${1:-} in
  check) p=$(host_problem); if [ -n "$p" ]; then echo "$p"; exit 3; fi ;;
  image) shift; p=$(host_problem); [ -z "$p" ] || { echo "nodeboot: cannot build the image here: $p" >&2; exit 3; }; cmd_image ;;
  boot) shift; cmd_boot "$@" ;;
  *) sed -n '3,20p' "$0" >&2; exit 2 ;;
esac
