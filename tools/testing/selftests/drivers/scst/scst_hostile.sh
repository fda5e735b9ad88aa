#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# What a hostile initiator can do to a target with two initiators on it
# (two scst_local sessions): the residual of every data-in command is
# what the initiator's buffer did not receive (SAM-5 5.4.3), standard
# INQUIRY data claims the standards implemented, a command of the
# largest size the LUN reports goes through, a LOGICAL UNIT RESET ends
# another initiator's long VERIFY at once, writes survive a storm of LUN
# resets, target resets, forced session closes and ABORT TASKs from the
# other initiator with TAS set (fio --verify), and REPORT LUNS runs
# safely while LUNs come and go.
[ -n "${BASH_VERSION:-}" ] || exec /bin/bash "$0" "$@"
. "$(dirname "$0")/scst_lib.sh"

scst_require_cmds sg_raw sg_turs sg_luns sg_reset fio truncate
scst_init
ktap_plan 40

TGT=hostile_tgt
T=$SCST_LOCAL/$TGT
TMP=$(scst_tmpdir)
OUT=$TMP/sg_raw.out
# resets sent at the fio run, and REPORT LUNS / map-unmap rounds
NR_RESETS=${SCST_HOSTILE_RESETS:-40}
NR_CHURN=${SCST_HOSTILE_CHURN:-20}
# commands aborted by the midlayer (ABORT TASK) at the fio run, and how
# many of them are sent at once
NR_ABORTS=${SCST_HOSTILE_ABORTS:-12}
ABORT_BATCH=4
MIB=1048576
# LUN 0: fio writes its first 16 MiB; the 4 GiB of holes after the first
# 64 MiB are for the commands that are aborted
F0_DATA=$((64 * MIB))
F0_HOLES=$((4096 * MIB))

scst_mk_target $TGT
scst_mk_fileio hostile_f0 "$TMP/f0.img" $((F0_DATA + F0_HOLES))
scst_mk_nullio hostile_n0 size=$((16 * 1048576))
# 64 GiB of holes: a VERIFY of all of it runs for minutes under TCG
scst_mk_fileio hostile_big "$TMP/big.img" $((65536 * 1048576))
scst_map $TGT 0 hostile_f0
scst_map $TGT 1 hostile_n0
scst_map $TGT 2 hostile_big

scst_setup_disk $TGT ini_a 0
SG_A=$SCST_SGDEV
DISK_A=$SCST_DISK
HA=$SCST_HOSTNO
scst_setup_disk $TGT ini_b 0
SG_B=$SCST_SGDEV
DISK_B=$SCST_DISK
HB=$SCST_HOSTNO
scst_clear_ua "$SG_A"
scst_clear_ua "$SG_B"

# received SG CDB... : bytes sg_raw says it received into its buffer (the
# -r length less the residual)
received() {
	scst_sg_raw "$OUT" "$@" >/dev/null
	sed -n -E 's/^(Received|Writing) ([0-9]+) bytes.*/\2/p' "$OUT" | head -n 1
}

# sgio SG LEN CDB...: SG_IO of CDB (hex bytes) reading up to LEN bytes
# (sg_raw takes at most 1 MiB); prints "status=S host=H resid=R"
sgio() {
	python3 - "$@" <<'PYEOF'
import ctypes, fcntl, os, sys
class Hdr(ctypes.Structure):
    _fields_ = [('interface_id', ctypes.c_int), ('dxfer_direction', ctypes.c_int),
                ('cmd_len', ctypes.c_ubyte), ('mx_sb_len', ctypes.c_ubyte),
                ('iovec_count', ctypes.c_ushort), ('dxfer_len', ctypes.c_uint),
                ('dxferp', ctypes.c_void_p), ('cmdp', ctypes.c_void_p),
                ('sbp', ctypes.c_void_p), ('timeout', ctypes.c_uint),
                ('flags', ctypes.c_uint), ('pack_id', ctypes.c_int),
                ('usr_ptr', ctypes.c_void_p), ('status', ctypes.c_ubyte),
                ('masked_status', ctypes.c_ubyte), ('msg_status', ctypes.c_ubyte),
                ('sb_len_wr', ctypes.c_ubyte), ('host_status', ctypes.c_ushort),
                ('driver_status', ctypes.c_ushort), ('resid', ctypes.c_int),
                ('duration', ctypes.c_uint), ('info', ctypes.c_uint)]
n = int(sys.argv[2])
cdb = bytes(int(x, 16) for x in sys.argv[3:])
buf = ctypes.create_string_buffer(max(n, 1))
cdbb = ctypes.create_string_buffer(cdb, len(cdb))
sense = ctypes.create_string_buffer(32)
h = Hdr(interface_id=ord('S'), dxfer_direction=-3 if n else -1,
        cmd_len=len(cdb), mx_sb_len=32, dxfer_len=n,
        dxferp=ctypes.cast(buf, ctypes.c_void_p),
        cmdp=ctypes.cast(cdbb, ctypes.c_void_p),
        sbp=ctypes.cast(sense, ctypes.c_void_p), timeout=60000)
fd = os.open(sys.argv[1], os.O_RDWR)
fcntl.ioctl(fd, 0x2285, h)
print('status=%d host=%d resid=%d' % (h.status, h.host_status, h.resid))
PYEOF
}

