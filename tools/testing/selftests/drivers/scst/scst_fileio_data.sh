#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Data integrity through SCST: fio writes 64 MiB at random offsets of a
# vdisk_fileio disk and verifies them (crc32c); the disk and its backing
# file must then hold the same bytes, in both directions, also after the
# device is disabled. A vdisk_nullio disk must read zeroes after a write.
[ -n "${BASH_VERSION:-}" ] || exec /bin/bash "$0" "$@"
. "$(dirname "$0")/scst_lib.sh"

scst_require_cmds fio cmp dd truncate sha256sum head
scst_init
ktap_plan 15

TGT=data_tgt
INI=data_ini
TMP=$(scst_tmpdir)
IMG=$TMP/data0.img
MIB=1048576
FIO_SIZE=$((64 * MIB))
S=$SCST_LOCAL/$TGT/sessions/$INI

scst_mk_target $TGT
scst_mk_fileio data0 "$IMG" $((96 * MIB))
scst_mk_nullio null0 size=$((16 * MIB))
scst_map $TGT 0 data0
scst_map $TGT 1 null0
scst_setup_disk $TGT $INI 0
DISK=/dev/$SCST_DISK
scst_get_disk "$SCST_HOSTNO" 1
NDISK=/dev/$SCST_DISK
ktap_info "fileio disk $DISK, nullio disk $NDISK"

# 1: fio random write then verify, 64 MiB
w0=$(scst_get "$S/write_bytes")
r0=$(scst_get "$S/read_bytes")
fio --name=scst_verify --filename="$DISK" --ioengine=libaio --direct=1 \
	--rw=randwrite --bs=64k --iodepth=8 --size=$FIO_SIZE \
	--verify=crc32c --do_verify=1 --verify_fatal=1 --randrepeat=0 \
	--output="$TMP/fio.out" >/dev/null 2>&1
rc=$?
if [ "$rc" = 0 ] && grep -q 'err= 0' "$TMP/fio.out"; then
	ktap_ok "fio randwrite + crc32c verify of 64 MiB"
else
	ktap_info "fio exit status $rc:"
	ktap_info "$(tail -n 30 "$TMP/fio.out")"
	ktap_fail "fio randwrite + crc32c verify of 64 MiB"
fi
w1=$(scst_get "$S/write_bytes")
r1=$(scst_get "$S/read_bytes")
ktap_expect_eq "session write_bytes grew by exactly 64 MiB" $FIO_SIZE \
	$((w1 - w0))
if [ $((r1 - r0)) -ge $FIO_SIZE ]; then
	ktap_ok "session read_bytes grew by at least 64 MiB"
else
	ktap_info "read_bytes grew by $((r1 - r0))"
	ktap_fail "session read_bytes grew by at least 64 MiB"
fi
ktap_expect_eq "no command in flight after fio" 0 \
	"$(scst_get "$S/active_commands")"

# 2: the disk and its backing file hold the same 64 MiB
if dd if="$DISK" iflag=direct bs=$MIB count=64 2>/dev/null |
	cmp -n $FIO_SIZE - "$IMG"; then
	ktap_ok "disk and backing file are equal over the fio region"
else
	ktap_fail "disk and backing file are equal over the fio region"
fi

# 3: a pattern written to the disk lands at the same offset of the file
PAT=$TMP/pattern
head -c $((MIB + 3 * 4096)) /dev/urandom >"$PAT"
PLEN=$(stat -c %s "$PAT")
OFF=$((80 * MIB))
if dd if="$PAT" of="$DISK" bs=4096 seek=$((OFF / 4096)) oflag=direct \
	conv=fsync status=none &&
	tail -c +$((OFF + 1)) "$IMG" | cmp -n "$PLEN" "$PAT" -; then
	ktap_ok "data written to the disk at 80 MiB is in the backing file"
else
	ktap_fail "data written to the disk at 80 MiB is in the backing file"
fi

# 4: a pattern written into the file reads back through the disk
PAT2=$TMP/pattern2
head -c $((2 * MIB)) /dev/urandom >"$PAT2"
OFF2=$((70 * MIB + 512))
if dd if="$PAT2" of="$IMG" bs=512 seek=$((OFF2 / 512)) conv=notrunc \
	status=none &&
	dd if="$DISK" iflag=direct,skip_bytes skip=$OFF2 bs=512 \
		count=$((2 * MIB / 512)) 2>/dev/null | cmp "$PAT2" -; then
	ktap_ok "data written to the backing file reads back through the disk"
else
	ktap_fail "data written to the backing file reads back through the disk"
fi

# 5: the last block and beyond
last=$(($(blockdev --getsize64 "$DISK") - 512))
ktap_expect_eq "disk size is the file size" $((96 * MIB)) $((last + 512))
if dd if="$PAT" of="$DISK" bs=512 count=1 seek=$((last / 512)) oflag=direct \
	status=none &&
	tail -c 512 "$IMG" | cmp -n 512 "$PAT" -; then
	ktap_ok "last block written through the disk is the file's last 512 bytes"
else
	ktap_fail "last block written through the disk is the file's last 512 bytes"
fi

# 6: nullio: reads return zeroes, whatever was written
if dd if="$PAT" of="$NDISK" bs=4096 count=256 oflag=direct status=none &&
	dd if="$NDISK" iflag=direct bs=4096 count=256 2>/dev/null |
	cmp -n $MIB /dev/zero -; then
	ktap_ok "nullio disk reads back zeroes after a write"
else
	ktap_fail "nullio disk reads back zeroes after a write"
fi
ktap_expect_eq "nullio read of 1 MiB returns 1 MiB" $MIB \
	"$(dd if="$NDISK" iflag=direct bs=$MIB count=1 2>/dev/null | wc -c)"

# 7: after the device is detached, the file still holds the data
sum_disk=$(dd if="$DISK" iflag=direct bs=$MIB count=96 2>/dev/null | sha256sum)
rmdir "$S" && scst_wait_gone "/sys/class/scsi_host/host$SCST_HOSTNO"
ktap_result $? "session removed, its SCSI host is gone"
scst_unmap $TGT 0
scst_write "$SCST_HANDLERS/vdisk_fileio/data0/enable" 0
ktap_expect_eq "fileio device disabled after unmapping" "0 " \
	"$(scst_get "$SCST_HANDLERS/vdisk_fileio/data0/enable") $SCST_ERR"
ktap_expect_eq "backing file equals what the disk returned" "$sum_disk" \
	"$(sha256sum <"$IMG")"

scst_check_clean "cleanup leaves an empty configfs tree"
ktap_finish
