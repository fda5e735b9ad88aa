# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash disable=SC2034
#
# Shared helpers of the SCST selftests: KTAP output, module loading,
# making devices, targets, LUNs and sessions through configfs, finding the
# disks the initiator side sees, and decoding sense data printed by
# sg_raw. Source it from a test script; it needs bash.
#
# Every object made here is removed again by scst_cleanup, which the
# scripts run from an EXIT trap, so that each test starts and ends with an
# empty /sys/kernel/config/scst tree. Waits are bounded polls, never sleeps
# used as synchronisation.

export LC_ALL=C
export PATH=$PATH:/usr/sbin:/sbin

SCST_CFS=/sys/kernel/config/scst
SCST_HANDLERS=$SCST_CFS/handlers
SCST_LOCAL=$SCST_CFS/targets/scst_local
# Upper bound for every wait, in seconds (the guest is slow under TCG).
SCST_WAIT_SECS=${SCST_WAIT_SECS:-30}

# kselftest exit codes
KSFT_PASS=0
KSFT_FAIL=1
KSFT_SKIP=4

# ---------------------------------------------------------------- KTAP

_ktap_nr=0
_ktap_plan=0
_ktap_pass=0
_ktap_fail=0
_ktap_skip=0

ktap_info() { # ktap_info MSG...: diagnostic line
	local l

	printf '%s\n' "$*" | while IFS= read -r l; do
		printf '# %s\n' "$l"
	done
}

ktap_plan() { # ktap_plan N: header and plan
	_ktap_plan=$1
	echo "TAP version 13"
	echo "1..$1"
}

ktap_ok() { # ktap_ok DESC
	_ktap_nr=$((_ktap_nr + 1))
	_ktap_pass=$((_ktap_pass + 1))
	echo "ok $_ktap_nr - $*"
}

ktap_fail() { # ktap_fail DESC
	_ktap_nr=$((_ktap_nr + 1))
	_ktap_fail=$((_ktap_fail + 1))
	echo "not ok $_ktap_nr - $*"
}

ktap_skip() { # ktap_skip DESC
	_ktap_nr=$((_ktap_nr + 1))
	_ktap_skip=$((_ktap_skip + 1))
	echo "ok $_ktap_nr - $* # SKIP"
}

ktap_result() { # ktap_result STATUS DESC: ok if STATUS is 0
	local st=$1

	shift
	if [ "$st" = 0 ]; then
		ktap_ok "$@"
	else
		ktap_fail "$@"
	fi
}

ktap_check() { # ktap_check DESC CMD...: ok if CMD succeeds
	local desc=$1

	shift
	if "$@"; then
		ktap_ok "$desc"
	else
		ktap_fail "$desc"
	fi
}

ktap_expect_eq() { # ktap_expect_eq DESC EXPECTED ACTUAL
	if [ "$2" = "$3" ]; then
		ktap_ok "$1"
	else
		ktap_info "expected '$2', got '$3'"
		ktap_fail "$1"
	fi
}

# ktap_skip_all REASON: nothing can be tested here (kselftest SKIP)
ktap_skip_all() {
	echo "TAP version 13"
	echo "1..0 # SKIP $*"
	exit $KSFT_SKIP
}

# ktap_bail REASON: stop the test (the EXIT trap cleans up)
ktap_bail() {
	echo "Bail out! $*"
	exit $KSFT_FAIL
}

# ktap_finish: totals and exit status
ktap_finish() {
	echo "# Totals: pass:$_ktap_pass fail:$_ktap_fail xfail:0 xpass:0 skip:$_ktap_skip error:0"
	if [ "$_ktap_nr" != "$_ktap_plan" ]; then
		echo "# Planned tests != run tests ($_ktap_plan != $_ktap_nr)"
		exit $KSFT_FAIL
	fi
	if [ "$_ktap_fail" != 0 ]; then
		exit $KSFT_FAIL
	fi
	if [ "$_ktap_pass" = 0 ] && [ "$_ktap_skip" != 0 ]; then
		exit $KSFT_SKIP
	fi
	exit $KSFT_PASS
}

# ---------------------------------------------------------------- helpers