# data_bytes FIRST COUNT: bytes FIRST.. of the last data sg_raw -o wrote
data_bytes() {
	od -An -tx1 -v -j "$1" -N "$2" "$TMP/data.bin" | tr -s ' \n' '  ' |
		sed 's/^ //; s/ $//'
}

# ------------------------------------------------ INQUIRY version descriptors
scst_sg_raw "$OUT" "$SG_A" -r 255 -o "$TMP/data.bin" 12 00 00 00 ff 00
ktap_expect_eq "standard INQUIRY: 74 bytes, ADDITIONAL LENGTH 45h" \
	"74 45" "$(stat -c %s "$TMP/data.bin") $(data_bytes 4 1)"
ktap_expect_eq "version descriptors: SAM-5, SPC-4, SBC-3, none for scst_local" \
	"00 a0 04 60 04 c0 00 00" "$(data_bytes 58 8)"

# ------------------------------------------------------------ residuals
# INQUIRY, allocation length 255 into 128 bytes: 74 arrive, not 128
ktap_expect_eq "INQUIRY, allocation length 255, 128-byte buffer: 74 bytes" \
	74 "$(received "$SG_A" -r 128 12 00 00 00 ff 00)"
ktap_expect_eq "INQUIRY, allocation length 20, 96-byte buffer: 20 bytes" \
	20 "$(received "$SG_A" -r 96 12 00 00 00 14 00)"
# alloc_len DESC RLEN OFF SIZE ADD CDB...: a command with an allocation
# length that its data fits into; its data read with a large buffer says
# how long it is (a SIZE byte length field at OFF, plus ADD); with an RLEN
# byte buffer, min(RLEN, that) bytes arrive
alloc_len() {
	local desc=$1 rlen=$2 off=$3 size=$4 add=$5 full

	shift 5
	scst_sg_raw "$OUT" "$SG_A" -r 65535 -o "$TMP/data.bin" "$@"
	full=$((0x$(data_bytes "$off" "$size" | tr -d ' ') + add))
	[ "$full" -le "$rlen" ] || full=$rlen
	ktap_expect_eq "$desc, $rlen-byte buffer: $full bytes" "$full" \
		"$(received "$SG_A" -r "$rlen" "$@")"
}
alloc_len "INQUIRY VPD 80h, allocation length 4096" 1024 2 2 4 \
	12 01 80 10 00 00
ktap_expect_eq "REPORT LUNS, allocation length 4096, 1024-byte buffer: 32" \
	32 "$(received "$SG_A" -r 1024 a0 00 00 00 00 00 00 00 10 00 00 00)"
alloc_len "MODE SENSE(10) all pages, allocation length 65535" 4096 0 2 2 \
	5a 00 3f 00 00 00 00 ff ff 00
alloc_len "RSOC, allocation length 65535" 65535 0 4 4 \
	a3 0c 00 00 00 00 00 00 ff ff 00 00
alloc_len "GET LBA STATUS, allocation length 4096" 1024 0 4 4 \
	9e 12 00 00 00 00 00 00 00 00 00 00 10 00 00 00
ktap_expect_eq "READ(10) of one block into a 4096-byte buffer: 512 bytes" \
	512 "$(received "$SG_A" -r 4096 28 00 00 00 00 00 00 00 01 00)"

# ------------------------------------- the largest transfer the LUN reports
ktap_expect_eq "scst_local takes 8 MiB per command, as Block Limits says" \
	8192 "$(cat /sys/block/"$DISK_B"/queue/max_hw_sectors_kb)"
