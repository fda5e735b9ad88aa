#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Two initiators on one target: two scst_local sessions, so two SCSI
# hosts on this machine. What one initiator does must show at the other
# exactly as SPC-2/SPC-4/SAM-5 say: reservation conflicts, unit
# attentions after a resize, a MODE SELECT, a LUN reset and LUN map
# changes, initiator groups that decide who sees which LUNs, and QERR:
# a CHECK CONDITION at one initiator aborting the other's command.
[ -n "${BASH_VERSION:-}" ] || exec /bin/bash "$0" "$@"
. "$(dirname "$0")/scst_lib.sh"

scst_require_cmds sg_raw sg_turs sg_inq sg_luns sg_reset truncate
scst_init
ktap_plan 42

TGT=multi_tgt
T=$SCST_LOCAL/$TGT
TMP=$(scst_tmpdir)
OUT=$TMP/sg_raw.out
IMG=$TMP/multi.img

# sense key, ASC, ASCQ
UA_CAPACITY="06 2a 09"		# CAPACITY DATA HAS CHANGED
UA_MODE="06 2a 01"		# MODE PARAMETERS CHANGED
UA_RESET="06 29 03"		# BUS DEVICE RESET FUNCTION OCCURRED

TUR="00 00 00 00 00 00"
RESERVE6="16 00 00 00 00 00"
RELEASE6="17 00 00 00 00 00"

scst_mk_target $TGT
scst_mk_fileio multi_f0 "$IMG" $((8 * 1048576))
scst_mk_nullio multi_n0 size=$((4 * 1048576))
scst_map $TGT 0 multi_f0

scst_setup_disk $TGT ini_a 0
SG_A=$SCST_SGDEV
scst_setup_disk $TGT ini_b 0
SG_B=$SCST_SGDEV
scst_clear_ua "$SG_A"
scst_clear_ua "$SG_B"

# expect_status DESC SG CDB STATUS: sg_raw reports SCSI status STATUS
expect_status() {
	scst_sg_raw "$OUT" "$2" $3
	if grep -q "^SCSI Status: $4" "$OUT" ||
	   { [ "$4" = Good ] && ! grep -q '^SCSI Status:' "$OUT"; }; then
		ktap_ok "$1"
	else
		ktap_info "$(cat "$OUT")"
		ktap_fail "$1"
	fi
}

# SPC-2 reservations
expect_status "RESERVE(6) from initiator A" "$SG_A" "$RESERVE6" Good
expect_status "TEST UNIT READY from B: RESERVATION CONFLICT" "$SG_B" "$TUR" \
	"Reservation Conflict"
expect_status "RESERVE(6) from B: RESERVATION CONFLICT" "$SG_B" "$RESERVE6" \
	"Reservation Conflict"
expect_status "INQUIRY from B passes the reservation" "$SG_B" \
	"12 00 00 00 24 00 -r 36" Good
expect_status "RELEASE(6) from B: GOOD, but releases nothing" "$SG_B" \
	"$RELEASE6" Good
expect_status "TEST UNIT READY from B still conflicts" "$SG_B" "$TUR" \
	"Reservation Conflict"
expect_status "TEST UNIT READY from the holder A" "$SG_A" "$TUR" Good
expect_status "RELEASE(6) from A" "$SG_A" "$RELEASE6" Good
expect_status "TEST UNIT READY from B after the release" "$SG_B" "$TUR" Good
expect_status "RESERVE(6) from B" "$SG_B" "$RESERVE6" Good
# A LUN reset ends the reservation (SPC-2 5.5.1) and tells B of it
sg_reset -d "$SG_A" >/dev/null 2>&1
ktap_result $? "LUN reset from A"
expect_status "TEST UNIT READY from A after the reset" "$SG_A" "$TUR" Good
scst_sg_raw "$OUT" "$SG_B" $TUR
scst_expect_sense "B learns of the reset: BUS DEVICE RESET FUNCTION OCCURRED" \
	"$OUT" $UA_RESET
scst_clear_ua "$SG_B"
expect_status "RESERVE(6) from A after the reset" "$SG_A" "$RESERVE6" Good
expect_status "RELEASE(6) from A" "$SG_A" "$RELEASE6" Good

# Resize: both initiators are told (SBC-3 4.10)
truncate -s $((16 * 1048576)) "$IMG"
scst_set "$SCST_HANDLERS/vdisk_fileio/multi_f0/size" $((16 * 1048576))
scst_sg_raw "$OUT" "$SG_A" $TUR
scst_expect_sense "resize: A gets CAPACITY DATA HAS CHANGED" "$OUT" \
	$UA_CAPACITY
