#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# An ext4 file system on a vdisk_fileio disk with 4096 byte blocks: make
# it, write files, unmount, check it with fsck.ext4 -n -f, mount it again
# and verify the files' checksums; finally check the backing file itself
# once the device is disabled.
[ -n "${BASH_VERSION:-}" ] || exec /bin/bash "$0" "$@"
. "$(dirname "$0")/scst_lib.sh"

scst_require_cmds mkfs.ext4 fsck.ext4 debugfs mount umount sha256sum
scst_init
ktap_plan 13

TGT=fs_tgt
INI=fs_ini
TMP=$(scst_tmpdir)
IMG=$TMP/fs0.img
MNT=$TMP/mnt
SRC=$TMP/src

scst_mk_target $TGT
scst_mk_fileio fs0 "$IMG" $((128 * 1048576)) blocksize=4096
scst_map $TGT 0 fs0
scst_setup_disk $TGT $INI 0
DISK=/dev/$SCST_DISK
ktap_info "file system on $DISK"

# the files: a few large ones and a tree of small ones
mkdir -p "$SRC/tree" || ktap_bail "mkdir $SRC"
for i in 1 2 3 4 5 6; do
	head -c $((i * 517 * 1024 + i * 13)) /dev/urandom >"$SRC/big$i.bin"
done
for i in $(seq 1 64); do
	mkdir -p "$SRC/tree/d$((i % 8))"
	head -c $((i * 97)) /dev/urandom >"$SRC/tree/d$((i % 8))/f$i"
done
(cd "$SRC" && find . -type f -print0 | sort -z | xargs -0 sha256sum) \
	>"$TMP/sums" || ktap_bail "sha256sum failed"
nfiles=$(wc -l <"$TMP/sums")

mkfs.ext4 -q -F -E nodiscard,lazy_itable_init=0,lazy_journal_init=0 \
	"$DISK" >"$TMP/mkfs.out" 2>&1
rc=$?
[ "$rc" = 0 ] || ktap_info "$(cat "$TMP/mkfs.out")"
ktap_result "$rc" "mkfs.ext4 on $DISK"

scst_mount "$DISK" "$MNT"
ktap_result $? "mount"
cp -a "$SRC"/. "$MNT"/ && sync
ktap_result $? "write $nfiles files and sync"
scst_umount "$MNT"
ktap_result $? "unmount"

fsck.ext4 -n -f "$DISK" >"$TMP/fsck.out" 2>&1
rc=$?
[ "$rc" = 0 ] || ktap_info "$(cat "$TMP/fsck.out")"
ktap_expect_eq "fsck.ext4 -n -f exit status" 0 "$rc"

# read everything back from the target, not from the page cache
echo 3 >/proc/sys/vm/drop_caches
scst_mount "$DISK" "$MNT"
ktap_result $? "mount again"
(cd "$MNT" && sha256sum --quiet -c "$TMP/sums") >"$TMP/check.out" 2>&1
rc=$?
[ "$rc" = 0 ] || ktap_info "$(head -n 20 "$TMP/check.out")"
ktap_result "$rc" "checksums of the $nfiles files after remount"
ktap_expect_eq "number of files after remount" "$nfiles" \
	"$(find "$MNT" -type f ! -path "$MNT/lost+found/*" | wc -l)"
scst_umount "$MNT"
ktap_result $? "unmount again"

# the backing file holds the same clean file system
rmdir "$SCST_LOCAL/$TGT/sessions/$INI" &&
	scst_wait_gone "/sys/class/scsi_host/host$SCST_HOSTNO" &&
	scst_unmap $TGT 0 &&
	scst_write "$SCST_HANDLERS/vdisk_fileio/fs0/enable" 0
ktap_result $? "session removed, LUN unmapped, device disabled"
fsck.ext4 -n -f "$IMG" >"$TMP/fsck2.out" 2>&1
rc=$?
[ "$rc" = 0 ] || ktap_info "$(cat "$TMP/fsck2.out")"
ktap_expect_eq "fsck.ext4 -n -f of the backing file exit status" 0 "$rc"
debugfs -R "dump /big6.bin $TMP/big6.out" "$IMG" >/dev/null 2>&1
cmp "$SRC/big6.bin" "$TMP/big6.out"
ktap_result $? "a file read from the backing file with debugfs is intact"

scst_check_clean "cleanup leaves an empty configfs tree"
ktap_finish
