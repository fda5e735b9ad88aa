#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Faults injected under the target, each of which must reach the
# initiator as the right status or sense and leave a target that works
# once the faults stop:
#   - fail_make_request on the loop device under a vdisk_blockio LUN:
#     WRITE fails with MEDIUM ERROR, WRITE ERROR; READ with MEDIUM ERROR,
#     UNRECOVERED READ ERROR; afterwards the data written before is there
#   - failslab on SCST's command cache during fio --verify: the commands
#     that cannot be allocated are retried by the initiator (host busy),
#     no block is lost
#   - failslab on every allocation of the process making configfs
#     objects: each mkdir or link fails with ENOMEM and leaves nothing
#     behind, and succeeds once the fault stops
[ -n "${BASH_VERSION:-}" ] || exec /bin/bash "$0" "$@"
. "$(dirname "$0")/scst_lib.sh"

FI=/sys/kernel/debug
scst_require_cmds sg_raw sg_turs losetup fio truncate
scst_init
[ -d $FI/fail_make_request ] && [ -d $FI/failslab ] ||
	ktap_skip_all "no fault injection (CONFIG_FAIL_MAKE_REQUEST, CONFIG_FAILSLAB," \
		"CONFIG_FAULT_INJECTION_DEBUG_FS)"
ktap_plan 14

TGT=faults_tgt
T=$SCST_LOCAL/$TGT
TMP=$(scst_tmpdir)
OUT=$TMP/sg_raw.out
MIB=1048576
LOOP=
NR_CONFIG=${SCST_FAULTS_CONFIG:-12}

faults_off() {
	echo 0 >$FI/fail_make_request/probability
	echo 0 >$FI/failslab/probability
	echo Y >$FI/failslab/ignore-gfp-wait
	echo 0 >$FI/failslab/cache-filter 2>/dev/null
	echo 0 >/sys/kernel/slab/scst_cmd/failslab 2>/dev/null
	[ -n "$LOOP" ] && echo 0 >/sys/block/"${LOOP#/dev/}"/make-it-fail
}
cleanup_faults() {
	faults_off
	scst_cleanup
	[ -n "$LOOP" ] && losetup -d "$LOOP" 2>/dev/null
}
trap cleanup_faults EXIT

# inject DIR TIMES: always fail, at most TIMES times, quietly, also
# allocations that may sleep (failslab ignores those by default)
inject() {
	[ ! -e "$FI/$1/ignore-gfp-wait" ] || echo N >"$FI/$1/ignore-gfp-wait"
	echo 0 >"$FI/$1/verbose"
	echo 0 >"$FI/$1/interval"
	echo 0 >"$FI/$1/space"
	echo "$2" >"$FI/$1/times"
	echo 100 >"$FI/$1/probability"
}
# injected DIR TIMES: how many of TIMES were used
injected() {
	echo $(($2 - $(cat "$FI/$1/times")))
}

# ------------------------------------ fail_make_request under blockio
truncate -s $((16 * MIB)) "$TMP/blk.img"
LOOP=$(losetup -f --show "$TMP/blk.img") || ktap_bail "losetup failed"
scst_mk_target $TGT
_scst_mkdev vdisk_blockio faults_blk "filename=$LOOP"
scst_map $TGT 0 faults_blk
scst_setup_disk $TGT ini_a 0
SG=$SCST_SGDEV
scst_clear_ua "$SG"
head -c 4096 /dev/urandom >"$TMP/pat"
scst_sg_raw "$OUT" "$SG" -s 4096 -i "$TMP/pat" 2a 00 00 00 00 00 00 00 08 00
ktap_result $? "WRITE(10) of 8 blocks before the faults"

echo 1 >/sys/block/"${LOOP#/dev/}"/make-it-fail
inject fail_make_request 1000
scst_sg_raw "$OUT" "$SG" -s 4096 -i "$TMP/pat" 2a 00 00 00 01 00 00 00 08 00
scst_expect_sense "WRITE(10) under fail_make_request: MEDIUM ERROR, WRITE ERROR" \
	"$OUT" 03 0c 00
scst_sg_raw "$OUT" "$SG" -r 4096 28 00 00 00 00 00 00 00 08 00
scst_expect_sense "READ(10) under fail_make_request: MEDIUM ERROR, UNRECOVERED READ ERROR" \
	"$OUT" 03 11 00
n_mr=$(injected fail_make_request 1000)
ktap_check "fail_make_request failed bios ($n_mr)" [ "$n_mr" -ge 2 ]
faults_off
scst_sg_raw "$OUT" "$SG" -r 4096 -o "$TMP/rd" 28 00 00 00 00 00 00 00 08 00 &&
	cmp -s "$TMP/pat" "$TMP/rd"
ktap_result $? "after the faults, READ(10) returns the blocks written before"
sg_turs "$SG" >/dev/null 2>&1
ktap_result $? "TEST UNIT READY: the LUN serves again"