scst_sg_raw "$OUT" "$SG_B" $TUR
scst_expect_sense "resize: B gets CAPACITY DATA HAS CHANGED" "$OUT" \
	$UA_CAPACITY
scst_clear_ua "$SG_A"
scst_clear_ua "$SG_B"

# MODE SELECT(6) from A flipping WCE: B is told, A is not (SPC-4 5.16)
scst_sg_raw "$OUT" "$SG_A" 1a 08 08 00 ff 00 -r 255 -o "$TMP/ms.bin"
python3 - "$TMP/ms.bin" "$TMP/msel.bin" <<'PYEOF'
import sys
d = bytearray(open(sys.argv[1], 'rb').read())
off = 4 + d[3]
page = d[off:off + 2 + d[off + 1]]
page[0] &= 0x3f		# PS is reserved in MODE SELECT
page[2] ^= 0x04		# WCE
open(sys.argv[2], 'wb').write(bytes(4) + bytes(page))
PYEOF
n=$(stat -c %s "$TMP/msel.bin")
scst_sg_raw "$OUT" "$SG_A" 15 10 00 00 "$(printf %02x "$n")" 00 \
	-s "$n" -i "$TMP/msel.bin"
if grep -q '^SCSI Status: Good' "$OUT" || ! grep -q '^SCSI Status:' "$OUT"
then
	ktap_ok "MODE SELECT(6) of the caching page from A"
else
	ktap_info "$(cat "$OUT")"
	ktap_fail "MODE SELECT(6) of the caching page from A"
fi
expect_status "A's next command is not told of its own MODE SELECT" \
	"$SG_A" "$TUR" Good
scst_sg_raw "$OUT" "$SG_B" $TUR
scst_expect_sense "B gets MODE PARAMETERS CHANGED" "$OUT" $UA_MODE
scst_clear_ua "$SG_B"

# luns SG: the LUNs REPORT LUNS lists, as 16 hex digit words
luns() {
	sg_luns "$1" 2>/dev/null | sed -n 's/^ *\([0-9a-f]\{16\}\)$/\1/p' |
		tr '\n' ' ' | sed 's/ $//'
}

# Initiator groups: B alone gets a LUN map of its own, live
HB=$(scst_find_host $TGT ini_b)
mkdir "$T/ini_groups/grp_b" "$T/ini_groups/grp_b/luns/3"
ln -s "$SCST_HANDLERS/vdisk_nullio/multi_n0" \
	"$T/ini_groups/grp_b/luns/3/device"
mkdir "$T/ini_groups/grp_b/initiators/ini_b"
D3=$(scst_wait_disk "$HB" 3)
ktap_result $? "in group grp_b, B's host shows the group's LUN 3"
scst_wait_disk_gone "$HB" 0
ktap_result $? "in group grp_b, B no longer sees the default LUN 0"
SG_B3=$(scst_sg "$D3")
ktap_expect_eq "LUN 3 at B is the null device" "multi_n0" \
	"$(sg_inq "$SG_B3" 2>/dev/null |
		sed -n 's/^ *Product identification: *//p' | sed 's/ *$//')"
ktap_expect_eq "REPORT LUNS at B lists LUN 3 only" "0003000000000000" \
	"$(luns "$SG_B3")"
scst_clear_ua "$SG_A"
ktap_expect_eq "REPORT LUNS at A (in no group) lists LUN 0 only" \
	"0000000000000000" "$(luns "$SG_A")"
# Out of the group, B gets the default map back
rmdir "$T/ini_groups/grp_b/initiators/ini_b"
scst_wait_disk_gone "$HB" 3
ktap_result $? "out of the group, B no longer sees LUN 3"
D0=$(scst_wait_disk "$HB" 0)
ktap_result $? "out of the group, B sees LUN 0 again"
ktap_expect_eq "REPORT LUNS at B lists LUN 0 only" "0000000000000000" \
	"$(luns "$(scst_sg "$D0")")"
rm "$T/ini_groups/grp_b/luns/3/device"
rmdir "$T/ini_groups/grp_b/luns/3" "$T/ini_groups/grp_b"
ktap_result $? "an empty group can be removed"

# QERR 01b with TAS 1 (SPC-4 Control mode page, SAM-5 5.6): a CHECK
# CONDITION at A aborts B's command in progress, which ends with TASK
# ABORTED. B's command is a VERIFY(16), BYTCHK 11b, of 4 GiB of holes,
# which runs for about a minute under TCG.
BIG=$TMP/multi_big.img
scst_mk_fileio multi_big "$BIG" $((4096 * 1048576))
scst_map $TGT 5 multi_big
HA=$(scst_find_host $TGT ini_a)
HB=$(scst_find_host $TGT ini_b)
SG_A5=$(scst_sg "$(scst_wait_disk "$HA" 5)") &&
	SG_B5=$(scst_sg "$(scst_wait_disk "$HB" 5)")
