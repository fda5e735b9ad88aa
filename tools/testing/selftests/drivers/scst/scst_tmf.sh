#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Task management under I/O: while fio writes and verifies a vdisk_fileio
# disk, sg_reset sends LOGICAL UNIT RESETs (-d) and TARGET RESETs (-t, and
# -H: a host of scst_local has one target) through the SCSI midlayer's
# error handler. The commands the resets abort are retried by the
# midlayer, so fio must finish without an error and its crc32c
# verification must pass; no command may be left behind. Then a command
# that outlives its SG_IO timeout (a VERIFY comparing gigabytes) must be
# ended by the ABORT TASK the midlayer sends for it.
[ -n "${BASH_VERSION:-}" ] || exec /bin/bash "$0" "$@"
. "$(dirname "$0")/scst_lib.sh"

scst_require_cmds fio sg_reset sg_raw sg_turs dd cmp head timeout dmesg
scst_init
ktap_plan 16

TGT=tmf_tgt
INI=tmf_ini
S=$SCST_LOCAL/$TGT/sessions/$INI
TMP=$(scst_tmpdir)
OUT=$TMP/sg.out
IMG=$TMP/tmf0.img
BIG=$TMP/tmf_big.img
MIB=1048576
FIO_SIZE=$((8 * MIB))
BIG_SIZE=$((4 * 1024 * MIB))	# sparse: VERIFY reads holes (zeroes)

scst_log_mark

scst_mk_target $TGT
scst_mk_fileio tmf0 "$IMG" $((16 * MIB))
scst_mk_fileio tmf_big "$BIG" $BIG_SIZE
scst_map $TGT 0 tmf0
scst_map $TGT 1 tmf_big
scst_setup_disk $TGT $INI 0
H=$SCST_HOSTNO
DISK=$SCST_DISK
SG=$SCST_SGDEV
scst_get_disk "$H" 1
SG_BIG=$SCST_SGDEV
scst_clear_ua "$SG"
scst_clear_ua "$SG_BIG"
ktap_info "disk $DISK ($SG), big disk $SCST_DISK ($SG_BIG)"

nr_cmds() {
	scst_get "$S/nr_cmds"
}

# progress N: the session has received N commands or more
# shellcheck disable=SC2317
progress() {
	[ "$(nr_cmds)" -ge "$1" ]
}

# shellcheck disable=SC2317
idle() {
	[ "$(scst_get "$S/active_commands")" = 0 ]
}

# -- resets while fio writes and verifies 8 MiB. The rate limit makes
# fio last long enough (at least 2 x 2048 / 400 s) for all resets to hit
# it; before each reset fio must have got 16 more commands through.
w0=$(scst_get "$S/write_bytes")
timeout -k 10 300 fio --name=scst_tmf --filename="/dev/$DISK" \
	--ioengine=libaio --direct=1 --rw=randwrite --bs=4k --iodepth=8 \
	--size=$FIO_SIZE --verify=crc32c --do_verify=1 --verify_fatal=1 \
	--randrepeat=0 --rate_iops=400 --output="$TMP/fio.out" \
	>/dev/null 2>&1 &
FIO=$!
resets=0
during=0
stalled=0
failed=
for kind in d t H d t H d t H; do
	if ! scst_poll "$SCST_WAIT_SECS" progress $(($(nr_cmds) + 16)); then
		stalled=$((stalled + 1))
	fi
	kill -0 "$FIO" 2>/dev/null && during=$((during + 1))
	if sg_reset "-$kind" "$SG" >"$OUT" 2>&1; then
		resets=$((resets + 1))
	else
		failed="$failed -$kind($(tr '\n' ' ' <"$OUT"))"
	fi
done
ktap_expect_eq "sg_reset -d, -t, -H three times each succeed" "9" \
	"$resets$failed"
ktap_expect_eq "all 9 resets hit the running fio, which kept going" "9 0" \
	"$during $stalled"
wait "$FIO"
rc=$?
if [ "$rc" = 0 ] && grep -q 'err= 0' "$TMP/fio.out" &&
	! grep -qiE 'verify: bad|verify failed|bad magic|bad header' \
		"$TMP/fio.out"; then
	ktap_ok "fio randwrite + crc32c verify of 8 MiB through the resets"
