# SPDX-License-Identifier: GPL-2.0
# Common settings and helpers for the SCST host tooling. Source it, do not run it.
# shellcheck shell=bash disable=SC2034

# Repository top (this file lives in scripts/).
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/scst
# Pristine 6.12 source: the user's KSRC= or the one fetch-kernel.sh extracts.
PRISTINE_DEFAULT=$CACHE/src/linux-source-6.12
KSRC=${KSRC:-$PRISTINE_DEFAULT}
# Patched build tree, kept up to date incrementally by prepare-tree.
TREE=$CACHE/tree
JOBS=${JOBS:-2}
export CCACHE_DIR=${CCACHE_DIR:-$CACHE/ccache}
KCC="ccache gcc"
export LC_ALL=C

log() { printf '%s: %s\n' "${0##*/}" "$*" >&2; }
die() { printf '%s: error: %s\n' "${0##*/}" "$*" >&2; exit 1; }

# check_ksrc [DIR]: DIR (default $KSRC) must be a Linux 6.12.y source tree.
check_ksrc() {
	local d=${1:-$KSRC} v p
	[ -f "$d/Makefile" ] || die "no kernel source at $d (run scripts/fetch-kernel.sh or set KSRC=)"
	v=$(sed -n 's/^VERSION = //p' "$d/Makefile" | head -n1)
	p=$(sed -n 's/^PATCHLEVEL = //p' "$d/Makefile" | head -n1)
	[ "$v.$p" = 6.12 ] || die "$d is Linux $v.$p, need 6.12.y"
}

# kernel_version DIR: prints e.g. 6.12.117
kernel_version() {
	awk -F' = ' '$1=="VERSION"{v=$2} $1=="PATCHLEVEL"{p=$2} $1=="SUBLEVEL"{s=$2}
		END{print v "." p "." s}' "$1/Makefile"
}

# Timing: stage_begin NAME; ...; stage_end -> appends "NAME SECONDS" to $TIMINGS
TIMINGS=${TIMINGS:-}
_stage_name=
_stage_t0=0
stage_begin() { _stage_name=$1; _stage_t0=$(date +%s); log "=== $1"; }
stage_end() {
	local dt=$(($(date +%s) - _stage_t0))
	log "=== $_stage_name done in ${dt}s"
	if [ -n "$TIMINGS" ]; then printf '%s %s\n' "$_stage_name" "$dt" >>"$TIMINGS"; fi
}

# need_cmd CMD...: fail with a hint when a tool is missing.
need_cmd() {
	local c
	for c in "$@"; do
		command -v "$c" >/dev/null 2>&1 || die "'$c' not found (run scripts/deps.sh)"
	done
}

# Files of the project that go into the kernel tree (relative paths, sorted),
# as they are in the working tree: tracked plus untracked-not-ignored files.
project_files() {
	(cd "$REPO" && git ls-files -z --cached --others --exclude-standard -- \
		drivers include Documentation tools 2>/dev/null |
		while IFS= read -r -d '' f; do [ -f "$f" ] && printf '%s\n' "$f"; done |
		sort -u)
}

# pristine_git: make (once) a git repository of the pristine tree in $CACHE,
# without touching $KSRC (the index and objects live in the git dir).
# Sets PGIT (the git dir) and PBASE (the commit of the pristine tree).
pristine_git() {
	local id
	id=$(printf '%s %s' "$(cd "$KSRC" && pwd -P)" "$(kernel_version "$KSRC")" |
		sha1sum | cut -c1-12)
	PGIT=$CACHE/git/pristine-$id.git
	if ! PBASE=$(git --git-dir="$PGIT" rev-parse -q --verify refs/tags/pristine 2>/dev/null); then
		log "creating git repository of $KSRC in $PGIT (once, takes a few minutes)"
		rm -rf "$PGIT"
		mkdir -p "$PGIT"
		git init -q --bare "$PGIT"
		git --git-dir="$PGIT" config core.bare false
		git --git-dir="$PGIT" config gc.auto 0
		git --git-dir="$PGIT" --work-tree="$KSRC" add -A -f .
		GIT_AUTHOR_DATE='2025-01-01T00:00:00Z' GIT_COMMITTER_DATE='2025-01-01T00:00:00Z' \
			git --git-dir="$PGIT" --work-tree="$KSRC" \
			-c user.name=scst-tooling -c user.email=scst-tooling@localhost \
			commit -q -m "Linux $(kernel_version "$KSRC") (pristine)"
		git --git-dir="$PGIT" tag pristine
		PBASE=$(git --git-dir="$PGIT" rev-parse refs/tags/pristine)
	fi
}

# build_lock: serialize everything that writes $CACHE/tree or a build dir
# (prepare-tree, build-kernel, kunit) between concurrent users of the cache.
# The lock (fd 9) is inherited by child scripts, which then do not retake it.
build_lock() {
	[ -z "${SCST_BUILD_LOCK_HELD:-}" ] || return 0
	mkdir -p "$CACHE"
	exec 9>>"$CACHE/build.lock"
	if ! flock -n 9; then
		log "waiting for another build using $CACHE (lock $CACHE/build.lock)"
		flock -w "${SCST_LOCK_TIMEOUT:-7200}" 9 || die "timed out waiting for $CACHE/build.lock"
	fi
	export SCST_BUILD_LOCK_HELD=1
}

# flavor_lock FLAVOR: held while $CACHE/build-FLAVOR changes (build-kernel)
# or is copied (qemu-run); fd 7.
flavor_lock() {
	mkdir -p "$CACHE"
	exec 7>>"$CACHE/build-$1.lock"
	if ! flock -n 7; then
		log "waiting for the build of flavor $1 (lock $CACHE/build-$1.lock)"
		flock -w "${SCST_LOCK_TIMEOUT:-7200}" 7 || die "timed out waiting for $CACHE/build-$1.lock"
	fi
}

# TAP-like check output, numbered per script: tap_ok DESC / tap_not_ok DESC
TAP_N=0
TAP_FAIL=0
tap_ok() { TAP_N=$((TAP_N + 1)); printf 'ok %d - %s\n' "$TAP_N" "$*"; }
tap_not_ok() { TAP_N=$((TAP_N + 1)); TAP_FAIL=$((TAP_FAIL + 1)); printf 'not ok %d - %s\n' "$TAP_N" "$*"; }
# tap_check DESC CMD...: runs CMD, prints ok/not ok
tap_check() {
	local d=$1
	shift
	if "$@"; then tap_ok "$d"; else tap_not_ok "$d"; fi
}
