#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A command its dev handler cannot finish: a WRITE SAME to a vdisk_fileio
# LUN whose file is on a frozen file system (fsfreeze) blocks in the
# handler, in a core thread, until the file system is thawed. Meanwhile
#   - the abort handler of scst_local (the command outlives its 2 s SG_IO
#     timeout) waits, and every wait_timeout_ms the stuck command is
#     named in the kernel log with its opcode and state;
#   - removing the LUN returns at once, and another LUN can be mapped:
#     nothing waits for the command under the target's LUN mutex;
#   - disabling the device waits wait_timeout_ms, then fails with EBUSY,
#     naming the command, and leaves the device enabled.
# Once thawed, the command ends (aborted: SG_IO returns DID_TIME_OUT),
# and the device can be disabled.
#
# (A WRITE would be executed inline, in scst_local's queuecommand: blocked
# there, it would hold up the midlayer's timeout handling of the host,
# which waits for running submissions, so that no abort would come.)
[ -n "${BASH_VERSION:-}" ] || exec /bin/bash "$0" "$@"
. "$(dirname "$0")/scst_lib.sh"

scst_require_cmds sg_raw sg_turs losetup mkfs.ext4 fsfreeze timeout dmesg \
	truncate head
scst_init
ktap_plan 12

TGT=stuck_tgt
INI=stuck_ini
S=$SCST_LOCAL/$TGT/sessions/$INI
ROOT_WAIT=$SCST_CFS/wait_timeout_ms
TMP=$(scst_tmpdir)
OUT=$TMP/sg_raw.out
MNT=$TMP/mnt
MIB=1048576
WAIT_MS=3000
LOOP=
FROZEN=
SGPID=
RMPID=
SAVED_WAIT=$(scst_get "$ROOT_WAIT")

scst_log_mark

cleanup_stuck() {
	[ -n "$FROZEN" ] && fsfreeze -u "$MNT" 2>/dev/null
	[ -n "$RMPID" ] && wait "$RMPID" 2>/dev/null
	[ -n "$SGPID" ] && wait "$SGPID" 2>/dev/null
	[ -n "$SAVED_WAIT" ] && echo "$SAVED_WAIT" >"$ROOT_WAIT" 2>/dev/null
	scst_cleanup
	[ -n "$LOOP" ] && losetup -d "$LOOP" 2>/dev/null
}
trap cleanup_stuck EXIT

# now_ms: a monotonic-enough clock in milliseconds
now_ms() {
	echo $(($(date +%s%N) / 1000000))
}

# shellcheck disable=SC2317
reported() {
	scst_dmesg_since | grep -Eq "$1"
}

# shellcheck disable=SC2317
exited() {
	! kill -0 "$1" 2>/dev/null
}

# shellcheck disable=SC2317
idle() {
	[ "$(scst_get "$S/active_commands")" = 0 ]
}

truncate -s $((64 * MIB)) "$TMP/fs.img" || ktap_bail "no file system image"
LOOP=$(losetup -f --show "$TMP/fs.img") || ktap_bail "no loop device"
mkfs.ext4 -q "$LOOP" >"$OUT" 2>&1 || ktap_bail "mkfs.ext4: $(cat "$OUT")"
scst_mount "$LOOP" "$MNT" || ktap_bail "cannot mount $LOOP"

scst_mk_fileio stuck0 "$MNT/lun0.img" $((16 * MIB))
scst_mk_nullio stuck1
scst_mk_target $TGT
scst_map $TGT 0 stuck0
scst_setup_disk $TGT $INI 0
SG=$SCST_SGDEV
scst_clear_ua "$SG"
scst_set "$ROOT_WAIT" $WAIT_MS
head -c 512 /dev/zero | tr '\0' '\132' >"$TMP/blk"

# -- the WRITE blocks in the handler; its SG_IO timeout starts the
# midlayer's abort handler, which must wait for it, naming it
ktap_info "freezing $MNT"; t0=$(date +%s)
timeout 60 fsfreeze -f "$MNT" || ktap_bail "fsfreeze -f $MNT failed"
FROZEN=1
ktap_info "frozen after $(($(date +%s) - t0)) s; WRITE SAME(10) of 4 MiB, 2 s timeout, to $SG"
scst_sg_raw "$OUT" "$SG" -t 2 -s 512 -i "$TMP/blk" \
	41 00 00 00 00 08 00 20 00 00 &
