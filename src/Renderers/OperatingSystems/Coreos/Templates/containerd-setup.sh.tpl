#!/bin/bash
# Written by Osc, for the same job as the CoreOS extension's setup script: make sure containerd
# has a configuration, use the systemd cgroup driver on cgroup v2, and point containerd's
# logrotate unit at the logrotate this Flatcar release ships.
set -u
config=/etc/containerd/config.toml

if [ ! -s "$config" ]; then
    mkdir -p /etc/containerd
    /usr/bin/containerd config default > "$config"
    chmod 0644 "$config"
fi

if [ -e /sys/fs/cgroup/cgroup.controllers ]; then
    sed -i 's/SystemdCgroup *= *false/SystemdCgroup = true/' "$config"
fi

if [ -f /usr/bin/logrotate ] && [ -f /etc/systemd/system/containerd-logrotate.service ]; then
    sed -i 's;/usr/sbin/logrotate;/usr/bin/logrotate;' /etc/systemd/system/containerd-logrotate.service
    systemctl daemon-reload
fi
