#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Validation of the SCST configfs interface: malformed values, values out
# of range, changes while a device is enabled or exported, bad LUN names,
# links to things that are not devices and duplicate names must all be
# rejected with the documented errno, and must leave every attribute as it
# was. Values at the limits must be accepted.
[ -n "${BASH_VERSION:-}" ] || exec /bin/bash "$0" "$@"
. "$(dirname "$0")/scst_lib.sh"

scst_require_cmds truncate sg_raw sg_turs sg_readcap blockdev dd cmp head
scst_init
# forcing a session closed keeps sd off the new disks for a moment
AUTOPROBE=/sys/bus/scsi/drivers_autoprobe
AUTOPROBE_WAS=$(scst_get $AUTOPROBE)
trap '[ -n "$AUTOPROBE_WAS" ] && echo "$AUTOPROBE_WAS" >$AUTOPROBE; scst_cleanup' EXIT
ktap_plan 129

EINVAL="Invalid argument"
EBUSY="Device or resource busy"
EEXIST="File exists"
ENOTEMPTY="Directory not empty"

TMP=$(scst_tmpdir)
TGT=cv_tgt
T=$SCST_LOCAL/$TGT
N=$SCST_HANDLERS/vdisk_nullio/cv_null
F=$SCST_HANDLERS/vdisk_fileio/cv_file

