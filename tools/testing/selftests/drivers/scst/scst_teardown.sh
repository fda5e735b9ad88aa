#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Orderly teardown after I/O: remove the sessions, unlink and remove the
# LUNs, the target and the devices, then unload scst_local, scst_vdisk
# and scst; /sys/kernel/config/scst must be gone. Modules in use must
# refuse to unload. Loading and unloading once more must work as well.
# Unloads the modules: run it after the other SCST tests.
[ -n "${BASH_VERSION:-}" ] || exec /bin/bash "$0" "$@"
. "$(dirname "$0")/scst_lib.sh"

scst_require_cmds dd cmp rmmod
scst_init
ktap_plan 25

TGT=td_tgt
T=$SCST_LOCAL/$TGT
TMP=$(scst_tmpdir)
IMG=$TMP/td.img
MIB=1048576

loaded() {
	grep -q "^$1 " /proc/modules
}

scst_mk_target $TGT
scst_mk_fileio td_file "$IMG" $((16 * MIB))
scst_mk_nullio td_null size=$((16 * MIB))
scst_map $TGT 0 td_file
scst_map $TGT 1 td_null
scst_setup_disk $TGT td_ini1 0
H1=$SCST_HOSTNO
D1=$SCST_DISK
scst_get_disk "$H1" 1
N1=$SCST_DISK
scst_setup_disk $TGT td_ini2 0
H2=$SCST_HOSTNO
D2=$SCST_DISK

# I/O through both sessions
head -c $((4 * MIB)) /dev/urandom >"$TMP/pat"
dd if="$TMP/pat" of="/dev/$D1" bs=64k oflag=direct status=none &&
	dd if="/dev/$D2" iflag=direct bs=64k count=64 2>/dev/null |
	cmp "$TMP/pat" - &&
	dd if="/dev/$N1" of=/dev/null iflag=direct bs=64k count=64 status=none
ktap_result $? "I/O: written through one session, read through the other"

# modules in use stay loaded
for m in scst scst_vdisk scst_local; do
	if scst_try rmmod "$m"; then
		ktap_fail "rmmod $m refused while in use"
		ktap_bail "$m was unloaded while in use"
	fi
	loaded "$m"
	ktap_result $? "rmmod $m refused while in use ($SCST_ERR)"
done
ktap_expect_eq "the disk still reads after the refused rmmods" $MIB \
	"$(dd if="/dev/$D1" iflag=direct bs=64k count=16 2>/dev/null | wc -c)"

# sessions
rmdir "$T/sessions/td_ini1" && scst_wait_gone "/sys/class/scsi_host/host$H1" &&
	scst_wait_gone "/sys/block/$D1" && scst_wait_gone "/sys/block/$N1"
ktap_result $? "rmdir session td_ini1 removes its host and disks"
rmdir "$T/sessions/td_ini2" && scst_wait_gone "/sys/class/scsi_host/host$H2" &&
	scst_wait_gone "/sys/block/$D2"
ktap_result $? "rmdir session td_ini2 removes its host and disk"
ktap_expect_eq "no sessions left" "" "$(ls "$T/sessions")"

# LUNs
rm "$T/luns/0/device" && rm "$T/luns/1/device"
ktap_result $? "unlink the LUNs' devices"
ktap_expect_eq "devices no longer exported" "0 0" \
	"$(scst_get "$SCST_HANDLERS/vdisk_fileio/td_file/exported")"\
" $(scst_get "$SCST_HANDLERS/vdisk_nullio/td_null/exported")"
rmdir "$T/luns/0" "$T/luns/1" && rmdir "$T"
ktap_result $? "rmdir the LUNs and the target"

# devices
scst_write "$SCST_HANDLERS/vdisk_fileio/td_file/enable" 0 &&
	scst_write "$SCST_HANDLERS/vdisk_nullio/td_null/enable" 0
ktap_result $? "disable the devices"
cmp -n $((4 * MIB)) "$TMP/pat" "$IMG"
ktap_result $? "the backing file holds the data written"
rmdir "$SCST_HANDLERS/vdisk_fileio/td_file" "$SCST_HANDLERS/vdisk_nullio/td_null"
ktap_result $? "rmdir the devices"
ktap_expect_eq "no objects left in configfs" "" "$(scst_tree_leftovers)"

# unload
rmmod scst_local
ktap_result $? "rmmod scst_local"
ktap_expect_eq "targets/scst_local is gone" no \
	"$([ -e "$SCST_LOCAL" ] && echo yes || echo no)"
# scst_vcdrom, which an earlier test may have loaded, uses scst_vdisk
! loaded scst_vcdrom || rmmod scst_vcdrom
rmmod scst_vdisk
ktap_result $? "rmmod scst_vdisk"
ktap_expect_eq "the vdisk handler directories are gone" "no no" \
	"$([ -e "$SCST_HANDLERS/vdisk_nullio" ] && echo yes || echo no)"\
" $([ -e "$SCST_HANDLERS/vdisk_fileio" ] && echo yes || echo no)"
rmmod scst
ktap_result $? "rmmod scst"
ktap_expect_eq "/sys/kernel/config/scst is gone" no \
	"$([ -e "$SCST_CFS" ] && echo yes || echo no)"
! loaded scst && ! loaded scst_vdisk && ! loaded scst_local &&
	! loaded scst_vcdrom
ktap_result $? "no SCST module is loaded"

# once more: load, make and remove an object, unload
modprobe scst_local && modprobe scst_vdisk &&
	[ -d "$SCST_LOCAL" ] && [ -d "$SCST_HANDLERS/vdisk_nullio" ]
ktap_result $? "the modules load again"
mkdir "$SCST_HANDLERS/vdisk_nullio/td_again" &&
	scst_write "$SCST_HANDLERS/vdisk_nullio/td_again/enable" 1 &&
	scst_write "$SCST_HANDLERS/vdisk_nullio/td_again/enable" 0 &&
	rmdir "$SCST_HANDLERS/vdisk_nullio/td_again"
ktap_result $? "a device can be made and removed after reloading"
rmmod scst_local && rmmod scst_vdisk && rmmod scst &&
	[ ! -e "$SCST_CFS" ]
ktap_result $? "the modules unload again"

scst_cleanup
ktap_finish