# scst_try CMD...: run CMD; its stderr's last ": "-separated part (the
# strerror text of the failure) goes to SCST_ERR, empty on success.
SCST_ERR=
scst_try() {
	local out rc

	out=$("$@" 2>&1 >/dev/null)
	rc=$?
	if [ "$rc" = 0 ]; then
		SCST_ERR=
	else
		out=${out##*$'\n'}
		SCST_ERR=${out##*: }
	fi
	return "$rc"
}

_scst_write() { # _scst_write FILE VALUE: one write(2) of VALUE\n
	printf '%s\n' "$2" >"$1"
}

_scst_write_fmt() { # _scst_write_fmt FILE FORMAT: one write(2) of FORMAT
	local t

	# printf may write a value with several newlines in several parts;
	# each write(2) to a configfs attribute is a store of its own
	t=$(mktemp) || return 1
	# shellcheck disable=SC2059
	printf "$2" >"$t"
	dd if="$t" of="$1" bs=4096 status=none
	local rc=$?
	rm -f "$t"
	return $rc
}

# scst_write FILE VALUE: write VALUE (with a newline); errno text in SCST_ERR
scst_write() {
	scst_try _scst_write "$1" "$2"
}

# scst_write_fmt FILE FORMAT: write printf FORMAT (for control characters)
scst_write_fmt() {
	scst_try _scst_write_fmt "$1" "$2"
}

# scst_set FILE VALUE: write VALUE, bail out if that fails
scst_set() {
	scst_write "$1" "$2" || ktap_bail "cannot write '$2' to $1: $SCST_ERR"
}

# scst_get FILE: the value of an attribute (its first line)
scst_get() {
	local v=

	{ IFS= read -r v <"$1"; } 2>/dev/null
	printf '%s\n' "$v"
}

# scst_poll SECONDS CMD...: true as soon as CMD succeeds, polling every
# 0.1 s; false when SECONDS have passed.
scst_poll() {
	local n=$(($1 * 10))

	shift
	while [ "$n" -gt 0 ]; do
		"$@" && return 0
		sleep 0.1
		n=$((n - 1))
	done
	"$@"
}

scst_require_cmds() { # scst_require_cmds CMD...: skip when one is missing
	local c

	for c in "$@"; do
		command -v "$c" >/dev/null 2>&1 ||
			ktap_skip_all "'$c' is not installed"
	done
}

# ---------------------------------------------------------------- modules

# scst_load_modules: load scst, scst_vdisk and scst_local. Skips the test
# when a module was not built; a module that is there but does not load
# is a failure.
scst_load_modules() {
	local m

	[ "$(id -u)" = 0 ] || ktap_skip_all "must be run as root"
	[ -d /sys/kernel/config ] || ktap_skip_all "configfs is not available"
	if ! grep -q ' /sys/kernel/config configfs' /proc/mounts; then
		mount -t configfs none /sys/kernel/config ||
			ktap_skip_all "cannot mount configfs"
	fi
	for m in scst scst_vdisk scst_local; do
		grep -q "^$m " /proc/modules && continue
		modprobe -n "$m" >/dev/null 2>&1 ||
			ktap_skip_all "module $m is not available (CONFIG_SCST*=m?)"
		modprobe "$m" || ktap_bail "modprobe $m failed"
	done
	[ -d "$SCST_HANDLERS/vdisk_nullio" ] ||
		ktap_bail "$SCST_HANDLERS/vdisk_nullio missing after loading scst_vdisk"
	[ -d "$SCST_HANDLERS/vdisk_fileio" ] ||
		ktap_bail "$SCST_HANDLERS/vdisk_fileio missing after loading scst_vdisk"
	[ -d "$SCST_LOCAL" ] ||
		ktap_bail "$SCST_LOCAL missing after loading scst_local"
}

# ---------------------------------------------------------------- objects

# Per test scratch directory (tmpfs), removed by scst_cleanup. scst_init
# makes it: scst_tmpdir is called as $(scst_tmpdir), in a subshell, which
# cannot hand a directory it made to scst_cleanup.
SCST_TMP=
scst_tmpdir() {
	if [ -z "$SCST_TMP" ]; then
		SCST_TMP=$(mktemp -d /tmp/scst-selftest.XXXXXX) ||
			ktap_bail "mktemp failed"
	fi
	echo "$SCST_TMP"
}

# scst_dev_dir NAME: the configfs directory of device NAME, any handler
scst_dev_dir() {
	local d

	for d in "$SCST_HANDLERS"/*/"$1"; do
		[ -d "$d" ] && echo "$d" && return 0
	done
	return 1
}

# _scst_mkdev HANDLER NAME ATTR=VALUE...: make, configure and enable
_scst_mkdev() {
	local d=$SCST_HANDLERS/$1/$2 kv

	shift 2
	mkdir "$d" || ktap_bail "mkdir $d failed"
	for kv in "$@"; do
		scst_set "$d/${kv%%=*}" "${kv#*=}"
	done
	scst_set "$d/enable" 1
}

# scst_mk_nullio NAME [ATTR=VALUE...]: an enabled vdisk_nullio device
scst_mk_nullio() {
	_scst_mkdev vdisk_nullio "$@"
}

# scst_mk_fileio NAME FILE SIZE [ATTR=VALUE...]: an enabled vdisk_fileio
# device on FILE, which is created sparse with SIZE bytes if missing
scst_mk_fileio() {
	local name=$1 file=$2 size=$3

	shift 3
	if [ ! -e "$file" ]; then
		truncate -s "$size" "$file" || ktap_bail "cannot create $file"
	fi
	_scst_mkdev vdisk_fileio "$name" "filename=$file" "$@"
}

# scst_mk_target TGT: an scst_local target (not yet enabled)
scst_mk_target() {
	mkdir "$SCST_LOCAL/$1" || ktap_bail "mkdir target $1 failed"
}

# scst_map TGT LUN DEV: map device DEV at LUN of TGT (makes the LUN dir)
scst_map() {
	local l=$SCST_LOCAL/$1/luns/$2 d

	d=$(scst_dev_dir "$3") || ktap_bail "no device $3"
	if [ ! -d "$l" ]; then
		mkdir "$l" || ktap_bail "mkdir LUN $2 of $1 failed"
	fi
	ln -s "$d" "$l/device" || ktap_bail "linking $3 to LUN $2 of $1 failed"
}

# scst_unmap TGT LUN: remove the device link and the LUN dir
scst_unmap() {
	local l=$SCST_LOCAL/$1/luns/$2 f

	for f in "$l"/*; do
		[ -L "$f" ] && rm -f "$f"
	done
	rmdir "$l"
}

# scst_find_host TGT INI: the number of the SCSI host of session INI of
# TGT (from /sys/class/scsi_host/host*/scst_session)
scst_find_host() {
	local h

	for h in /sys/class/scsi_host/host*; do
		[ -r "$h/scst_session" ] || continue
		if [ "$(cat "$h/scst_session" 2>/dev/null)" = "$1/$2" ]; then
			echo "${h##*/host}"
			return 0
		fi
	done
	return 1
}

# scst_mk_session TGT INI: enable TGT, make session INI and wait for its
# SCSI host, whose number goes to SCST_HOSTNO (and SCST_HOSTS)
SCST_HOSTNO=
SCST_HOSTS=()
scst_mk_session() {
	local t=$SCST_LOCAL/$1

	if [ "$(scst_get "$t/enable")" != 1 ]; then
		scst_set "$t/enable" 1
	fi
	mkdir "$t/sessions/$2" || ktap_bail "mkdir session $2 of $1 failed"
	SCST_HOSTNO=$(scst_poll "$SCST_WAIT_SECS" scst_find_host "$1" "$2") ||
		ktap_bail "no SCSI host with scst_session $1/$2"
	SCST_HOSTS+=("$SCST_HOSTNO")
}

# scst_disk HOST LUN: the sd disk name at LUN of SCSI host HOST, if any
scst_disk() {
	local b

	for b in /sys/class/scsi_host/host"$1"/device/target"$1":*/"$1":*:*:"$2"/block/sd*; do
		if [ -e "$b" ] && [ -b "/dev/${b##*/}" ]; then
			echo "${b##*/}"
			return 0
		fi
	done
	return 1
}

_scst_no_disk() {
	! scst_disk "$@" >/dev/null
}

# scst_wait_disk HOST LUN: wait for the disk of LUN to appear, print it
scst_wait_disk() {
	scst_poll "$SCST_WAIT_SECS" scst_disk "$1" "$2"
}

# scst_wait_disk_gone HOST LUN: wait for the disk of LUN to disappear
scst_wait_disk_gone() {
	scst_poll "$SCST_WAIT_SECS" _scst_no_disk "$1" "$2"
}

_scst_no_sysfs() {
	[ ! -e "$1" ]
}

# scst_wait_gone PATH: wait for PATH to disappear
scst_wait_gone() {
	scst_poll "$SCST_WAIT_SECS" _scst_no_sysfs "$1"
}

# scst_sg DISK: the /dev/sg node of disk DISK (sdX)
scst_sg() {
	local s

	for s in /sys/block/"$1"/device/scsi_generic/sg*; do
		[ -e "$s" ] && [ -c "/dev/${s##*/}" ] && echo "/dev/${s##*/}" &&
			return 0
	done
	return 1
}

# scst_setup_disk TGT INI LUN: make session INI of TGT and wait for the
# disk of LUN: SCST_HOSTNO is its SCSI host, SCST_DISK the disk (sdX) and
# SCST_SGDEV its sg node.
SCST_DISK=
SCST_SGDEV=
scst_setup_disk() {
	scst_mk_session "$1" "$2"
	scst_get_disk "$SCST_HOSTNO" "$3"
}

# scst_get_disk HOST LUN: wait for the disk of LUN of HOST; sets SCST_DISK
# and SCST_SGDEV, bails out if it does not appear
scst_get_disk() {
	SCST_DISK=$(scst_wait_disk "$1" "$2") ||
		ktap_bail "no disk for LUN $2 of host $1 after ${SCST_WAIT_SECS}s"
	SCST_SGDEV=$(scst_sg "$SCST_DISK") ||
		ktap_bail "no sg node for $SCST_DISK"
}

# scst_clear_ua SGDEV: consume pending unit attentions (bounded)
scst_clear_ua() {
	local i

	for i in 1 2 3 4 5; do
		sg_turs "$1" >/dev/null 2>&1 && return 0
	done
	return 1
}

# ---------------------------------------------------------------- cleanup

SCST_MOUNTS=()

# scst_mount DEV DIR: mount and remember for cleanup
scst_mount() {
	mkdir -p "$2" && mount "$1" "$2" && SCST_MOUNTS+=("$2")
}

scst_umount() { # scst_umount DIR
	local i

	umount "$1" || return 1
	for i in "${!SCST_MOUNTS[@]}"; do
		[ "${SCST_MOUNTS[$i]}" = "$1" ] && unset "SCST_MOUNTS[$i]"
	done
	return 0
}

# scst_tree_leftovers: print every object left in the configfs tree
scst_tree_leftovers() {
	local d

	[ -d "$SCST_CFS" ] || return 0
	for d in "$SCST_HANDLERS"/*/* "$SCST_CFS"/targets/*/*; do
		[ -d "$d" ] && echo "${d#"$SCST_CFS"/}"
	done
}

# scst_wipe: remove every session, LUN, target and device in the tree
scst_wipe() {
	local t s l f d

	[ -d "$SCST_CFS" ] || return 0
	for t in "$SCST_CFS"/targets/*/*; do
		[ -d "$t" ] || continue
		for s in "$t"/sessions/*; do
			[ -d "$s" ] && rmdir "$s"
		done
		for l in "$t"/luns/*; do
			[ -d "$l" ] || continue
			for f in "$l"/*; do
				[ -L "$f" ] && rm -f "$f"
			done
			rmdir "$l"
		done
		rmdir "$t"
	done
	for d in "$SCST_HANDLERS"/*/*; do
		[ -d "$d" ] || continue
		[ "$(scst_get "$d/enable")" = 1 ] && _scst_write "$d/enable" 0
		rmdir "$d"
	done
}

# scst_cleanup: unmount, remove all configfs objects and the scratch dir.
# Safe to run more than once; run from the EXIT trap.
scst_cleanup() {
	local m

	for m in "${SCST_MOUNTS[@]}"; do
		umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null
	done
	SCST_MOUNTS=()
	scst_wipe 2>/dev/null
	if [ -n "$SCST_TMP" ]; then
		rm -rf "$SCST_TMP"
		SCST_TMP=
	fi
}

# scst_check_clean DESC: one test: cleaning up left no object behind and
# no disk of the sessions of this test
scst_check_clean() {
	local left h bad=0

	scst_cleanup
	left=$(scst_tree_leftovers)
	for h in "${SCST_HOSTS[@]}"; do
		if ! scst_wait_gone "/sys/class/scsi_host/host$h"; then
			ktap_info "SCSI host $h still exists"
			bad=1
		fi
	done
	if [ -n "$left" ]; then
		ktap_info "left in configfs: $left"
		bad=1
	fi
	ktap_result "$bad" "$1"
}

# scst_init: common start of a test: modules, a clean tree, cleanup trap
scst_init() {
	local left

	scst_load_modules
	left=$(scst_tree_leftovers)
	if [ -n "$left" ]; then
		ktap_info "objects left by an earlier test, removing them: $left"
		scst_wipe 2>/dev/null
		left=$(scst_tree_leftovers)
		[ -z "$left" ] || ktap_bail "cannot clean the configfs tree: $left"
	fi
	trap scst_cleanup EXIT
	scst_tmpdir >/dev/null
}

# ---------------------------------------------------------- kernel log

# scst_log_mark: mark the start of this test in the kernel log
SCST_LOG_MARK=
scst_log_mark() {
	SCST_LOG_MARK="${0##*/}: start $$"
	echo "$SCST_LOG_MARK" >/dev/kmsg 2>/dev/null
}

# scst_dmesg_since: the kernel messages logged since scst_log_mark
scst_dmesg_since() {
	dmesg | sed -n "/$SCST_LOG_MARK/,\$p"
}

# scst_expect_no_kernel_warning: one test: no warning, bug, lockdep or
# hung task report since scst_log_mark
scst_expect_no_kernel_warning() {
	local out

	out=$(scst_dmesg_since | grep -E 'WARNING:|BUG:|INFO: |Oops' | head -n 20)
	if [ -n "$out" ]; then
		ktap_info "$out"
		ktap_fail "no kernel warning during the test"
	else
		ktap_ok "no kernel warning during the test"
	fi
}

# ---------------------------------------------------------------- sense

# scst_sg_raw OUT ARGS...: run sg_raw -v ARGS, all output to file OUT;
# returns sg_raw's exit status
scst_sg_raw() {
	local out=$1

	shift
	sg_raw -v "$@" >"$out" 2>&1
}

# scst_sense_bytes FILE: the raw sense bytes sg_raw -v printed, one line
# of lower case hex bytes separated by spaces
scst_sense_bytes() {
	awk '
	/Raw sense data/ {
		on = 1
		n = $0; if (!sub(/.*(length|sb_len)=/, "", n)) n = 0; n += 0
		next
	}
	on {
		if ($0 ~ /^[[:space:]]*$/) { on = 0; next }
		got = 0
		for (i = 1; i <= NF; i++) {
			if ($i !~ /^[0-9a-fA-F][0-9a-fA-F]$/)
				break
			if (cnt < n || n == 0) {
				out = out (cnt ? " " : "") tolower($i)
				cnt++
			}
			got++
		}
		if (!got) on = 0
	}
	END { print out }' "$1"
}

# scst_parse_sense FILE: decode the sense data in sg_raw's output into
# SENSE_KEY, SENSE_ASC, SENSE_ASCQ (two hex digits each, e.g. "05 20 00"
# for ILLEGAL REQUEST, INVALID COMMAND OPERATION CODE) and SENSE_BYTES.
# Fixed (70h/71h) and descriptor (72h/73h) formats (SPC-4 4.5).
SENSE_KEY=
SENSE_ASC=
SENSE_ASCQ=
SENSE_BYTES=
scst_parse_sense() {
	local -a b
	local rc

	SENSE_KEY=
	SENSE_ASC=
	SENSE_ASCQ=
	SENSE_BYTES=$(scst_sense_bytes "$1")
	read -r -a b <<<"$SENSE_BYTES"
	[ "${#b[@]}" -ge 4 ] || return 1
	rc=$((0x${b[0]} & 0x7f))
	case $rc in
	112 | 113) # 70h, 71h: fixed format
		[ "${#b[@]}" -ge 14 ] || return 1
		SENSE_KEY=$(printf '%02x' $((0x${b[2]} & 0x0f)))
		SENSE_ASC=${b[12]}
		SENSE_ASCQ=${b[13]}
		;;
	114 | 115) # 72h, 73h: descriptor format
		SENSE_KEY=$(printf '%02x' $((0x${b[1]} & 0x0f)))
		SENSE_ASC=${b[2]}
		SENSE_ASCQ=${b[3]}
		;;
	*)
		return 1
		;;
	esac
	return 0
}