# snap DIR: every readable attribute of DIR as name=value lines
snap() {
	grep -s -H '' "$1"/*
}

# reject DESC ERRTEXT DIR ATTR VALUE: writing VALUE to DIR/ATTR fails with
# ERRTEXT, and no attribute of DIR changes
reject() {
	local desc=$1 err=$2 dir=$3 before after res

	before=$(snap "$dir")
	if scst_write "$dir/$4" "$5"; then
		res=accepted
	else
		res=$SCST_ERR
	fi
	after=$(snap "$dir")
	if [ "$res" = "$err" ] && [ "$before" = "$after" ]; then
		ktap_ok "$desc"
	else
		ktap_info "write of '$5' to $4: expected '$err', got '$res'"
		[ "$before" = "$after" ] ||
			ktap_info "attributes changed from: $(echo "$before" | xargs)"
			ktap_info "                     to: $(echo "$after" | xargs)"
		ktap_fail "$desc"
	fi
}

# reject_fmt DESC ERRTEXT DIR ATTR FORMAT: the same with printf FORMAT
# (no newline added), for control characters
reject_fmt() {
	local desc=$1 err=$2 dir=$3 before after res

	before=$(snap "$dir")
	if scst_write_fmt "$dir/$4" "$5"; then
		res=accepted
	else
		res=$SCST_ERR
	fi
	after=$(snap "$dir")
	if [ "$res" = "$err" ] && [ "$before" = "$after" ]; then
		ktap_ok "$desc"
	else
		ktap_info "write to $4: expected '$err', got '$res'"
		ktap_fail "$desc"
	fi
}

# accept DESC DIR ATTR VALUE [EXPECTED]: the write succeeds and the
# attribute then reads EXPECTED (default VALUE)
accept() {
	local res

	if scst_write "$2/$3" "$4"; then
		res=ok
	else
		res=$SCST_ERR
	fi
	ktap_expect_eq "$1" "ok ${5-$4}" "$res $(scst_get "$2/$3")"
}

# reject_mkdir DESC ERRTEXT DIR: mkdir DIR fails with ERRTEXT and DIR does
# not exist afterwards (when it did not before)
reject_mkdir() {
	local existed=0 res

	[ -e "$3" ] && existed=1
	if scst_try mkdir "$3"; then
		res=accepted
	else
		res=$SCST_ERR
	fi
	if [ "$res" = "$2" ] && { [ $existed = 1 ] || [ ! -e "$3" ]; }; then
		ktap_ok "$1"
	else
		ktap_info "mkdir $3: expected '$2', got '$res'"
		ktap_fail "$1"
	fi
}

# ---- a disabled vdisk_nullio device
mkdir "$N" || ktap_bail "mkdir $N"
ktap_expect_eq "new nullio device: defaults" \
	"enable=0 read_only=0 blocksize=512 exported=0 vendor=SCST_NUL"\
" product=cv_null revision=0100 size=1073741824 read_zero=1" \
	"$(for a in enable read_only blocksize exported vendor product revision size read_zero; do
		printf '%s=%s ' "$a" "$(scst_get "$N/$a")"
	done | sed 's/ $//')"
accept "vendor of 8 characters accepted" "$N" vendor "CV VEND8"
accept "product of 16 characters accepted" "$N" product "CV_PRODUCT_16_CH"
accept "revision of 4 characters accepted" "$N" revision "R0.1"
accept "serial of 32 characters accepted" "$N" serial \
	"S2345678901234567890123456789012"
if scst_write_fmt "$N/product" "CV product"; then
	res=ok
else
	res=$SCST_ERR
fi
ktap_expect_eq "value without a trailing newline accepted" "ok CV product" \
	"$res $(scst_get "$N/product")"
accept "blocksize 4096 accepted" "$N" blocksize 4096
accept "blocksize 512 accepted" "$N" blocksize 512
accept "size of 3 MiB accepted" "$N" size 3145728

reject "enable '2' rejected" "$EINVAL" "$N" enable 2
reject "enable '' rejected" "$EINVAL" "$N" enable ""
reject "enable 'yes' rejected" "$EINVAL" "$N" enable yes
reject "enable '1 ' rejected" "$EINVAL" "$N" enable "1 "
reject "read_only '2' rejected" "$EINVAL" "$N" read_only 2
reject "read_zero '2' rejected" "$EINVAL" "$N" read_zero 2
accept "read_zero 0 accepted" "$N" read_zero 0
accept "read_zero 1 accepted" "$N" read_zero 1
reject "blocksize 1000 rejected" "$EINVAL" "$N" blocksize 1000
reject "blocksize 0 rejected" "$EINVAL" "$N" blocksize 0
reject "blocksize 8192 rejected" "$EINVAL" "$N" blocksize 8192
reject "blocksize 256 rejected" "$EINVAL" "$N" blocksize 256
reject "blocksize '0x200' rejected" "$EINVAL" "$N" blocksize 0x200
reject "blocksize '512x' rejected" "$EINVAL" "$N" blocksize 512x
reject "blocksize ' 512' rejected" "$EINVAL" "$N" blocksize " 512"
reject "vendor of 9 characters rejected" "$EINVAL" "$N" vendor 123456789
reject "empty vendor rejected" "$EINVAL" "$N" vendor ""
reject_fmt "vendor with a control character rejected" "$EINVAL" "$N" \
	vendor 'AB\001CD\n'
reject_fmt "vendor with DEL rejected" "$EINVAL" "$N" vendor 'AB\177CD\n'
reject_fmt "vendor with a non-ASCII character rejected" "$EINVAL" "$N" \
	vendor 'AB\303\251\n'
reject_fmt "vendor with two newlines rejected" "$EINVAL" "$N" vendor 'ABC\n\n'
reject "product of 17 characters rejected" "$EINVAL" "$N" product \
	12345678901234567
reject "revision of 5 characters rejected" "$EINVAL" "$N" revision 12345
reject "serial of 33 characters rejected" "$EINVAL" "$N" serial \
	123456789012345678901234567890123
reject_fmt "serial with a tab rejected" "$EINVAL" "$N" serial 'AB\tCD\n'
reject "size 'abc' rejected" "$EINVAL" "$N" size abc
reject "size '-1' rejected" "$EINVAL" "$N" size -1
reject "size '+512' rejected" "$EINVAL" "$N" size +512
reject "size 1000 (not a multiple of 512) rejected" "$EINVAL" "$N" size 1000
reject "size 0 for vdisk_nullio rejected" "$EINVAL" "$N" size 0
reject "size 2^64 rejected" "$EINVAL" "$N" size 18446744073709551616
reject "empty size rejected" "$EINVAL" "$N" size ""

# ---- enabled: only enable itself can be written
accept "enable" "$N" enable 1
reject "blocksize while enabled rejected" "$EBUSY" "$N" blocksize 4096
reject "vendor while enabled rejected" "$EBUSY" "$N" vendor NEWVEND
reject "product while enabled rejected" "$EBUSY" "$N" product NEWPROD
reject "revision while enabled rejected" "$EBUSY" "$N" revision 9999
reject "serial while enabled rejected" "$EBUSY" "$N" serial NEWSER
reject "read_only while enabled rejected" "$EBUSY" "$N" read_only 1
reject "read_zero while enabled rejected" "$EBUSY" "$N" read_zero 0
# size is the exception: writing it resizes an enabled device
# (Documentation/scst/vdisk.rst)
reject "size 1000 while enabled rejected" "$EINVAL" "$N" size 1000
accept "size while enabled resizes the device" "$N" size 1048576

# ---- vdisk_fileio specifics
truncate -s 4M "$TMP/cv_file.img" || ktap_bail "truncate"
mkdir "$F" || ktap_bail "mkdir $F"
ktap_expect_eq "new fileio device: vendor, size, filename, write_through" \
	"SCST_FIO 0  0" \
	"$(scst_get "$F/vendor") $(scst_get "$F/size")"\
" $(scst_get "$F/filename") $(scst_get "$F/write_through")"
reject "relative filename rejected" "$EINVAL" "$F" filename cv_file.img
reject "write_through '2' rejected" "$EINVAL" "$F" write_through 2
reject "enable without a filename rejected" "$EINVAL" "$F" enable 1
accept "size 0 (file size) accepted for vdisk_fileio" "$F" size 0
accept "filename accepted" "$F" filename "$TMP/cv_file.img"
scst_write "$F/filename" "$TMP/missing.img"
reject "enable with a missing file rejected" "No such file or directory" \
	"$F" enable 1
accept "filename set back" "$F" filename "$TMP/cv_file.img"
accept "write_through accepted" "$F" write_through 1
accept "enable" "$F" enable 1
ktap_expect_eq "enabled fileio device reports the file size" 4194304 \
	"$(scst_get "$F/size")"
reject "filename while enabled rejected" "$EBUSY" "$F" filename /tmp/x.img
reject "write_through while enabled rejected" "$EBUSY" "$F" write_through 0

# ---- device names are unique across handlers
reject_mkdir "device name taken by another handler rejected" "$EEXIST" \
	"$SCST_HANDLERS/vdisk_fileio/cv_null"
reject_mkdir "device name taken in the same handler rejected" "$EEXIST" "$N"

# ---- targets and LUN names
mkdir "$T" || ktap_bail "mkdir $T"
reject "target enable '2' rejected" "$EINVAL" "$T" enable 2
for name in 00 01 16384 abc -1 1a 99999999999999999999; do
	reject_mkdir "LUN name '$name' rejected" "$EINVAL" "$T/luns/$name"
done
mkdir "$T/luns/16383" && rmdir "$T/luns/16383"
ktap_result $? "LUN 16383 accepted"
mkdir "$T/luns/0" || ktap_bail "mkdir luns/0"
reject "LUN read_only '2' rejected" "$EINVAL" "$T/luns/0" read_only 2

# ---- links
res=accepted
scst_try ln -s "$SCST_LOCAL/$TGT" "$T/luns/0/device" || res=$SCST_ERR
ktap_expect_eq "link to a target (not a device) rejected" "$EINVAL no-link" \
	"$res $([ -L "$T/luns/0/device" ] && echo link || echo no-link)"
res=accepted
scst_try ln -s "$SCST_HANDLERS/vdisk_nullio" "$T/luns/0/device" || res=$SCST_ERR
ktap_expect_eq "link to a handler directory rejected" "$EINVAL no-link" \
	"$res $([ -L "$T/luns/0/device" ] && echo link || echo no-link)"
res=accepted
scst_try ln -s "$TMP" "$T/luns/0/device" || res=$SCST_ERR
if [ "$res" != accepted ] && [ ! -L "$T/luns/0/device" ]; then
	ktap_ok "link to a directory outside configfs rejected ($res)"
else
	ktap_fail "link to a directory outside configfs rejected ($res)"
fi
mkdir "$SCST_HANDLERS/vdisk_nullio/cv_off" || ktap_bail "mkdir cv_off"
res=accepted
scst_try ln -s "$SCST_HANDLERS/vdisk_nullio/cv_off" "$T/luns/0/device" ||
	res=$SCST_ERR
if [ "$res" != accepted ] && [ ! -L "$T/luns/0/device" ] &&
	[ "$(scst_get "$SCST_HANDLERS/vdisk_nullio/cv_off/exported")" = 0 ]; then
	ktap_ok "link to a disabled device rejected ($res)"
else
	ktap_fail "link to a disabled device rejected ($res)"
fi
rmdir "$SCST_HANDLERS/vdisk_nullio/cv_off"
ktap_result $? "rmdir of a disabled, unexported device"

accept "LUN read_only 1 accepted before linking" "$T/luns/0" read_only 1
accept "LUN read_only 0 accepted before linking" "$T/luns/0" read_only 0
ln -s "$N" "$T/luns/0/device"
ktap_result $? "link cv_null to LUN 0"
ktap_expect_eq "cv_null exported once" 1 "$(scst_get "$N/exported")"
res=accepted
scst_try ln -s "$F" "$T/luns/0/link2" || res=$SCST_ERR
ktap_expect_eq "second device link in a LUN rejected" \
	"$EBUSY no-link 0" \
	"$res $([ -L "$T/luns/0/link2" ] && echo link || echo no-link) $(scst_get "$F/exported")"
reject "LUN read_only while a device is linked rejected" "$EBUSY" \
	"$T/luns/0" read_only 1

# ---- an exported device cannot go away
res=accepted
scst_try rmdir "$N" || res=$SCST_ERR
ktap_expect_eq "rmdir of an exported device rejected" "$EBUSY yes" \
	"$res $([ -d "$N" ] && echo yes || echo no)"
reject "disabling an exported device rejected" "$EBUSY" "$N" enable 0
res=accepted
scst_try rmdir "$T/luns/0" || res=$SCST_ERR
ktap_expect_eq "rmdir of a LUN holding a link rejected" "$ENOTEMPTY yes" \
	"$res $([ -L "$T/luns/0/device" ] && echo yes || echo no)"

# the same device at a second LUN is fine
mkdir "$T/luns/7" && ln -s "$N" "$T/luns/7/device"
ktap_result $? "the same device linked at a second LUN"
ktap_expect_eq "cv_null exported twice" 2 "$(scst_get "$N/exported")"
rm "$T/luns/7/device" && rmdir "$T/luns/7"
ktap_expect_eq "unlinking one LUN: exported once" "0 1" \
	"$? $(scst_get "$N/exported")"

# ---- sessions
before=$(ls /sys/class/scsi_host)
if scst_try mkdir "$T/sessions/cv_ini"; then
	res=accepted
else
	res=$SCST_ERR
fi
if [ "$res" != accepted ] && [ ! -d "$T/sessions/cv_ini" ] &&
	[ "$before" = "$(ls /sys/class/scsi_host)" ]; then
	ktap_ok "session on a disabled target rejected ($res)"
else
	ktap_fail "session on a disabled target rejected ($res)"
fi
scst_mk_session $TGT cv_ini
ktap_expect_eq "session attributes" \
	"initiator_name=cv_ini active_commands=0" \
	"initiator_name=$(scst_get "$T/sessions/cv_ini/initiator_name")"\
" active_commands=$(scst_get "$T/sessions/cv_ini/active_commands")"
reject_mkdir "duplicate session name rejected" "$EEXIST" "$T/sessions/cv_ini"
scst_get_disk "$SCST_HOSTNO" 0
ktap_expect_eq "the initiator sees the accepted identity" \
	"CV VEND8|$(printf '%-16s' "CV product")|R0.1|1048576" \
	"$(cat "/sys/block/$SCST_DISK/device/vendor")"\
"|$(cat "/sys/block/$SCST_DISK/device/model")"\
"|$(cat "/sys/block/$SCST_DISK/device/rev")"\
"|$(blockdev --getsize64 "/dev/$SCST_DISK")"

# ---- resizing an exported device
scst_clear_ua "$SCST_SGDEV"
accept "resizing the exported device to 2 MiB" "$N" size 2097152
scst_sg_raw "$TMP/tur.out" "$SCST_SGDEV" 00 00 00 00 00 00
scst_expect_sense "TEST UNIT READY: UNIT ATTENTION, CAPACITY DATA HAS CHANGED" \
	"$TMP/tur.out" 06 2a 09
read -r n l <<<"$(sg_readcap -b "$SCST_SGDEV" 2>/dev/null)"
ktap_expect_eq "READ CAPACITY reports 4096 blocks of 512 bytes" "4096 512" \
	"$((n)) $((l))"
echo 1 >"/sys/block/$SCST_DISK/device/rescan"
ktap_expect_eq "after a rescan the disk has 2 MiB" 2097152 \
	"$(blockdev --getsize64 "/dev/$SCST_DISK")"

# ---- forcing a session closed (force_close)
S=$T/sessions/cv_ini
OLDHOST=$SCST_HOSTNO
OLDDISK=$SCST_DISK
OLDUID=$(cat "/sys/class/scsi_host/host$OLDHOST/unique_id")

# sdev_sg HOST LUN: the sg node of the SCSI device at LUN of HOST
sdev_sg() {
	local s

	for s in /sys/bus/scsi/devices/"$1":0:0:"$2"/scsi_generic/sg*; do
		[ -e "$s" ] && [ -c "/dev/${s##*/}" ] && echo "/dev/${s##*/}" &&
			return 0
	done
	return 1
}