ktap_expect_eq "READ(16) of 8 MiB through SG_IO" "status=0 host=0 resid=0" \
	"$(sgio "$SG_A" 8388608 88 00 00 00 00 00 00 00 00 00 00 00 40 00 00 00 2>&1)"

# ----------------------------- TAS: control mode page of LUN 0 and LUN 2
# set_tas SG TAS: MODE SELECT(6) of the control page with TAS (QERR 00b)
set_tas() {
	scst_ctl_page "$1" "$TMP/ctl_new.bin" 0 "$2" || return 1
	local n
	n=$(stat -c %s "$TMP/ctl_new.bin")
	scst_sg_raw "$OUT" "$1" 15 10 00 00 "$(printf %02x "$n")" 00 \
		-s "$n" -i "$TMP/ctl_new.bin" &&
		! grep -q '^SCSI Status: Check' "$OUT"
}

SG_A2=$(scst_sg "$(scst_wait_disk "$HA" 2)") &&
	SG_B2=$(scst_sg "$(scst_wait_disk "$HB" 2)")
ktap_result $? "LUN 2 (64 GiB) appears at A and B"
scst_clear_ua "$SG_A2"
scst_clear_ua "$SG_B2"
set_tas "$SG_A2" 1
ktap_result $? "MODE SELECT(6) from A: TAS 1 on LUN 2"
scst_clear_ua "$SG_B2"

# A LOGICAL UNIT RESET from A aborts B's VERIFY(16), BYTCHK 11b, of all
# 64 GiB: it must stop at once, not run to its end (minutes), and end
# with TASK ABORTED.
head -c 512 /dev/zero >"$TMP/blk0"
# shellcheck disable=SC2046
scst_sg_raw "$TMP/verify.out" "$SG_B2" -t 900 -s 512 -i "$TMP/blk0" \
	8f 06 00 00 00 00 00 00 00 00 $(scst_cdb_be 8 $((65536 * 2048))) 00 00 &
VERIFY_PID=$!
# shellcheck disable=SC2317 # called through scst_poll
b_cmds() {
	[ "$(scst_get "$T/sessions/ini_b/active_commands")" = "$1" ]
}
scst_poll "$SCST_WAIT_SECS" b_cmds 1
ktap_result $? "B's VERIFY of 64 GiB is in progress"
sg_reset -d "$SG_A2" >/dev/null 2>&1 &
RESET_PID=$!
scst_poll "$SCST_WAIT_SECS" b_cmds 0
ktap_result $? "the LUN reset ends B's VERIFY within ${SCST_WAIT_SECS}s"
wait "$RESET_PID"
ktap_result $? "LUN reset from A completes"
wait "$VERIFY_PID"
if grep -q '^SCSI Status: Task Aborted' "$TMP/verify.out"; then
	ktap_ok "B's VERIFY ends with TASK ABORTED"
else
	ktap_info "$(cat "$TMP/verify.out")"
	ktap_fail "B's VERIFY ends with TASK ABORTED"
fi
scst_clear_ua "$SG_A2"
scst_clear_ua "$SG_B2"