# scst_sense_sks FILE: the 3 sense key specific bytes (fixed format bytes
# 15..17, or the descriptor format's sense key specific descriptor 02h)
scst_sense_sks() {
	local -a b
	local i len

	read -r -a b <<<"$(scst_sense_bytes "$1")"
	case ${b[0]} in
	70 | 71 | f0 | f1)
		[ "${#b[@]}" -ge 18 ] && echo "${b[15]} ${b[16]} ${b[17]}"
		;;
	72 | 73 | f2 | f3)
		i=8
		while [ $((i + 1)) -lt "${#b[@]}" ]; do
			len=$((0x${b[$((i + 1))]}))
			if [ "${b[$i]}" = 02 ] && [ $((i + 6)) -lt "${#b[@]}" ]; then
				echo "${b[$((i + 4))]} ${b[$((i + 5))]} ${b[$((i + 6))]}"
				return 0
			fi
			i=$((i + 2 + len))
		done
		;;
	esac
}

# scst_expect_sense DESC FILE KEY ASC ASCQ: one test: sg_raw's output in
# FILE reports CHECK CONDITION with exactly that sense (hex, 2 digits)
scst_expect_sense() {
	local desc=$1 f=$2

	if ! grep -q '^SCSI Status: Check Condition' "$f"; then
		ktap_info "no CHECK CONDITION; sg_raw said:"
		ktap_info "$(cat "$f")"
		ktap_fail "$desc"
		return
	fi
	if ! scst_parse_sense "$f"; then
		ktap_info "cannot decode sense data '$SENSE_BYTES'; sg_raw said:"
		ktap_info "$(cat "$f")"
		ktap_fail "$desc"
		return
	fi
	ktap_expect_eq "$desc" "key=$3 asc=$4 ascq=$5" \
		"key=$SENSE_KEY asc=$SENSE_ASC ascq=$SENSE_ASCQ"
}

