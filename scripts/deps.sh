#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Install the Debian packages the SCST tooling needs (as root), or list them.
set -eu
. "$(dirname "$0")/lib.sh"

PKGS_BUILD="gcc make flex bison bc libelf-dev libssl-dev cpio xz-utils kmod rsync ccache quilt python3 git"
PKGS_GUEST="qemu-system-x86 fio sg3-utils e2fsprogs util-linux"
PKGS_CHECK="sparse perl"

missing=
# shellcheck disable=SC2086
for p in $PKGS_BUILD $PKGS_GUEST $PKGS_CHECK; do
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case $st in
	*" installed") ;;
	*) missing="$missing $p" ;;
	esac
done
missing=${missing# }

if [ -z "$missing" ]; then
	log "all required packages are installed"
	exit 0
fi
if [ "$(id -u)" != 0 ]; then
	log "missing packages: $missing"
	log "install them as root: apt-get install $missing"
	exit 1
fi
log "installing: $missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $missing </dev/null