SGPID=$!
# how scst_report_cmds() names the stuck command in the kernel log
CMD_RE="command tag [0-9a-fx]+ \\(opcode 41, LUN 0\\) is in state [A-Z_]+"
pat="(abort|task management) by scst_local of $TGT/$INI: after [0-9]+ ms, $CMD_RE"
scst_poll "$SCST_WAIT_SECS" reported "$pat"
ktap_result $? "scst_local's abort handler names the stuck WRITE SAME every ${WAIT_MS} ms"
ktap_expect_eq "the session has one command (active_commands)" 1 \
	"$(scst_get "$S/active_commands")"

# -- removing the LUN does not wait for the command. (If it does, it
# cannot be killed: thaw, so that the rest of the test can go on.)
t0=$(now_ms)
rm "$SCST_LOCAL/$TGT/luns/0/device" &
RMPID=$!
scst_poll 10 exited "$RMPID"
rc=$?
dt=$(($(now_ms) - t0))
if [ "$rc" = 0 ]; then
	wait "$RMPID"
	rc=$?
	RMPID=
fi
if [ "$rc" = 0 ] && [ "$dt" -lt "$WAIT_MS" ]; then
	ktap_ok "removing the LUN returns at once (${dt} ms)"
else
	ktap_fail "removing the LUN returns at once (status $rc after ${dt} ms)"
	fsfreeze -u "$MNT"
	FROZEN=
	[ -z "$RMPID" ] || wait "$RMPID"
	RMPID=
fi
timeout 10 mkdir "$SCST_LOCAL/$TGT/luns/1" &&
	timeout 10 ln -s "$(scst_dev_dir stuck1)" "$SCST_LOCAL/$TGT/luns/1/device"
ktap_result $? "another LUN can be mapped meanwhile"
ktap_expect_eq "the device is no longer exported" 0 \
	"$(scst_get "$(scst_dev_dir stuck0)/exported")"

# -- disabling the device waits wait_timeout_ms, then gives up
t0=$(now_ms)
scst_write "$(scst_dev_dir stuck0)/enable" 0
rc=$?
dt=$(($(now_ms) - t0))
if [ "$rc" != 0 ] && [ "$SCST_ERR" = "Device or resource busy" ] &&
   [ "$dt" -ge "$WAIT_MS" ]; then
	ktap_ok "disabling the device fails with EBUSY after ${dt} ms"
else
	ktap_fail "disabling the device fails with EBUSY (status $rc, '$SCST_ERR', ${dt} ms)"
fi
ktap_expect_eq "the device stays enabled" 1 \
	"$(scst_get "$(scst_dev_dir stuck0)/enable")"
reported "device stuck0 not disabled: commands of removed LUNs in flight" &&
	reported "disabling of a device of $TGT/$INI: after $WAIT_MS ms, $CMD_RE"
ktap_result $? "the kernel log names the command that keeps the device busy"

# -- thawed, the command ends: aborted, so the initiator gets no status
[ -z "$FROZEN" ] || fsfreeze -u "$MNT"
FROZEN=
scst_poll "$SCST_WAIT_SECS" idle
ktap_result $? "the command ends once the file system is thawed"
wait "$SGPID"
rc=$?
SGPID=
if [ "$rc" != 0 ] && grep -q 'Host_status=.*DID_TIME_OUT' "$OUT"; then
	ktap_ok "the WRITE SAME ended with DID_TIME_OUT (aborted)"
else
	ktap_info "sg_raw exit status $rc: $(cat "$OUT")"
	ktap_fail "the WRITE SAME ended with DID_TIME_OUT (aborted)"
fi
scst_write "$(scst_dev_dir stuck0)/enable" 0
ktap_result $? "the device can be disabled now"

scst_expect_no_kernel_warning
ktap_finish
