#!/bin/bash
# Makes this instance the NAT of its VPC: IP forwarding and masquerading out of the default interface.
# Runs at first boot (user data) and at every boot (shoestring-nat.service), so the rules survive stop and start
# without a saved rule file, and a first boot whose package install failed heals on the next start.
# Idempotent. NAT_ROOT prefixes the files it writes (tests); NAT_RETRY_DELAY is the first retry delay in seconds.
set -uo pipefail

ROOT="${NAT_ROOT:-}"
log() { echo "shoestring-nat: $*"; }

# retry ATTEMPTS COMMAND...: exponential backoff from NAT_RETRY_DELAY seconds, capped at 60 s. On a 512 MB
# instance at first boot dnf can lose a race with the system's own dnf run (aws-cdk#36717); a later try wins.
retry() {
  local attempts=$1 delay=${NAT_RETRY_DELAY:-5} attempt
  shift
  for ((attempt = 1; attempt <= attempts; attempt++)); do
    "$@" && return 0
    [ "$attempt" -lt "$attempts" ] || break
    log "attempt $attempt/$attempts of '$*' failed; retrying in ${delay}s"
    sleep "$delay"
    delay=$((delay * 2 > 60 ? 60 : delay * 2))
  done
  return 1
}

# iptables-nft only: iptables-services would load its default rules at boot, which reject forwarded traffic.
if ! command -v iptables >/dev/null; then
  retry 8 dnf install --assumeyes iptables-nft || { log "could not install iptables-nft; no egress"; exit 1; }
fi

install -d "$ROOT/etc/sysctl.d"
echo 'net.ipv4.ip_forward=1' >"$ROOT/etc/sysctl.d/90-shoestring-nat.conf"
sysctl -w net.ipv4.ip_forward=1 || exit 1

interface=$(ip -o route show default | awk '{ for (i = 1; i < NF; i++) if ($i == "dev") { print $(i + 1); exit } }')
[ -n "$interface" ] || { log "no default route; cannot masquerade"; exit 1; }
iptables -t nat -C POSTROUTING -o "$interface" -j MASQUERADE 2>/dev/null ||
  iptables -t nat -A POSTROUTING -o "$interface" -j MASQUERADE || exit 1
# The security group admits only the VPC; forward whatever reaches the instance.
iptables -P FORWARD ACCEPT || exit 1
log "forwarding and masquerading out of $interface"
