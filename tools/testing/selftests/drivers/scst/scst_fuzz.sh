#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A seeded random-CDB campaign: scst_cdb_fuzz sends SCST_FUZZ_COUNT
# (default 25000) commands through SG_IO to each of four LUNs of one
# scst_local target, a vdisk_fileio, a vdisk_blockio (on a loop device),
# a vdisk_nullio and a vcdrom LUN, all four at the same time. Mostly
# well-formed SPC, SBC and MMC commands with random fields, random data
# directions and transfer lengths, the rest random bytes: each must
# complete with a valid status and valid sense data, none may hang, and
# the kernel must not warn. The first half of each disk is protected: the
# campaign writes and unmaps only the other half, so a pattern written
# there before must read back unchanged; the vcdrom image must be
# unchanged. Afterwards each LUN must answer TEST UNIT READY.
#
# SCST_FUZZ_SEED=S replays a run (the LUNs use seeds S, S+1, S+2, S+3);
# a single failing command is replayed with the line scst_cdb_fuzz prints.
[ -n "${BASH_VERSION:-}" ] || exec /bin/bash "$0" "$@"
. "$(dirname "$0")/scst_lib.sh"

scst_require_cmds sg_raw sg_turs sg_start sg_prevent sg_dd dd cmp head od \
	truncate
scst_init
ktap_plan 16