# ---------- writes under a storm of task management from other nexuses
# With TAS 1, a write another nexus aborts must end with TASK ABORTED
# (and be retried) or have been executed; never GOOD without having run.
# A sends LOGICAL UNIT RESETs and, every fourth time, a TARGET RESET;
# every fifth time a third session, C, is closed by force (I_T nexus
# loss). After every other one of the first resets, A sends ABORT_BATCH
# commands at once that outlive their 1 s SG_IO timeout: VERIFY(16),
# BYTCHK 11b, of the 4 GiB of holes after fio's area, which takes about
# a minute. The midlayer aborts each (eh_abort_handler: ABORT TASK
# through scst_local), which must end it at once: no status,
# DID_TIME_OUT, and a timeout in the disk's iotmo_cnt. No reset is sent
# meanwhile: A's own LUN RESET would end A's VERIFYs before their
# timeout. scst_local counts no task management functions: the count
# of ABORT TASKs is that of the commands ended by them.
set_tas "$SG_A" 1
ktap_result $? "MODE SELECT(6) from A: TAS 1 on LUN 0"
mkdir "$T/sessions/ini_c" || ktap_bail "mkdir session ini_c failed"
# c_uid: unique_id of C's SCSI host; a forced close replaces the host
c_uid() {
	local h

	h=$(scst_find_host $TGT ini_c) &&
		cat "/sys/class/scsi_host/host$h/unique_id"
}
# shellcheck disable=SC2317 # called through scst_poll
c_replaced() {
	local u

	u=$(c_uid) && [ "$u" != "$1" ]
}
UID_C=$(scst_poll "$SCST_WAIT_SECS" c_uid) || ktap_bail "no host for ini_c"
scst_clear_ua "$SG_B"
# abort_batch N: N such VERIFYs from A at once; those ended by the abort
# are added to n_abort, the others' sg_raw output to abort.bad; the time
# the batch took to abort_secs if longer
abort_batch() {
	local i t0 pids=()

	t0=$SECONDS
	for i in $(seq 1 "$1"); do
		# shellcheck disable=SC2046
		scst_sg_raw "$TMP/abort.$i.out" "$SG_A" -t 1 -s 512 -i "$TMP/blk0" \
			8f 06 $(scst_cdb_be 16 $((F0_DATA / 512))) \
			$(scst_cdb_be 8 $((F0_HOLES / 512))) 00 00 &
		pids+=($!)
	done
	for i in $(seq 1 "$1"); do
		# no status (sg_raw shows 0, Good) with the host status
		if ! wait "${pids[$((i - 1))]}" &&
			grep -q 'Host_status=.*DID_TIME_OUT' "$TMP/abort.$i.out" &&
			grep -q '^SCSI Status: Good' "$TMP/abort.$i.out"; then
			n_abort=$((n_abort + 1))
		else
			cat "$TMP/abort.$i.out" >>"$TMP/abort.bad"
		fi
	done
	[ $((SECONDS - t0)) -le "$abort_secs" ] || abort_secs=$((SECONDS - t0))
}
# iotmo DISK: how many commands of DISK timed out (its iotmo_cnt)
iotmo() {
	echo $(($(cat "/sys/block/$1/device/iotmo_cnt")))
}
tmo_a=$(iotmo "$DISK_A")
n_abort=0
abort_sent=0
abort_during=0
abort_secs=0
t_storm=$SECONDS
fio --name=hostile --filename="/dev/$DISK_B" --direct=1 --ioengine=libaio \
	--rw=randwrite --bs=4k --size=16m --iodepth=16 --verify=crc32c \
	--verify_fatal=1 --do_verify=1 --randrepeat=0 --loops=2 \
	--output="$TMP/fio.out" >/dev/null 2>&1 &
FIO_PID=$!
resets=0
resets_failed=0
tmfs="lun=0 target=0 force_close=0"
n_lun=0 n_tgt=0 n_fc=0
while [ "$resets" -lt "$NR_RESETS" ] && kill -0 "$FIO_PID" 2>/dev/null; do
	resets=$((resets + 1))
	if [ $((resets % 4)) = 0 ]; then
		sg_reset -t "$SG_A" >/dev/null 2>&1 ||
			resets_failed=$((resets_failed + 1))
		n_tgt=$((n_tgt + 1))
	else
		sg_reset -d "$SG_A" >/dev/null 2>&1 ||
			resets_failed=$((resets_failed + 1))
		n_lun=$((n_lun + 1))
	fi
	if [ $((resets % 5)) = 0 ]; then
		# each close is over once C's host was replaced
		{ scst_write "$T/sessions/ini_c/force_close" 1 &&
			scst_poll "$SCST_WAIT_SECS" c_replaced "$UID_C" &&
			UID_C=$(c_uid); } || resets_failed=$((resets_failed + 1))
		n_fc=$((n_fc + 1))
	fi
	scst_clear_ua "$SG_A" >/dev/null
	if [ "$abort_sent" -lt "$NR_ABORTS" ] && [ $((resets % 2)) = 1 ]; then
		n=$((NR_ABORTS - abort_sent))
		[ "$n" -le "$ABORT_BATCH" ] || n=$ABORT_BATCH
		kill -0 "$FIO_PID" 2>/dev/null && abort_during=$((abort_during + n))
		abort_batch "$n"
		abort_sent=$((abort_sent + n))
		scst_clear_ua "$SG_A" >/dev/null
	fi
