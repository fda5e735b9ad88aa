#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# vcdrom opens its disc as the administrator who named it, whoever asks:
# an administrator in a private mount namespace names an image only that
# namespace sees, with mode 0600; enabling the device from outside it,
# and reloading the disc with START STOP UNIT from an unprivileged
# initiator process, both find and open that image.
[ -n "${BASH_VERSION:-}" ] || exec /bin/bash "$0" "$@"
. "$(dirname "$0")/scst_lib.sh"

scst_require_cmds sg_raw sg_turs unshare setpriv mkfifo
scst_init
modprobe scst_vcdrom || ktap_skip_all "scst_vcdrom is not available"
ktap_plan 9

TGT=vcd_tgt
T=$SCST_LOCAL/$TGT
D=$SCST_HANDLERS/vcdrom/vcd_ns
TMP=$(scst_tmpdir)
OUT=$TMP/sg_raw.out
NS_DIR=$TMP/ns_only

cleanup_vcdrom() {
	exec 3>&- 2>/dev/null
	scst_cleanup
	rmmod scst_vcdrom 2>/dev/null
}
trap cleanup_vcdrom EXIT

# The administrator's namespace: a tmpfs on $NS_DIR that only it sees,
# holding a 1 MiB image of 0600 whose first block says "vcdrom-ns"; it
# names the image, then stays until fd 3 closes.
mkdir -p "$NS_DIR"
mkfifo "$TMP/hold"
mkdir "$D" || ktap_bail "mkdir $D failed"
# shellcheck disable=SC2016
unshare -m --propagation private sh -c '
	mount -t tmpfs none "$1" || exit 1
	{ printf vcdrom-ns; head -c $((1048576 - 9)) /dev/zero; } >"$1/disc.iso"
	chmod 0600 "$1/disc.iso"
	printf "%s\n" "$1/disc.iso" >"$2/filename" || exit 1
	exec cat >/dev/null' sh "$NS_DIR" "$D" <"$TMP/hold" &
exec 3>"$TMP/hold"
# shellcheck disable=SC2317 # called through scst_poll
named() {
	[ "$(scst_get "$D/filename")" = "$NS_DIR/disc.iso" ]
}
scst_poll "$SCST_WAIT_SECS" named
ktap_result $? "the administrator in its namespace names the image"
ktap_expect_eq "the image is not visible outside that namespace" no \
	"$([ -e "$NS_DIR/disc.iso" ] && echo yes || echo no)"

scst_write "$D/enable" 1
ktap_result $? "enabling from outside the namespace opens the image ($SCST_ERR)"

scst_mk_target $TGT
scst_map $TGT 0 vcd_ns
scst_mk_session $TGT ini_a
# shellcheck disable=SC2317 # called through scst_poll
find_sg() {
	local s

	for s in /sys/class/scsi_host/host"$SCST_HOSTNO"/device/target*/*:0/scsi_generic/sg*; do
		[ -e "$s" ] && echo "/dev/${s##*/}" && return 0
	done
	return 1
}
SG=$(scst_poll "$SCST_WAIT_SECS" find_sg) || ktap_bail "no sg node for the vcdrom"
scst_clear_ua "$SG"

# read_block0: the first 9 bytes of block 0, as text
read_block0() {
	scst_sg_raw "$OUT" "$SG" -r 2048 -o "$TMP/blk0" \
		28 00 00 00 00 00 00 00 01 00 && head -c 9 "$TMP/blk0"
}
ktap_expect_eq "READ(10) of block 0 returns the image's data" vcdrom-ns \
	"$(read_block0)"

scst_sg_raw "$OUT" "$SG" 1b 00 00 00 02 00
ktap_result $? "START STOP UNIT: eject"
ktap_expect_eq "the drive is empty: filename still names the disc" \
	"$NS_DIR/disc.iso" "$(scst_get "$D/filename")"

# The initiator that reloads it is an unprivileged process outside the
# administrator's namespace: it could neither see nor read the image.
chmod 0666 "$SG"
setpriv --reuid=65534 --regid=65534 --clear-groups \
	sg_raw -v "$SG" 1b 00 00 00 03 00 >"$OUT" 2>&1
if ! grep -q '^SCSI Status: Check' "$OUT"; then
	ktap_ok "START STOP UNIT: load, sent by user nobody, finds the image"
else
	ktap_info "$(cat "$OUT")"
	ktap_fail "START STOP UNIT: load, sent by user nobody, finds the image"
fi
chmod 0600 "$SG"
scst_clear_ua "$SG"
ktap_expect_eq "READ(10) of block 0 after the reload" vcdrom-ns \
	"$(read_block0)"

scst_unmap $TGT 0
rmdir "$T/sessions/ini_a" && scst_write "$D/enable" 0 && rmdir "$D"
ktap_result $? "the session, the LUN and the device are removed"
ktap_finish
