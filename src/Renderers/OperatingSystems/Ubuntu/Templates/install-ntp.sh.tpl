#!/bin/bash
# Written by Osc for the Ubuntu extension's job: install the requested time client.
# usage: install-ntp.sh systemd-timesyncd|ntpd
set -u
case "${1:-}" in
  ntpd)
    until apt-get update -qq && apt-get install --no-upgrade -qqy ntp; do sleep 1; done
    systemctl enable ntp || systemctl enable ntpsec
    systemctl restart ntp || systemctl restart ntpsec
    ;;
  systemd-timesyncd)
    until apt-get update -qq && apt-get install --no-upgrade -qqy systemd-timesyncd; do sleep 1; done
    systemctl enable systemd-timesyncd
    systemctl restart systemd-timesyncd
    ;;
  *)
    echo "usage: $0 systemd-timesyncd|ntpd" >&2
    exit 2
    ;;
esac
