#!/bin/bash
# Written by Osc for the CoreOS extension's job: on cgroup v2, kubelet must use the systemd cgroup driver.
set -u
config=/var/lib/kubelet/config/kubelet
if [ -e /sys/fs/cgroup/cgroup.controllers ] && [ -f "$config" ]; then
    sed -i 's/cgroupDriver: cgroupfs/cgroupDriver: systemd/' "$config"
fi