# other_host TGT INI UID: the SCSI host of session INI of TGT, once it is
# not the host whose unique_id is UID (host numbers are reused)
# shellcheck disable=SC2317 # called through scst_poll
other_host() {
	local h

	h=$(scst_find_host "$1" "$2") &&
		[ "$(cat "/sys/class/scsi_host/host$h/unique_id")" != "$3" ] &&
		echo "$h"
}

# close_rejected DESC VALUE: writing VALUE to force_close fails with
# EINVAL and the session keeps its SCSI host and disk
close_rejected() {
	local res=accepted

	scst_write "$S/force_close" "$2" || res=$SCST_ERR
	ktap_expect_eq "$1" "$EINVAL $OLDHOST $OLDDISK" \
		"$res $(scst_find_host $TGT cv_ini) $(scst_disk "$OLDHOST" 0)"
}

close_rejected "force_close '0' rejected" 0
close_rejected "force_close '2' rejected" 2
close_rejected "force_close 'yes' rejected" yes
close_rejected "force_close '' rejected" ""
unreadable() {
	! cat "$1" >/dev/null 2>&1
}
ktap_check "force_close cannot be read" unreadable "$S/force_close"

# LUN 1: cv_file, holding a known pattern
head -c 65536 /dev/urandom >"$TMP/pattern" &&
	dd if="$TMP/pattern" of="$TMP/cv_file.img" bs=64k conv=notrunc,fsync \
		status=none &&
	mkdir "$T/luns/1" && ln -s "$F" "$T/luns/1/device"
