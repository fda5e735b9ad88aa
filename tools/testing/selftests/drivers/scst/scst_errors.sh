#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Error reporting: commands sent with sg_raw that SCST must refuse get
# CHECK CONDITION with exactly the sense key and additional sense code
# SPC-4/SBC-3 require; commands right at the limits succeed.
[ -n "${BASH_VERSION:-}" ] || exec /bin/bash "$0" "$@"
. "$(dirname "$0")/scst_lib.sh"

scst_require_cmds sg_raw sg_turs cmp dd head
scst_init
ktap_plan 31

TGT=err_tgt
INI=err_ini
T=$SCST_LOCAL/$TGT
TMP=$(scst_tmpdir)
OUT=$TMP/sg_raw.out
ZERO=$TMP/zero
head -c 65536 /dev/zero >"$ZERO"

# sense key, ASC, ASCQ (SPC-4 4.5.6, D.1)
INVALID_OPCODE="05 20 00"	# ILLEGAL REQUEST, INVALID COMMAND OPERATION CODE
LBA_OUT_OF_RANGE="05 21 00"	# ILLEGAL REQUEST, LBA OUT OF RANGE
INVALID_FIELD_IN_CDB="05 24 00"	# ILLEGAL REQUEST, INVALID FIELD IN CDB
WRITE_PROTECTED="07 27 00"	# DATA PROTECT, WRITE PROTECTED

NR_BLOCKS=16384 # err_null: 8 MiB of 512 byte blocks
NR_4K=1024 # err_4k: 4 MiB of 4096 byte blocks

scst_mk_target $TGT
scst_mk_nullio err_null size=$((NR_BLOCKS * 512))
scst_mk_nullio err_ro size=$((4 * 1048576)) read_only=1
scst_mk_nullio err_lro size=$((4 * 1048576))
scst_mk_nullio err_4k size=$((NR_4K * 4096)) blocksize=4096
scst_map $TGT 0 err_null
scst_map $TGT 1 err_ro
mkdir "$T/luns/2" && scst_set "$T/luns/2/read_only" 1
scst_map $TGT 2 err_lro
scst_map $TGT 3 err_4k
scst_setup_disk $TGT $INI 0
H=$SCST_HOSTNO
SG=$SCST_SGDEV
DISK=$SCST_DISK
scst_get_disk "$H" 1
SG_RO=$SCST_SGDEV
DISK_RO=$SCST_DISK
scst_get_disk "$H" 2
SG_LRO=$SCST_SGDEV
DISK_LRO=$SCST_DISK
scst_get_disk "$H" 3
SG_4K=$SCST_SGDEV
for s in "$SG" "$SG_RO" "$SG_LRO" "$SG_4K"; do
	scst_clear_ua "$s"
done

# check DESC "KEY ASC ASCQ" SG CDB...: the command gets that sense
check() {
	local desc=$1 key asc ascq

	read -r key asc ascq <<<"$2"
	shift 2
	scst_sg_raw "$OUT" "$@"
	scst_expect_sense "$desc" "$OUT" "$key" "$asc" "$ascq"
}

# good DESC BYTES SG CDB...: a READ-like command succeeds with BYTES of
# data in, all zeroes (the devices here are vdisk_nullio)
good() {
	local desc=$1 n=$2 rc

	shift 2
	rm -f "$TMP/data"
	scst_sg_raw "$OUT" -r "$n" -o "$TMP/data" "$@"
	rc=$?
	if [ "$rc" = 0 ] && grep -q '^SCSI Status: Good' "$OUT" &&
		[ "$(stat -c %s "$TMP/data" 2>/dev/null)" = "$n" ] &&
		cmp -s -n "$n" "$TMP/data" /dev/zero; then
		ktap_ok "$desc"
	else
		ktap_info "sg_raw exit status $rc:"
		ktap_info "$(cat "$OUT")"
		ktap_fail "$desc"
	fi
}

be() {
	scst_cdb_be "$@"
}

# -- opcodes
check "vendor specific opcode C0h: INVALID COMMAND OPERATION CODE" \
	"$INVALID_OPCODE" "$SG" c0 00 00 00 00 00 00 00 00 00
# shellcheck disable=SC2046
check "SERVICE ACTION IN(16) with unknown SA 1Fh: INVALID COMMAND OPERATION CODE" \
	"$INVALID_OPCODE" \
	"$SG" -r 32 9e 1f 00 00 00 00 00 00 00 00 $(be 8 32) 00 00
# SPC-4 4.5.2.4.2: SKSV, C/D = 1 (CDB), BPV, bit 4 of byte 1
ktap_expect_eq "... its sense key specific data points at the SA field" \
	"cc 00 01" "$(scst_sense_sks "$OUT")"

# -- LBA range, 512 byte blocks
# shellcheck disable=SC2046
good "READ(10) of the last block succeeds" 512 \
	"$SG" 28 00 $(be 8 $((NR_BLOCKS - 1))) 00 00 01 00
# shellcheck disable=SC2046
check "READ(10) one block past the end: LBA OUT OF RANGE" \
	"$LBA_OUT_OF_RANGE" \
	"$SG" -r 512 28 00 $(be 8 $NR_BLOCKS) 00 00 01 00
# shellcheck disable=SC2046
check "READ(16) of 2 blocks across the end: LBA OUT OF RANGE" \
	"$LBA_OUT_OF_RANGE" \
	"$SG" -r 1024 88 00 $(be 16 $((NR_BLOCKS - 1))) $(be 8 2) 00 00