done
tmfs="lun=$n_lun target=$n_tgt force_close=$n_fc abort=$n_abort"
wait "$FIO_PID"
fio_rc=$?
t_storm=$((SECONDS - t_storm))
ktap_info "task management during fio --verify: $tmfs (${t_storm}s)"
if [ "$fio_rc" = 0 ] && grep -q 'err= 0' "$TMP/fio.out" &&
	! grep -qi 'verify.*fail\|bad magic\|verify: bad' "$TMP/fio.out"; then
	ktap_ok "fio --verify at B: every block intact after $tmfs"
else
	ktap_info "$(tail -n 30 "$TMP/fio.out")"
	ktap_fail "fio --verify at B: every block intact after $tmfs"
fi
ktap_expect_eq "every reset and forced close completed" 0 "$resets_failed"
[ -s "$TMP/abort.bad" ] && ktap_info "$(head -n 20 "$TMP/abort.bad")"
tmo_a=$(($(iotmo "$DISK_A") - tmo_a))
ktap_expect_eq "$NR_ABORTS VERIFYs from A, sent while fio ran, ended by ABORT TASK" \
	"sent=$NR_ABORTS during=$NR_ABORTS aborted=$NR_ABORTS timeouts=$NR_ABORTS" \
	"sent=$abort_sent during=$abort_during aborted=$n_abort timeouts=$tmo_a"
ktap_check "each batch of $ABORT_BATCH aborted within ${SCST_WAIT_SECS}s (${abort_secs}s)" \
	[ "$abort_secs" -le "$SCST_WAIT_SECS" ]
# shellcheck disable=SC2317 # called through scst_poll
a_idle() {
	[ "$(scst_get "$T/sessions/ini_a/active_commands")" = 0 ]
}
scst_poll "$SCST_WAIT_SECS" a_idle
ktap_result $? "the aborted VERIFYs are gone (A's active_commands 0)"
ktap_info "A's session: $(scst_get "$T/sessions/ini_a/nr_cmds") commands;" \
	"B's disk: $(iotmo "$DISK_B") timeouts"
rmdir "$T/sessions/ini_c"
ktap_result $? "session C, closed by force $n_fc times, is removed"
set_tas "$SG_A" 0 && scst_clear_ua "$SG_B"
ktap_result $? "MODE SELECT(6) from A: TAS 0 on LUN 0 again"

# ----------------------------------- REPORT LUNS while LUNs come and go
# REPORT LUNS clears REPORTED LUNS DATA HAS CHANGED on every LUN of the
# session while a LUN unmap frees an I_T_L nexus and its unit attentions
# (KASAN reports a use after free in the kernel log checks)
luns_loop() {
	local i bad=0

	for i in $(seq 1 $((NR_CHURN * 10))); do
		sg_luns "$1" >/dev/null 2>&1 || bad=$((bad + 1))
	done
	echo "$bad" >"$TMP/luns_bad.$2"
}
luns_loop "$SG_A" a &
LA=$!
luns_loop "$SG_B" b &
LB=$!
churn_bad=0
L3=$T/luns/3
G=$T/ini_groups/hostile_g
for i in $(seq 1 "$NR_CHURN"); do
	{ mkdir "$L3" && ln -s "$SCST_HANDLERS/vdisk_nullio/hostile_n0" \
		"$L3/device" && rm "$L3/device" && rmdir "$L3"; } 2>/dev/null ||
		churn_bad=$((churn_bad + 1))
	# B moves into a group seeing LUN 0 only, and back
	{ mkdir "$G" && mkdir "$G/luns/0" &&
		ln -s "$SCST_HANDLERS/vdisk_fileio/hostile_f0" "$G/luns/0/device" &&
		mkdir "$G/initiators/ini_b" && rmdir "$G/initiators/ini_b" &&
		rm "$G/luns/0/device" && rmdir "$G/luns/0" && rmdir "$G"; } \
		2>/dev/null || churn_bad=$((churn_bad + 1))
done
wait "$LA" "$LB"
ktap_expect_eq "$NR_CHURN rounds of LUN 3 map/unmap and B's group change" 0 \
	"$churn_bad"
ktap_expect_eq "$((NR_CHURN * 20)) REPORT LUNS at A and B during the churn" \
	"0 0" "$(cat "$TMP/luns_bad.a") $(cat "$TMP/luns_bad.b")"