ktap_result $? "cv_file with a known pattern linked to LUN 1"
DISK1=$(scst_wait_disk "$OLDHOST" 1)
ktap_result $? "the disk of LUN 1 appears on host $OLDHOST"
SG0=$(sdev_sg "$OLDHOST" 0) && SG1=$(sdev_sg "$OLDHOST" 1) &&
	scst_clear_ua "$SG0" && scst_clear_ua "$SG1"
ktap_result $? "no unit attention pending before the close"
NR_BEFORE=$(scst_get "$S/nr_cmds")

# No sd on the new host's LUNs for now: its probe would take the unit
# attention that the first command of the new nexus must report.
scst_write $AUTOPROBE 0 || ktap_bail "cannot write $AUTOPROBE: $SCST_ERR"
scst_write "$S/force_close" 1
ktap_expect_eq "force_close '1' accepted" "" "$SCST_ERR"
scst_poll "$SCST_WAIT_SECS" _scst_no_sysfs "/sys/block/$DISK1"
ktap_result $? "the disks of the old SCSI host $OLDHOST go away"
NEWHOST=$(scst_poll "$SCST_WAIT_SECS" other_host $TGT cv_ini "$OLDUID")
ktap_result $? "a new SCSI host ($NEWHOST) for the session $TGT/cv_ini"
[ -n "$NEWHOST" ] || ktap_bail "no new SCSI host after force_close"
SCST_HOSTS+=("$NEWHOST")
SCST_HOSTNO=$NEWHOST
ktap_expect_eq "the session directory stays" "yes cv_ini" \
	"$([ -d "$S" ] && echo yes) $(scst_get "$S/initiator_name")"

