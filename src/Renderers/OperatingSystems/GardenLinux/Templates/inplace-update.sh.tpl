#!/bin/bash
# Written by Osc for the Garden Linux extension's job: update the OS in place to the given version
# (from the repository in /etc/gardenlinux/usirepo.conf when there is one), then reboot.
# usage: inplace-update.sh VERSION
set -eu
version=${1:?usage: inplace-update.sh VERSION}
repo_args=()
if [ -s /etc/gardenlinux/usirepo.conf ]; then
    repo_args=(--repo "$(cat /etc/gardenlinux/usirepo.conf)")
fi
gardenlinux-update "${repo_args[@]}" "$version"
systemctl reboot