check "READ(16) at LBA 2^64-1: LBA OUT OF RANGE" \
	"$LBA_OUT_OF_RANGE" \
	"$SG" -r 512 88 00 ff ff ff ff ff ff ff ff 00 00 00 01 00 00
# shellcheck disable=SC2046
check "WRITE(10) one block past the end: LBA OUT OF RANGE" \
	"$LBA_OUT_OF_RANGE" \
	"$SG" -s 512 -i "$ZERO" 2a 00 $(be 8 $NR_BLOCKS) 00 00 01 00
# shellcheck disable=SC2046
good "READ(16) of the whole last 8 blocks succeeds" 4096 \
	"$SG" 88 00 $(be 16 $((NR_BLOCKS - 8))) $(be 8 8) 00 00
# shellcheck disable=SC2046
check "VERIFY(10) past the end: LBA OUT OF RANGE" \
	"$LBA_OUT_OF_RANGE" \
	"$SG" 2f 00 $(be 8 $NR_BLOCKS) 00 00 01 00

# -- LBA range, 4096 byte blocks
# shellcheck disable=SC2046
good "4K device: READ(10) of the last block succeeds" 4096 \
	"$SG_4K" 28 00 $(be 8 $((NR_4K - 1))) 00 00 01 00
# shellcheck disable=SC2046
check "4K device: READ(10) one block past the end: LBA OUT OF RANGE" \
	"$LBA_OUT_OF_RANGE" \
	"$SG_4K" -r 4096 28 00 $(be 8 $NR_4K) 00 00 01 00

# -- write protection
# shellcheck disable=SC2046
check "WRITE(10) to a read_only device: DATA PROTECT, WRITE PROTECTED" \
	"$WRITE_PROTECTED" \
	"$SG_RO" -s 512 -i "$ZERO" 2a 00 $(be 8 0) 00 00 01 00
# shellcheck disable=SC2046
check "WRITE(16) to a read_only device: DATA PROTECT, WRITE PROTECTED" \
	"$WRITE_PROTECTED" \
	"$SG_RO" -s 4096 -i "$ZERO" 8a 00 $(be 16 8) $(be 8 8) 00 00
# shellcheck disable=SC2046
check "WRITE SAME(10) to a read_only device: DATA PROTECT, WRITE PROTECTED" \
	"$WRITE_PROTECTED" \
	"$SG_RO" -s 512 -i "$ZERO" 41 00 $(be 8 0) 00 00 08 00
# shellcheck disable=SC2046
good "READ(10) from a read_only device succeeds" 512 \
	"$SG_RO" 28 00 $(be 8 0) 00 00 01 00
ktap_expect_eq "read_only device: the disk is read-only (MODE SENSE WP)" 1 \
	"$(cat "/sys/block/$DISK_RO/ro")"
if dd if="$ZERO" of="/dev/$DISK_RO" bs=512 count=1 oflag=direct \
	status=none 2>/dev/null; then
	ktap_fail "dd to the read_only disk fails"
else
	ktap_ok "dd to the read_only disk fails"
fi
# shellcheck disable=SC2046
check "WRITE(10) through a read_only LUN: DATA PROTECT, WRITE PROTECTED" \
	"$WRITE_PROTECTED" \
	"$SG_LRO" -s 512 -i "$ZERO" 2a 00 $(be 8 0) 00 00 01 00
ktap_expect_eq "read_only LUN: the disk is read-only (MODE SENSE WP)" 1 \
	"$(cat "/sys/block/$DISK_LRO/ro")"
scst_sg_raw "$OUT" "$SG" -s 512 -i "$ZERO" 2a 00 00 00 00 00 00 00 01 00
rc=$?
grep -q '^SCSI Status: Good' "$OUT"
ktap_result $((rc + $?)) "WRITE(10) to the writable device at LUN 0 succeeds"

# -- CDB fields
check "INQUIRY of VPD page C7h: INVALID FIELD IN CDB" \
	"$INVALID_FIELD_IN_CDB" "$SG" -r 255 12 01 c7 00 ff 00
check "INQUIRY with a page code but no EVPD: INVALID FIELD IN CDB" \
	"$INVALID_FIELD_IN_CDB" "$SG" -r 255 12 00 80 00 ff 00
check "INQUIRY with CMDDT: INVALID FIELD IN CDB" \
	"$INVALID_FIELD_IN_CDB" "$SG" -r 255 12 02 00 00 ff 00
check "REPORT LUNS with allocation length 8: INVALID FIELD IN CDB" \
	"$INVALID_FIELD_IN_CDB" \
	"$SG" -r 8 a0 00 00 00 00 00 00 00 00 08 00 00
check "REPORT LUNS with SELECT REPORT 3: INVALID FIELD IN CDB" \
	"$INVALID_FIELD_IN_CDB" \
	"$SG" -r 64 a0 00 03 00 00 00 00 00 00 40 00 00
check "READ(10) with NACA set in CONTROL: INVALID FIELD IN CDB" \
	"$INVALID_FIELD_IN_CDB" \
	"$SG" -r 512 28 00 00 00 00 00 00 00 01 04

# -- still healthy
ktap_check "TEST UNIT READY succeeds after the errors" sg_turs "$SG"
ktap_expect_eq "no command left in flight" 0 \
	"$(scst_get "$T/sessions/$INI/active_commands")"
ktap_expect_eq "the disk still reads" 4096 \
	"$(dd if="/dev/$DISK" iflag=direct bs=4096 count=1 2>/dev/null | wc -c)"

scst_check_clean "cleanup leaves an empty configfs tree"
ktap_finish