SG1=$(scst_poll "$SCST_WAIT_SECS" sdev_sg "$NEWHOST" 1) &&
	SG0=$(sdev_sg "$NEWHOST" 0)
ktap_result $? "the new host finds LUNs 0 and 1"
# SAM-5 6.3.4: the new nexus learns of the loss of the old one
scst_sg_raw "$TMP/tur1.out" "$SG1" 00 00 00 00 00 00
scst_expect_sense "LUN 1, first command: UNIT ATTENTION, I_T NEXUS LOSS OCCURRED" \
	"$TMP/tur1.out" 06 29 07
scst_sg_raw "$TMP/tur0.out" "$SG0" 00 00 00 00 00 00
scst_expect_sense "LUN 0, first command: UNIT ATTENTION, I_T NEXUS LOSS OCCURRED" \
	"$TMP/tur0.out" 06 29 07
ktap_check "then TEST UNIT READY passes" sg_turs "$SG1"

echo "$AUTOPROBE_WAS" >$AUTOPROBE &&
	echo "$NEWHOST:0:0:1" >/sys/bus/scsi/drivers_probe
DISK1=$(scst_wait_disk "$NEWHOST" 1)
ktap_result $? "the disk of LUN 1 is back ($DISK1)"
dd if="/dev/$DISK1" bs=64k count=1 iflag=direct status=none 2>/dev/null |
	cmp -s - "$TMP/pattern"