else
	ktap_info "fio exit status $rc:"
	ktap_info "$(tail -n 30 "$TMP/fio.out")"
	ktap_fail "fio randwrite + crc32c verify of 8 MiB through the resets"
fi
w1=$(scst_get "$S/write_bytes")
# a write aborted by a reset and retried is received twice
if [ $((w1 - w0)) -ge $FIO_SIZE ]; then
	ktap_ok "the session received at least 8 MiB of writes"
else
	ktap_info "write_bytes grew by $((w1 - w0))"
	ktap_fail "the session received at least 8 MiB of writes"
fi
scst_poll "$SCST_WAIT_SECS" idle
ktap_result $? "no command left in flight after fio (active_commands 0)"
ktap_expect_eq "the disk is still running (not offlined by the error handler)" \
	running "$(cat "/sys/block/$DISK/device/state")"
if dd if="/dev/$DISK" iflag=direct bs=65536 count=128 2>/dev/null |
	cmp -n $FIO_SIZE - "$IMG" >"$OUT" 2>&1; then
	ktap_ok "disk and backing file hold the same 8 MiB"
else
	ktap_info "$(cat "$OUT")"
	ktap_fail "disk and backing file hold the same 8 MiB"
fi
head -c $MIB /dev/urandom >"$TMP/pat"
dd if="$TMP/pat" of="/dev/$DISK" bs=65536 seek=160 oflag=direct \
	status=none &&
	dd if="/dev/$DISK" iflag=direct bs=65536 skip=160 count=16 2>/dev/null |
	cmp - "$TMP/pat" >"$OUT" 2>&1
ktap_result $? "1 MiB written after the resets reads back"

# -- resets on an idle disk: the reset itself and the unit attention it
# leaves must not disturb the next commands
sg_reset -d "$SG" >"$OUT" 2>&1 && scst_clear_ua "$SG" && sg_turs "$SG"
ktap_result $? "LUN reset on an idle disk, then TEST UNIT READY"
sg_reset -t "$SG_BIG" >"$OUT" 2>&1 && scst_clear_ua "$SG" &&
	scst_clear_ua "$SG_BIG" && sg_turs "$SG" && sg_turs "$SG_BIG"
ktap_result $? "target reset through LUN 1, then TEST UNIT READY on both LUNs"

# -- ABORT TASK: VERIFY(16) with BYTCHK 11b compares one zero block with
# 2^23 blocks (4 GiB) of holes, which takes far longer than the 1 s SG_IO
# timeout (about a minute under TCG); the midlayer then aborts the
# command (eh_abort_handler, ABORT TASK), and the compare must stop: SG_IO
# returns DID_TIME_OUT with no SCSI status, and the command is gone.
head -c 512 /dev/zero >"$TMP/blk0"
c0=$(nr_cmds)
t0=$(date +%s)
# shellcheck disable=SC2046
scst_sg_raw "$OUT" "$SG_BIG" -t 1 -s 512 -i "$TMP/blk0" \
	8f 06 00 00 00 00 00 00 00 00 $(scst_cdb_be 8 $((BIG_SIZE / 512))) 00 00
rc=$?
dt=$(($(date +%s) - t0))
if [ "$rc" != 0 ] && grep -q 'Host_status=.*DID_TIME_OUT' "$OUT"; then
	ktap_ok "VERIFY of 4 GiB with a 1 s timeout is aborted (after ${dt}s)"
else
	ktap_info "sg_raw exit status $rc after ${dt}s:"
	ktap_info "$(cat "$OUT")"
	ktap_fail "VERIFY of 4 GiB with a 1 s timeout is aborted"
fi
scst_poll "$SCST_WAIT_SECS" idle
ktap_result $? "the aborted command is gone (active_commands 0)"
ktap_expect_eq "the midlayer did not retry the command (one VERIFY received)" \
	1 $(($(nr_cmds) - c0))
scst_clear_ua "$SG_BIG"
# shellcheck disable=SC2046
scst_sg_raw "$OUT" "$SG_BIG" -s 512 -i "$TMP/blk0" \
	8f 06 00 00 00 00 00 00 00 00 $(scst_cdb_be 8 2048) 00 00
ktap_result $? "the next VERIFY (1 MiB) on that LUN succeeds"

scst_expect_no_kernel_warning

scst_check_clean "cleanup leaves an empty configfs tree"
ktap_finish