ktap_result $? "LUN 5 (4 GiB) appears at A and B"
scst_clear_ua "$SG_A5"
scst_clear_ua "$SG_B5"
# mode_select FILE: MODE SELECT(6) from A with FILE as parameter list
mode_select() {
	local n

	n=$(stat -c %s "$1")
	scst_sg_raw "$OUT" "$SG_A5" 15 10 00 00 "$(printf %02x "$n")" 00 \
		-s "$n" -i "$1" && ! grep -q '^SCSI Status: Check' "$OUT"
}
scst_ctl_page "$SG_A5" "$TMP/qerr1.bin" 1 1 && mode_select "$TMP/qerr1.bin"
ktap_result $? "MODE SELECT(6) from A: QERR 01b, TAS 1"
scst_clear_ua "$SG_B5"
head -c 512 /dev/zero >"$TMP/blk0"
# shellcheck disable=SC2046
scst_sg_raw "$TMP/verify.out" "$SG_B5" -t 600 -s 512 -i "$TMP/blk0" \
	8f 06 00 00 00 00 00 00 00 00 $(scst_cdb_be 8 $((4096 * 2048))) 00 00 &
VERIFY_PID=$!
# shellcheck disable=SC2317 # called through scst_poll
b_busy() {
	[ "$(scst_get "$T/sessions/ini_b/active_commands")" = 1 ]
}
scst_poll "$SCST_WAIT_SECS" b_busy
ktap_result $? "B's VERIFY of 4 GiB is in progress"
# READ(10) of the LBA past the end: LOGICAL BLOCK ADDRESS OUT OF RANGE
# shellcheck disable=SC2046
scst_sg_raw "$OUT" "$SG_A5" 28 00 $(scst_cdb_be 8 $((4096 * 2048))) 00 00 01 00 \
	-r 512
scst_expect_sense "A's READ past the end: ILLEGAL REQUEST, LBA OUT OF RANGE" \
	"$OUT" 05 21 00
wait "$VERIFY_PID"
if grep -q '^SCSI Status: Task Aborted' "$TMP/verify.out"; then
	ktap_ok "B's VERIFY ends with TASK ABORTED"
else
	ktap_info "$(cat "$TMP/verify.out")"
	ktap_fail "B's VERIFY ends with TASK ABORTED"
fi
scst_ctl_page "$SG_A5" "$TMP/qerr0.bin" 0 0 && mode_select "$TMP/qerr0.bin" &&
	scst_clear_ua "$SG_B5"
ktap_result $? "MODE SELECT(6) from A: QERR 00b, TAS 0 again"
scst_unmap $TGT 5 && scst_wait_disk_gone "$HA" 5 &&
	scst_wait_disk_gone "$HB" 5
ktap_result $? "LUN 5 removed"
scst_clear_ua "$SG_A"
scst_clear_ua "$(scst_sg "$(scst_wait_disk "$HB" 0)")"

# Suspending activity holds new commands until it resumes
R=/sys/kernel/config/scst
scst_write "$R/suspend_timeout_ms" 0
ktap_expect_eq "suspend_timeout_ms 0 rejected, unchanged" "EINVAL 30000" \
	"$([ -n "$SCST_ERR" ] && echo EINVAL) $(scst_get "$R/suspend_timeout_ms")"
scst_set "$R/suspend_timeout_ms" 5000
scst_clear_ua "$SG_A"
scst_set "$R/suspended" 1
ktap_expect_eq "suspended reads 1" 1 "$(scst_get "$R/suspended")"
sg_turs "$SG_A" >/dev/null 2>&1 &
TUR_PID=$!
active_is_one() {
	[ "$(scst_get "$T/sessions/ini_a/active_commands")" = 1 ]
}
scst_poll "$SCST_WAIT_SECS" active_is_one
ktap_result $? "a command sent while suspended is held (active_commands 1)"
kill -0 "$TUR_PID" 2>/dev/null
ktap_result $? "the held TEST UNIT READY has not completed"
scst_set "$R/suspended" 0
wait "$TUR_PID"
ktap_result $? "after resuming, the held TEST UNIT READY completes with GOOD"
ktap_expect_eq "suspended reads 0, no command left" "0 0" \
	"$(scst_get "$R/suspended") $(scst_get "$T/sessions/ini_a/active_commands")"

ktap_finish