ktap_result $? "reading it returns the pattern"
NR_AFTER=$(scst_get "$S/nr_cmds")
if [ "$NR_AFTER" -gt "$NR_BEFORE" ] 2>/dev/null; then
	ktap_ok "nr_cmds counts on across the close ($NR_BEFORE, then $NR_AFTER)"
else
	ktap_fail "nr_cmds counts on across the close ($NR_BEFORE, then $NR_AFTER)"
fi
ktap_expect_eq "no active commands" 0 "$(scst_get "$S/active_commands")"
rm "$T/luns/1/device" && rmdir "$T/luns/1" && scst_wait_disk_gone "$NEWHOST" 1
ktap_result $? "unlink and rmdir LUN 1: its disk goes away"

# ---- orderly removal works after all the rejected operations
rmdir "$T/sessions/cv_ini" &&
	scst_wait_gone "/sys/class/scsi_host/host$SCST_HOSTNO"
ktap_result $? "rmdir session"
rm "$T/luns/0/device" && rmdir "$T/luns/0"
ktap_result $? "unlink and rmdir LUN 0"
ktap_expect_eq "cv_null no longer exported" 0 "$(scst_get "$N/exported")"
accept "disable cv_null" "$N" enable 0
accept "blocksize writable again once disabled" "$N" blocksize 2048
rmdir "$N" && rmdir "$T"
ktap_result $? "rmdir device and target"

scst_check_clean "cleanup leaves an empty configfs tree"
ktap_finish