scst_wait_disk_gone "$HA" 3 && scst_wait_disk_gone "$HB" 3
ktap_result $? "LUN 3 is gone at A and B"
scst_clear_ua "$SG_A"
scst_clear_ua "$SG_B"
ktap_expect_eq "REPORT LUNS at A after the churn: LUNs 0, 1, 2" 32 \
	"$(received "$SG_A" -r 1024 a0 00 00 00 00 00 00 00 10 00 00 00)"
# ------------------------ sessions come and go while another one works
dd if="/dev/$DISK_B" of=/dev/null bs=64k count=1024 iflag=direct status=none \
	2>"$TMP/dd.err" &
DD=$!
sess_bad=0
for i in $(seq 1 "$NR_CHURN"); do
	{ mkdir "$T/sessions/ini_c" && rmdir "$T/sessions/ini_c"; } 2>/dev/null ||
		sess_bad=$((sess_bad + 1))
done
wait "$DD"
ktap_result $? "B reads its 64 MiB while $NR_CHURN sessions log in and out"
ktap_expect_eq "$NR_CHURN session add/remove rounds" 0 "$sess_bad"

# ------------------------------ MODE SELECT through a read-only LUN
# LUN 4 exports hostile_f0 (LUN 0) read-only: the device's mode pages
# are shared by every LUN and initiator, so MODE SELECT through LUN 4 is
# refused with DATA PROTECT, WRITE PROTECTED, and nothing changes.
mkdir "$T/luns/4" && scst_write "$T/luns/4/read_only" 1 &&
	ln -s "$SCST_HANDLERS/vdisk_fileio/hostile_f0" "$T/luns/4/device"
ktap_result $? "LUN 4: hostile_f0 again, read-only"
SG_A4=$(scst_sg "$(scst_wait_disk "$HA" 4)") || ktap_bail "no LUN 4 at A"
scst_clear_ua "$SG_A4"
scst_sg_raw "$OUT" "$SG_A4" 1a 08 08 00 ff 00 -r 255 -o "$TMP/cache.bin"
python3 - "$TMP/cache.bin" "$TMP/cache_new.bin" <<'PYEOF'
import sys
d = bytearray(open(sys.argv[1], 'rb').read())
off = 4 + d[3]
page = d[off:off + 2 + d[off + 1]]
page[0] &= 0x3f		# PS is reserved in MODE SELECT
page[2] ^= 0x04		# WCE
open(sys.argv[2], 'wb').write(bytes(4) + bytes(page))
PYEOF
n=$(stat -c %s "$TMP/cache_new.bin")
scst_sg_raw "$OUT" "$SG_A4" 15 10 00 00 "$(printf %02x "$n")" 00 \
	-s "$n" -i "$TMP/cache_new.bin"
scst_expect_sense "MODE SELECT(6) through the read-only LUN: WRITE PROTECTED" \
	"$OUT" 07 27 00
scst_sg_raw "$OUT" "$SG_A" 1a 08 08 00 ff 00 -r 255 -o "$TMP/cache2.bin"
# the pages after the 4-byte headers (the header's WP bit differs)
ktap_expect_eq "the caching page (WCE) is unchanged at LUN 0" \
	"$(od -An -tx1 -v -j 4 "$TMP/cache.bin")" \
	"$(od -An -tx1 -v -j 4 "$TMP/cache2.bin")"
scst_unmap $TGT 4 && scst_wait_disk_gone "$HA" 4
ktap_result $? "LUN 4 removed"
scst_clear_ua "$SG_A"
scst_clear_ua "$SG_B"

# ----------------------------------------------- a disabled target port
scst_write "$T/enable" 0
ktap_result $? "disable the target with its two sessions"
# aborted: no status, DID_SOFT_ERROR (host status 0Bh) from scst_local
ktap_expect_eq "TEST UNIT READY at A gets no status while the target is disabled" \
	"status=0 host=11 resid=0" "$(sgio "$SG_A" 0 00 00 00 00 00 00 2>&1)"
scst_write "$T/enable" 1 && scst_clear_ua "$SG_A" && sg_turs "$SG_A"
ktap_result $? "TEST UNIT READY at A succeeds once it is enabled again"

scst_check_clean_sessions() {
	[ "$(scst_get "$T/sessions/ini_a/active_commands")" = 0 ] &&
		[ "$(scst_get "$T/sessions/ini_b/active_commands")" = 0 ]
}
scst_poll "$SCST_WAIT_SECS" scst_check_clean_sessions
ktap_result $? "no command left active in either session"

ktap_info "scst_hostile.sh ran for $SECONDS s"
ktap_finish
