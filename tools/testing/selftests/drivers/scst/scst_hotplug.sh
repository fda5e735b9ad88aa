#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# LUN hotplug: while a session exists, mapping a device at a new LUN makes
# its disk appear on the initiator side and unmapping it makes the disk
# go away, without any rescan by the user; REPORT LUNS (sg_luns) lists
# exactly the mapped LUNs at every step.
[ -n "${BASH_VERSION:-}" ] || exec /bin/bash "$0" "$@"
. "$(dirname "$0")/scst_lib.sh"

scst_require_cmds sg_luns sg_turs dd
scst_init
ktap_plan 21

TGT=hp_tgt
INI=hp_ini
INI2=hp_ini2
T=$SCST_LOCAL/$TGT

# luns_of SGDEV: the LUNs REPORT LUNS returns, as sorted 16 hex digit
# values on one line (retried while unit attentions are reported)
luns_of() {
	local i out

	for i in 1 2 3 4 5; do
		if out=$(sg_luns -q "$1" 2>/dev/null); then
			printf '%s\n' "$out" | tr 'A-F' 'a-f' | sort | xargs
			return 0
		fi
	done
	return 1
}

L0=0000000000000000
L5=0005000000000000
# LUN 300 does not fit in the peripheral device addressing method and
# uses the flat space one (SAM-5 4.7.7.3): 01b in the top bits
L300=412c000000000000

scst_mk_target $TGT
scst_mk_nullio hp_null0 size=$((8 * 1048576))
scst_mk_nullio hp_null5 size=$((8 * 1048576))
scst_mk_nullio hp_null5b size=$((4 * 1048576))
scst_mk_nullio hp_null300 size=$((4 * 1048576))
scst_map $TGT 0 hp_null0
scst_setup_disk $TGT $INI 0
H=$SCST_HOSTNO
DISK0=$SCST_DISK
SG0=$SCST_SGDEV
ktap_info "LUN 0 is $DISK0 ($SG0) on host $H"

ktap_expect_eq "REPORT LUNS with LUN 0 mapped" "$L0" "$(luns_of "$SG0")"
ktap_check "no disk at LUN 5 yet" _scst_no_disk "$H" 5

# map LUN 5 while the session exists
mkdir "$T/luns/5" &&
	ln -s "$SCST_HANDLERS/vdisk_nullio/hp_null5" "$T/luns/5/device"
ktap_result $? "mkdir luns/5 and link hp_null5"
D5=$(scst_wait_disk "$H" 5)
ktap_result $? "the disk of LUN 5 appears"
ktap_expect_eq "it is hp_null5" "$(printf '%-16s' hp_null5)" \
	"$(cat "/sys/block/$D5/device/model" 2>&1)"
ktap_expect_eq "hp_null5 exported" 1 \
	"$(scst_get "$SCST_HANDLERS/vdisk_nullio/hp_null5/exported")"
ktap_expect_eq "REPORT LUNS lists LUNs 0 and 5" "$L0 $L5" "$(luns_of "$SG0")"

# LUN 300 (flat space addressing) only shows in REPORT LUNS here
mkdir "$T/luns/300" &&
	ln -s "$SCST_HANDLERS/vdisk_nullio/hp_null300" "$T/luns/300/device"
ktap_result $? "mkdir luns/300 and link hp_null300"
ktap_expect_eq "REPORT LUNS lists LUNs 0, 5 and 300" "$L0 $L5 $L300" \
	"$(luns_of "$SG0")"
rm "$T/luns/300/device" && rmdir "$T/luns/300"
ktap_result $? "unlink and rmdir luns/300"

# unmap LUN 5
rm "$T/luns/5/device" && rmdir "$T/luns/5"
ktap_result $? "unlink and rmdir luns/5"
scst_wait_disk_gone "$H" 5 && scst_wait_gone "/sys/block/$D5"
ktap_result $? "the disk of LUN 5 ($D5) disappears"
ktap_expect_eq "hp_null5 no longer exported" 0 \
	"$(scst_get "$SCST_HANDLERS/vdisk_nullio/hp_null5/exported")"
ktap_expect_eq "REPORT LUNS lists LUN 0 only" "$L0" "$(luns_of "$SG0")"
ktap_expect_eq "LUN 0 still reads" 4096 \
	"$(dd if="/dev/$DISK0" iflag=direct bs=4096 count=1 2>/dev/null | wc -c)"

# a different device at the same LUN
ln_ok=0
mkdir "$T/luns/5" &&
	ln -s "$SCST_HANDLERS/vdisk_nullio/hp_null5b" "$T/luns/5/device" ||
	ln_ok=1
D5=$(scst_wait_disk "$H" 5)
ktap_result $((ln_ok + $?)) "remapping LUN 5 to hp_null5b makes a disk appear"
ktap_expect_eq "the new disk of LUN 5 is hp_null5b, 4 MiB" \
	"$(printf '%-16s' hp_null5b) 4194304" \
	"$(cat "/sys/block/$D5/device/model" 2>&1) $(blockdev --getsize64 "/dev/$D5" 2>&1)"

# a second session of the same target sees the same LUNs
scst_mk_session $TGT $INI2
H2=$SCST_HOSTNO
scst_wait_disk "$H2" 0 >/dev/null && scst_wait_disk "$H2" 5 >/dev/null
ktap_result $? "a second session (host $H2) gets disks for LUNs 0 and 5"
rmdir "$T/sessions/$INI2" && scst_wait_gone "/sys/class/scsi_host/host$H2"
ktap_result $? "removing the second session removes its SCSI host"
ktap_expect_eq "the first session still has LUN 5" "$(printf '%-16s' hp_null5b)" \
	"$(cat "/sys/block/$D5/device/model" 2>&1)"

scst_check_clean "cleanup leaves an empty configfs tree"
ktap_finish