# ---------------------------------------------------------------- mode pages

# scst_ctl_page SG OUT QERR TAS: MODE SENSE(6) of the Control mode page
# (0Ah, SPC-4 7.5.8) through SG, and into file OUT a MODE SELECT(6)
# parameter list of that page with its QERR field set to QERR (0..3) and
# its TAS bit to TAS (0 or 1): a header of zeroes without block
# descriptors, then the page with PS cleared (reserved in MODE SELECT)
scst_ctl_page() {
	local cur

	cur=$(scst_tmpdir)/ctl_page.bin
	scst_sg_raw "$cur.out" "$1" 1a 08 0a 00 ff 00 -r 255 -o "$cur" ||
		return 1
	python3 - "$cur" "$2" "$3" "$4" <<'PYEOF'
import sys
d = bytearray(open(sys.argv[1], 'rb').read())
off = 4 + d[3]
page = d[off:off + 2 + d[off + 1]]
page[0] &= 0x3f				# PS is reserved in MODE SELECT
page[3] = (page[3] & ~0x06) | (int(sys.argv[3]) << 1)	# QERR
page[5] = (page[5] & ~0x40) | (int(sys.argv[4]) << 6)	# TAS
open(sys.argv[2], 'wb').write(bytes(4) + bytes(page))
PYEOF
}

# scst_cdb_be HEXDIGITS VALUE: VALUE as big-endian bytes for sg_raw
# (HEXDIGITS/2 bytes), e.g. scst_cdb_be 8 258 -> "00 00 01 02"
scst_cdb_be() {
	printf "%0${1}x" "$2" | sed 's/../& /g; s/ $//'
}