# --------------------------------- failslab on SCST's command cache
# scst_local's queuecommand cannot allocate the command and reports the
# host busy; the midlayer retries, so fio sees nothing but delays.
scst_mk_fileio faults_f0 "$TMP/f0.img" $((32 * MIB))
scst_map $TGT 1 faults_f0
DISK1=$(scst_wait_disk "$SCST_HOSTNO" 1) || ktap_bail "no LUN 1"
scst_clear_ua "$(scst_sg "$DISK1")"
if [ -e /sys/kernel/slab/scst_cmd/failslab ]; then
	echo 1 >$FI/failslab/cache-filter
	echo 1 >/sys/kernel/slab/scst_cmd/failslab
	inject failslab 200
	echo 20 >$FI/failslab/probability
	fio --name=faults --filename="/dev/$DISK1" --direct=1 --ioengine=libaio \
		--rw=randwrite --bs=4k --size=8m --iodepth=8 --verify=crc32c \
		--verify_fatal=1 --do_verify=1 --randrepeat=0 \
		--output="$TMP/fio.out" >/dev/null 2>&1
	fio_rc=$?
	n_slab=$(injected failslab 200)
	faults_off
	ktap_result $fio_rc "fio --verify under failslab on scst_cmd: no error, no bad block"
	ktap_info "scst_cmd allocations failed: $n_slab"
	ktap_check "some scst_cmd allocations failed ($n_slab)" [ "$n_slab" -ge 1 ]
else
	ktap_skip "fio --verify under failslab on scst_cmd: no /sys/kernel/slab"
	ktap_skip "some scst_cmd allocations failed: no /sys/kernel/slab"
	n_slab=0
fi
sg_turs "$(scst_sg "$DISK1")" >/dev/null 2>&1
ktap_result $? "TEST UNIT READY at LUN 1 after the faults"

# ------------------------------ failslab on configuration, by process
# Each operation runs in a process whose slab allocations fail once the
# first SPACE bytes have been allocated (failslab space, task-filter),
# for SPACE = 0, 64, 128, ... (steps of a quarter beyond 256 bytes)
# until it succeeds under the fault, so that allocations all along its
# path fail. Each failure must be ENOMEM and leave nothing behind.
# try_op SPACE OP ARG...: OP (mkdir, symlink or rmdir) in such a process;
# prints "ok" or the errno name
try_op() {
	local space=$1

	shift
	echo 1 >$FI/failslab/task-filter
	inject failslab 1
	echo "$space" >$FI/failslab/space
	python3 - "$@" <<'PYEOF'
import errno, os, sys
fd = os.open('/proc/self/make-it-fail', os.O_WRONLY)
os.write(fd, b'1')
try:
    os.close(fd)
    if sys.argv[1] == 'mkdir':
        os.mkdir(sys.argv[2])
    elif sys.argv[1] == 'symlink':
        os.symlink(sys.argv[2], sys.argv[3])
    print('ok')
except OSError as e:
    print(errno.errorcode.get(e.errno, str(e.errno)))
PYEOF
	echo 0 >$FI/failslab/probability
	echo 0 >$FI/failslab/space
	echo 0 >$FI/failslab/task-filter
}
# sweep DESC PATH OP ARG...: sweep OP (whose result is PATH) as above;
# prints the misbehaviours, nothing if none
sweep() {
	local desc=$1 path=$2 space=0 res bad=

	shift 2
	while [ "$space" -le $((1024 * 1024)) ]; do
		res=$(try_op "$space" "$@")
		if [ "$res" = ok ]; then
			[ "$space" != 0 ] || bad="$bad [no fault injected]"
			break
		fi
		echo "$desc $space" >>"$TMP/cfg_faults"
		[ "$res" = ENOMEM ] || bad="$bad [space $space: $res]"
		if [ -e "$path" ] || [ -L "$path" ]; then
			bad="$bad [space $space: left behind]"
			rm -f "$path" 2>/dev/null || rmdir "$path" 2>/dev/null
		fi
		if [ "$space" -lt 256 ]; then
			space=$((space + 64))
		else
			space=$((space + space / 4))
		fi
	done
	[ "$res" = ok ] || bad="$bad [never succeeded: $res]"
	echo "$bad"
}
DEV=$SCST_HANDLERS/vdisk_nullio/faults_n
ktap_expect_eq "mkdir of a device under failslab: ENOMEM, nothing left" "" \
	"$(sweep device "$DEV" mkdir "$DEV")"
scst_set "$DEV/enable" 1
ktap_expect_eq "mkdir of a LUN under failslab: ENOMEM, nothing left" "" \
	"$(sweep lun "$T/luns/5" mkdir "$T/luns/5")"
ktap_expect_eq "linking a LUN under failslab: ENOMEM, no link" "" \
	"$(sweep link "$T/luns/5/device" symlink "$DEV" "$T/luns/5/device")"
ktap_expect_eq "mkdir of a session under failslab: ENOMEM, nothing left" "" \
	"$(sweep session "$T/sessions/ini_f" mkdir "$T/sessions/ini_f")"
n_cfg=$(cat "$TMP/cfg_faults" 2>/dev/null | wc -l)
ktap_info "configuration operations failed by failslab: $n_cfg"
HF=$(scst_poll "$SCST_WAIT_SECS" scst_find_host $TGT ini_f) &&
	scst_wait_disk "$HF" 5 >/dev/null
ktap_result $? "the session made after the faults sees LUN 5"
ktap_info "faults injected: fail_make_request $n_mr," \
	"failslab on scst_cmd $n_slab, failslab on configuration $n_cfg"
ktap_finish
