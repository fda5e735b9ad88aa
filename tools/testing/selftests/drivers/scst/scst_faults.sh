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
#   - fail_page_alloc restricted by its stack trace filter to the code
#     of SCST's modules during fio --verify with 1 MiB writes to a new
#     vdisk_fileio LUN: each page SCST cannot allocate for a write ends
#     the command with BUSY, which the initiator retries: exactly one
#     command more per failure, no data counted for it, no error at
#     fio, no block lost, and the LUN serves once the faults stop
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
ktap_plan 20

TGT=faults_tgt
T=$SCST_LOCAL/$TGT
TMP=$(scst_tmpdir)
OUT=$TMP/sg_raw.out
MIB=1048576
LOOP=
NR_CONFIG=${SCST_FAULTS_CONFIG:-12}
# page allocations failed in SCST's code
NR_PAGE=${SCST_FAULTS_PAGE_ALLOC:-16}
FPA=$FI/fail_page_alloc

faults_off() {
	echo 0 >$FI/fail_make_request/probability
	echo 0 >$FI/failslab/probability
	if [ -e $FPA/require-start ]; then
		echo 0 >$FPA/probability
		echo 0 >$FPA/require-start
		echo 0xffffffffffffffff >$FPA/require-end
		echo Y >$FPA/ignore-gfp-wait
		echo Y >$FPA/ignore-gfp-highmem
		echo 1 >$FPA/min-order
	fi
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

# --------------------------- fail_page_alloc in SCST's code, under fio
# The stack trace filter fails only page allocations with a return
# address in [require-start, require-end) among the innermost
# stacktrace-depth frames: the range spans the code (text symbols in
# /proc/kallsyms) of the scst* modules, which must hold no other
# module's code. scst_local hands SCST the initiator's data buffers, so
# the pages SCST allocates for a write are those of the backing file's
# page cache (tmpfs, GFP_HIGHUSER_MOVABLE: hence ignore-gfp-highmem N
# and ignore-gfp-wait N), allocated by vdisk_fileio's vfs_iter_write()
# in the context of the initiator's queuecommand or of an SCST thread.
# fio writes 8 MiB sequentially, 1 MiB per command, to a new file: its
# first write fails NR_PAGE times, -ENOMEM each time, which vdisk
# reports as BUSY and the midlayer retries.

# scst_text_range: "START END FOREIGN": from the lowest text symbol of the
# scst* modules to the next symbol after their highest one, and how many
# other modules have code in that range
scst_text_range() {
	python3 - <<'PYEOF'
syms = []
for line in open('/proc/kallsyms'):
    f = line.split()
    mod = f[3].strip('[]') if len(f) > 3 else ''
    syms.append((int(f[0], 16), f[1] in 'tT', mod.startswith('scst')))
text = [a for a, t, ours in syms if t and ours]
if not text or min(text) == 0:
    raise SystemExit(1)
lo, hi = min(text), max(text)
end = min([a for a, _, _ in syms if a > hi] or [hi + 4096])
foreign = [a for a, t, ours in syms if t and not ours and lo <= a < end]
print('%#x %#x %d' % (lo, end, len(foreign)))
PYEOF
}
# fio_ios FILE: the reads and writes fio says it issued
fio_ios() {
	sed -n 's/.*issued rwts: total=\([0-9]*\),\([0-9]*\),.*/\1 \2/p' "$1" |
		awk '{ n += $1 + $2 } END { print n + 0 }'
}
scst_mk_fileio faults_f2 "$TMP/f2.img" $((32 * MIB))
scst_map $TGT 2 faults_f2
DISK2=$(scst_wait_disk "$SCST_HOSTNO" 2) || ktap_bail "no LUN 2"
SG2=$(scst_sg "$DISK2") || ktap_bail "no sg node for LUN 2"
scst_clear_ua "$SG2"
S=$T/sessions/ini_a
n_page=0
if [ ! -e $FPA/require-start ]; then
	for i in $(seq 1 5); do
		ktap_skip "fail_page_alloc: no CONFIG_FAIL_PAGE_ALLOC with" \
			"CONFIG_FAULT_INJECTION_STACKTRACE_FILTER"
	done
elif ! read -r lo hi foreign <<<"$(scst_text_range)" || [ -z "$foreign" ]; then
	ktap_fail "the code of SCST's modules in /proc/kallsyms"
	for i in $(seq 1 4); do
		ktap_skip "fail_page_alloc: no address range of SCST's code"
	done
else
	ktap_info "SCST's code: $lo..$hi"
	ktap_expect_eq "the range of SCST's code holds no other module's code" \
		0 "$foreign"
	echo "$lo" >$FPA/require-start
	echo "$hi" >$FPA/require-end
	echo 32 >$FPA/stacktrace-depth
	echo N >$FPA/ignore-gfp-highmem
	echo 0 >$FPA/min-order
	c0=$(scst_get "$S/nr_cmds")
	w0=$(scst_get "$S/write_bytes")
	e0=$(($(cat "/sys/block/$DISK2/device/ioerr_cnt")))
	inject fail_page_alloc "$NR_PAGE"
	fio --name=pagealloc --filename="/dev/$DISK2" --direct=1 --ioengine=libaio \
		--rw=write --bs=1m --size=8m --iodepth=4 --verify=crc32c \
		--verify_fatal=1 --do_verify=1 --output="$TMP/fio2.out" >/dev/null 2>&1
	fio_rc=$?
	n_page=$(injected fail_page_alloc "$NR_PAGE")
	faults_off
	if [ "$fio_rc" = 0 ] && grep -q 'err= 0' "$TMP/fio2.out"; then
		ktap_ok "fio --verify under fail_page_alloc: no error, no bad block"
	else
		ktap_info "fio exit status $fio_rc:"
		ktap_info "$(tail -n 30 "$TMP/fio2.out")"
		ktap_fail "fio --verify under fail_page_alloc: no error, no bad block"
	fi
	ktap_expect_eq "fail_page_alloc failed $NR_PAGE page allocations in SCST" \
		"$NR_PAGE" "$n_page"
	ios=$(fio_ios "$TMP/fio2.out")
	c1=$(($(scst_get "$S/nr_cmds") - c0))
	w1=$(($(scst_get "$S/write_bytes") - w0))
	# A command may meet more than one failure before it is answered
	# BUSY: the retries are the commands the initiator saw fail
	# (ioerr_cnt), at least one and at most one per failure.
	e1=$(($(cat "/sys/block/$DISK2/device/ioerr_cnt") - e0))
	in_range=no
	[ "$e1" -ge 1 ] && [ "$e1" -le "$NR_PAGE" ] && in_range=yes
	ktap_expect_eq "each failed command is a BUSY, retried: $ios + $e1 commands" \
		"cmds=$((ios + e1)) write_bytes=$((8 * MIB)) retries_1_to_$NR_PAGE=yes" \
		"cmds=$c1 write_bytes=$w1 retries_1_to_$NR_PAGE=$in_range"
	dd if="/dev/$DISK2" iflag=direct bs=$MIB count=8 2>/dev/null |
		cmp -n $((8 * MIB)) - "$TMP/f2.img" >"$OUT" 2>&1
	ktap_result $? "the disk and the backing file hold the same 8 MiB"
fi
head -c $MIB /dev/urandom >"$TMP/pat2"
sg_turs "$SG2" >/dev/null 2>&1 &&
	dd if="$TMP/pat2" of="/dev/$DISK2" bs=$MIB seek=16 oflag=direct status=none &&
	dd if="/dev/$DISK2" iflag=direct bs=$MIB skip=16 count=1 2>/dev/null |
	cmp - "$TMP/pat2" >"$OUT" 2>&1
ktap_result $? "after the faults: TEST UNIT READY, 1 MiB written at LUN 2 reads back"

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
	"failslab on scst_cmd $n_slab, failslab on configuration $n_cfg," \
	"fail_page_alloc in SCST $n_page"
ktap_info "scst_faults.sh ran for $SECONDS s"
ktap_finish
