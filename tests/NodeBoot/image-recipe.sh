# SPDX-License-Identifier: Apache-2.0
# The node image: sourced by nodeboot.sh. The image cache key is the sha256 of this file, so any
# change here builds a new image. The mirror comes from the host's apt at run time ($1 of
# build_image) and is removed from the image before it is packed.

SUITE=bookworm

# A node like a cloud image (systemd, cloud-init, sshd, networking tools), plus what Gardener's
# provision scripts install or call on Ubuntu and Garden Linux (containerd, runc, socat,
# nfs-common, logrotate, jq, policykit-1, nslookup), so that their install loops finish offline.
PACKAGES=(
  systemd systemd-sysv dbus cloud-init openssh-server locales ca-certificates iproute2 ifupdown
  isc-dhcp-client netbase procps kmod less sudo curl
  containerd runc socat nfs-common logrotate jq policykit-1 bind9-dnsutils
)

# build_image ROOT MIRROR DEBS: debootstrap's minbase, then the packages with apt inside the
# chroot (debootstrap's --include cannot resolve virtual packages such as cloud-init's cffi
# backend). DEBS keeps downloaded packages between builds.
build_image() {
  local root=$1 mirror=$2 debs=$3
  debootstrap --variant=minbase --cache-dir="$debs" "$SUITE" "$root" "$mirror" >"$root.debootstrap.log" 2>&1 \
    || { tail -n 30 "$root.debootstrap.log" >&2; return 1; }
  # No service may start in the chroot: the host has no systemd, so invoke-rc.d would run init scripts.
  printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
  chmod 0755 "$root/usr/sbin/policy-rc.d"
  # In the chroot: packages, then the en_US.UTF-8 locale (cloud-init's locale module has nothing to do).
  local inside='
    mount -t proc proc /proc
    export DEBIAN_FRONTEND=noninteractive LC_ALL=C
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "$@" >/dev/null
    sed -i "s/^# *en_US.UTF-8 UTF-8/en_US.UTF-8 UTF-8/" /etc/locale.gen
    locale-gen >/dev/null
    update-locale LANG=en_US.UTF-8
    umount /proc'
  unshare --mount --fork /bin/sh -ec 'mount --bind "$2" "$1/var/cache/apt/archives"; root=$1 inside=$3; shift 3; exec chroot "$root" /bin/sh -ec "$inside" sh "$@"' \
    sh "$root" "$debs" "$inside" "${PACKAGES[@]}"
  rm -f "$root/usr/sbin/policy-rc.d"
  # cloud-init reads only the NoCloud seed under /var/lib/cloud/seed/nocloud.
  printf 'datasource_list: [ NoCloud ]\n' >"$root/etc/cloud/cloud.cfg.d/90-osc-nodeboot.cfg"
  # SUSE ships containerd in /usr/sbin; its provision script's drop-in starts /usr/sbin/containerd.
  ln -s ../bin/containerd "$root/usr/sbin/containerd"
  # Nothing that names the mirror stays in the image; the node has no network anyway.
  : >"$root/etc/apt/sources.list"
  rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin \
    "$root/debootstrap" "$root/etc/resolv.conf" "$root/etc/machine-id" "$root/etc/hostname"
  : >"$root/etc/machine-id"
  rm -f "$root"/var/log/*.log "$root"/var/log/apt/* "$root"/var/cache/debconf/*-old
}
