#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Make a pristine Linux 6.12 source available at $CACHE/src/linux-source-6.12
# (from Debian's linux-source-6.12 package), unless KSRC= points at one.
# The extracted tree is never modified by the tooling.
set -eu
user_ksrc=${KSRC:-}
. "$(dirname "$0")/lib.sh"

if [ -n "$user_ksrc" ]; then
	check_ksrc "$user_ksrc"
	log "using KSRC=$user_ksrc ($(kernel_version "$user_ksrc"))"
	exit 0
fi

src=$CACHE/src
mkdir -p "$src"
if [ ! -f "$PRISTINE_DEFAULT/Makefile" ]; then
	deb=$(find "$src" -maxdepth 1 -name 'linux-source-6.12_*_all.deb' | sort -V | tail -n1)
	if [ -z "$deb" ]; then
		need_cmd apt-get
		log "downloading linux-source-6.12 into $src"
		(cd "$src" && apt-get download linux-source-6.12) ||
			die "apt-get download linux-source-6.12 failed (is a Debian 12 mirror reachable? try apt-get update)"
		deb=$(find "$src" -maxdepth 1 -name 'linux-source-6.12_*_all.deb' | sort -V | tail -n1)
		[ -n "$deb" ] || die "downloaded package not found in $src"
	fi
	log "extracting $deb"
	tmp=$(mktemp -d "$src/extract.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
	dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$tmp" ./usr/src/linux-source-6.12.tar.xz
	tar -x -J -f "$tmp/usr/src/linux-source-6.12.tar.xz" -C "$tmp"
	[ -f "$tmp/linux-source-6.12/Makefile" ] || die "unexpected archive layout in $deb"
	mv "$tmp/linux-source-6.12" "$PRISTINE_DEFAULT"
fi
check_ksrc "$PRISTINE_DEFAULT"
log "pristine source: $PRISTINE_DEFAULT ($(kernel_version "$PRISTINE_DEFAULT"))"