TGT=fuzz_tgt
INI=fuzz_ini
T=$SCST_LOCAL/$TGT
TMP=$(scst_tmpdir)
MIB=1048576
SIZE=$((16 * MIB))	# each LUN
PROT=$((8 * MIB))	# the protected first half
COUNT=${SCST_FUZZ_COUNT:-25000}
# a safety net, so that an overloaded host does not make the test time out
# before its checks: each run stops after this many seconds
BUDGET=${SCST_FUZZ_TIME:-420}
SEED=${SCST_FUZZ_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
HERE=$(cd "$(dirname "$0")" && pwd)
FUZZ=$TMP/scst_cdb_fuzz
LOOP=
VCDROM_LOADED=0

# The SCST devices hold the loop device and the vcdrom module open.
# shellcheck disable=SC2317
cleanup() {
	scst_cleanup
	if [ -n "$LOOP" ]; then
		losetup -d "$LOOP" 2>/dev/null
		LOOP=
	fi
	if [ "$VCDROM_LOADED" = 1 ]; then
		rmmod scst_vcdrom 2>/dev/null
		VCDROM_LOADED=0
	fi
}
trap cleanup EXIT

# cpu_busy: "BUSY TOTAL" jiffies of all CPUs from /proc/stat
cpu_busy() {
	local _ user nice sys idle iowait irq softirq steal

	read -r _ user nice sys idle iowait irq softirq steal _ </proc/stat
	echo "$((user + nice + sys + irq + softirq + steal))" \
		"$((user + nice + sys + idle + iowait + irq + softirq + steal))"
}

# lun_sg HOST LUN: the sg node of LUN of SCSI host HOST (any device type)
# shellcheck disable=SC2317
lun_sg() {
	local d=/sys/class/scsi_host/host$1/device s

	for s in "$d"/target"$1":*/"$1":*:*:"$2"/scsi_generic/sg*; do
		[ -e "$s" ] && [ -c "/dev/${s##*/}" ] && echo "/dev/${s##*/}" &&
			return 0
	done
	return 1
}

# A private copy of the program: the tree it comes from may be rebuilt
# while the campaign runs. If it has not been built (or a concurrent
# update of the tree removed it), build it from its source here.
if [ -x "$HERE/scst_cdb_fuzz" ]; then
	cp "$HERE/scst_cdb_fuzz" "$FUZZ" || ktap_bail "cannot copy scst_cdb_fuzz"
elif [ -f "$HERE/scst_cdb_fuzz.c" ] && command -v gcc >/dev/null 2>&1; then
	ktap_info "scst_cdb_fuzz is not built: building it with gcc"
	gcc -Wall -Wextra -O1 -o "$FUZZ" "$HERE/scst_cdb_fuzz.c" ||
		ktap_bail "cannot build scst_cdb_fuzz"
else
	ktap_bail "scst_cdb_fuzz is not built (make -C $HERE)"
fi

# ---------------------------------------------- the LUNs

# LUN i: NAME[i], its sg node SG[i], its disk DISK[i] (none for vcdrom),
# its block size BS[i], and WHY[i] it is missing, if it is
NAME=(fileio blockio nullio vcdrom)
SG=()
DISK=()
WHY=()
BS=(512 512 512 2048)

scst_mk_target $TGT
truncate -s $SIZE "$TMP/fileio.img" || ktap_bail "cannot create fileio.img"
scst_mk_fileio fz_file "$TMP/fileio.img" $SIZE
scst_map $TGT 0 fz_file

truncate -s $SIZE "$TMP/blockio.img" || ktap_bail "cannot create blockio.img"
if [ ! -e /dev/loop-control ]; then
	WHY[1]="no /dev/loop-control (CONFIG_BLK_DEV_LOOP)"
elif ! command -v losetup >/dev/null 2>&1; then
	WHY[1]="losetup is not installed"
elif ! LOOP=$(losetup -f --show "$TMP/blockio.img" 2>"$TMP/err"); then
	WHY[1]="losetup failed: $(cat "$TMP/err")"
	LOOP=
else
	_scst_mkdev vdisk_blockio fz_blk "filename=$LOOP"
	scst_map $TGT 1 fz_blk
fi

scst_mk_nullio fz_null size=$SIZE
scst_map $TGT 2 fz_null

# the disc: 16 MiB of random data (vcdrom reads any image)
head -c $SIZE /dev/urandom >"$TMP/disc.iso" || ktap_bail "cannot create disc.iso"
cp "$TMP/disc.iso" "$TMP/disc.orig"
if ! grep -q '^scst_vcdrom ' /proc/modules; then
	if modprobe scst_vcdrom 2>"$TMP/err"; then
		VCDROM_LOADED=1
	else
		WHY[3]="scst_vcdrom does not load: $(cat "$TMP/err")"
	fi
fi
if [ -z "${WHY[3]}" ]; then
	_scst_mkdev vcdrom fz_cd "filename=$TMP/disc.iso"
	scst_map $TGT 3 fz_cd
fi

scst_mk_session $TGT $INI
H=$SCST_HOSTNO
for i in 0 1 2; do
	[ -n "${WHY[$i]}" ] && continue
	scst_get_disk "$H" $i
	DISK[i]=$SCST_DISK
	SG[i]=$SCST_SGDEV
done
if [ -z "${WHY[3]}" ]; then
	SG[3]=$(scst_poll "$SCST_WAIT_SECS" lun_sg "$H" 3) ||
		ktap_bail "no sg node for the vcdrom LUN of host $H"
fi
for i in 0 1 2 3; do
	[ -n "${SG[$i]}" ] && scst_clear_ua "${SG[$i]}"
done
ktap_info "LUNs: fileio ${DISK[0]} ${SG[0]}, blockio ${DISK[1]:-none} ${SG[1]:-}," \
	"nullio ${DISK[2]} ${SG[2]}, vcdrom ${SG[3]:-none}; loop ${LOOP:-none}"

# the pattern in the protected half of the writable disks with data
for i in 0 1; do
	[ -n "${WHY[$i]}" ] && continue
	head -c $PROT /dev/urandom >"$TMP/pat$i"
	dd if="$TMP/pat$i" of="/dev/${DISK[$i]}" bs=$MIB oflag=direct \
		conv=notrunc status=none ||
		ktap_bail "cannot write the pattern to ${DISK[$i]}"
done

# ---------------------------------------------- the campaign

ktap_info "seed $SEED: $COUNT CDBs per LUN, at most $BUDGET s" \
	"(SCST_FUZZ_SEED, SCST_FUZZ_COUNT, SCST_FUZZ_TIME)"
PID=()
t0=$SECONDS
read -r busy0 total0 <<<"$(cpu_busy)"
for i in 0 1 2 3; do
	[ -n "${SG[$i]}" ] || continue
	bs=${BS[$i]}
	"$FUZZ" -n "$COUNT" -s $((SEED + i)) -b "$bs" -c $((SIZE / bs)) \
		-p 0:$((PROT / bs)) -t "$BUDGET" "${SG[$i]}" \
		>"$TMP/fuzz$i.out" 2>&1 &
	PID[i]=$!
done
RC=()
for i in 0 1 2 3; do
	[ -n "${PID[$i]}" ] || continue
	wait "${PID[$i]}"
	RC[i]=$?
done
secs=$((SECONDS - t0))
read -r busy1 total1 <<<"$(cpu_busy)"

sum_good=0 sum_check=0 sum_rej=0 sum_fail=0 sum_sent=0
for i in 0 1 2 3; do
	[ -n "${PID[$i]}" ] || continue
	ktap_info "--- ${NAME[$i]} (${SG[$i]}): scst_cdb_fuzz exit status ${RC[$i]}"
	ktap_info "$(sed 's/^# \{0,1\}//' "$TMP/fuzz$i.out")"
	tot=$(sed -n 's/^# totals //p' "$TMP/fuzz$i.out")
	for kv in $tot; do
		case $kv in
		sent=*) sum_sent=$((sum_sent + ${kv#*=})) ;;
		good=*) sum_good=$((sum_good + ${kv#*=})) ;;
		check=*) sum_check=$((sum_check + ${kv#*=})) ;;
		rejected=*) sum_rej=$((sum_rej + ${kv#*=})) ;;
		failures=*) sum_fail=$((sum_fail + ${kv#*=})) ;;
		esac
	done
done
ktap_info "campaign: $sum_sent CDBs over ${#PID[@]} LUNs in ${secs} s:" \
	"GOOD $sum_good, CHECK CONDITION $sum_check, rejected by sg $sum_rej," \
	"failures $sum_fail; the CPUs were busy" \
	"$((100 * (busy1 - busy0) / (total1 - total0 + 1)))% of the time"

for i in 0 1 2 3; do
	if [ -z "${PID[$i]}" ]; then
		ktap_skip "${NAME[$i]}: the campaign: ${WHY[$i]}"
		continue
	fi
	got=$(sed -n 's/^# totals sent=\([0-9]*\) .* failures=\([0-9]*\)$/\1 \2/p' \
		"$TMP/fuzz$i.out")
	if grep -q '^# time budget' "$TMP/fuzz$i.out"; then
		ktap_info "${NAME[$i]}: stopped by the time budget of $BUDGET s (SCST_FUZZ_TIME)"
	fi
	ktap_expect_eq "${NAME[$i]}: $COUNT CDBs sent, 0 failures, exit status 0" \
		"sent $COUNT failures 0 exit 0" \
		"sent ${got% *} failures ${got#* } exit ${RC[$i]}"
done

# ---------------------------------------------- afterwards

# Undo what the campaign may have left: a prevented medium removal, an
# ejected disc, a reservation; then the unit attentions.
for i in 0 1 2 3; do
	[ -n "${SG[$i]}" ] || continue
	if [ "$i" = 3 ]; then
		sg_prevent --allow "${SG[$i]}" >/dev/null 2>&1
		sg_start --load "${SG[$i]}" >/dev/null 2>&1
	fi
	sg_raw "${SG[$i]}" 17 00 00 00 00 00 >/dev/null 2>&1	# RELEASE(6)
	scst_clear_ua "${SG[$i]}"
done
for i in 0 1 2 3; do
	if [ -z "${SG[$i]}" ]; then
		ktap_skip "${NAME[$i]}: TEST UNIT READY: ${WHY[$i]}"
		continue
	fi
	sg_turs "${SG[$i]}" >"$TMP/tur.out" 2>&1
	rc=$?
	[ "$rc" = 0 ] || ktap_info "$(cat "$TMP/tur.out")"
	ktap_expect_eq "${NAME[$i]}: TEST UNIT READY after the campaign: GOOD" \
		"sg_turs exit status 0" "sg_turs exit status $rc"
done

# the protected data
for i in 0 1; do
	if [ -n "${WHY[$i]}" ]; then
		ktap_skip "${NAME[$i]}: the protected data: ${WHY[$i]}"
		continue
	fi
	rm -f "$TMP/rd"
	dd if="/dev/${DISK[$i]}" of="$TMP/rd" bs=$MIB count=$((PROT / MIB)) \
		iflag=direct status=none
	cmp "$TMP/pat$i" "$TMP/rd" >"$TMP/cmp.out" 2>&1
	rc=$?
	[ "$rc" = 0 ] || ktap_info "$(cat "$TMP/cmp.out")"
	ktap_result "$rc" "${NAME[$i]}: the protected 8 MiB read back byte-identical"
done
head -c $MIB /dev/zero >"$TMP/zero"
rm -f "$TMP/rd"
dd if="/dev/${DISK[2]}" of="$TMP/rd" bs=$MIB count=1 iflag=direct status=none
cmp "$TMP/zero" "$TMP/rd" >"$TMP/cmp.out" 2>&1
rc=$?
[ "$rc" = 0 ] || ktap_info "$(cat "$TMP/cmp.out")"
ktap_result "$rc" "nullio: the first MiB still reads as zeroes"
if [ -n "${WHY[3]}" ]; then
	ktap_skip "vcdrom: the image: ${WHY[3]}"
else
	rm -f "$TMP/rd"
	sg_dd if="${SG[3]}" of="$TMP/rd" bs=2048 count=$((PROT / 2048)) \
		>"$TMP/cmp.out" 2>&1 &&
		cmp -n $PROT "$TMP/disc.orig" "$TMP/rd" >>"$TMP/cmp.out" 2>&1 &&
		cmp "$TMP/disc.orig" "$TMP/disc.iso" >>"$TMP/cmp.out" 2>&1
	rc=$?
	[ "$rc" = 0 ] || ktap_info "$(cat "$TMP/cmp.out")"
	ktap_result "$rc" "vcdrom: the image is unchanged, its first 8 MiB read back"
fi

ktap_expect_eq "no command left in flight" 0 \
	"$(scst_get "$T/sessions/$INI/active_commands")"
scst_check_clean "cleanup leaves an empty configfs tree"
if [ -z "$LOOP" ]; then
	ktap_skip "loop device detached: ${WHY[1]}"
else
	losetup -d "$LOOP"
	ktap_result $? "loop device $LOOP detached"
	LOOP=
fi
if [ "$VCDROM_LOADED" = 1 ]; then
	rmmod scst_vcdrom
	ktap_result $? "rmmod scst_vcdrom (loaded by this test)"
	VCDROM_LOADED=0
else
	ktap_skip "rmmod scst_vcdrom: not loaded by this test"
fi
ktap_info "scst_fuzz.sh ran for $SECONDS s"
ktap_finish
