#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Identity of SCST devices as the initiator sees it: devices made with
# custom and default vendor, product, revision, serial, block size and
# size are exported through scst_local; sysfs, INQUIRY (sg_inq), the VPD
# pages (sg_vpd) and READ CAPACITY (sg_readcap) must report exactly the
# configured values.
[ -n "${BASH_VERSION:-}" ] || exec /bin/bash "$0" "$@"
. "$(dirname "$0")/scst_lib.sh"

scst_require_cmds sg_inq sg_vpd sg_readcap blockdev truncate
scst_init

TGT=ident_tgt
INI=ident_ini
TMP=$(scst_tmpdir)

# name handler lun vendor product revision serial blocksize size
#   "-" for vendor/product/revision/serial: the default
DEVS=(
	"id512 vdisk_nullio 0 ACME_CO IdentTest512 R1b2 SN-512-0001 512 104858112"
	"id4k vdisk_fileio 1 Vnd4K SixteenCharProdX 4KRV"\
" 0123456789abcdefABCDEF0123456789 4096 50352128"
	"default_identity_nullio vdisk_nullio 2 - - - - 512 1073741824"
	"dflt_fio vdisk_fileio 3 - - - - 2048 33556480"
)
CHECKS_PER_DEV=21
ktap_plan $((${#DEVS[@]} * CHECKS_PER_DEV + 3))

# Expected values of the fields the defaults fill in
default_vendor() {
	case $1 in
	vdisk_nullio) echo SCST_NUL ;;
	vdisk_fileio) echo SCST_FIO ;;
	esac
}

scst_mk_target $TGT
for spec in "${DEVS[@]}"; do
	read -r name handler lun vendor product rev serial bs size <<<"$spec"
	attrs=("blocksize=$bs")
	[ "$vendor" != - ] && attrs+=("vendor=$vendor")
	[ "$product" != - ] && attrs+=("product=$product")
	[ "$rev" != - ] && attrs+=("revision=$rev")
	[ "$serial" != - ] && attrs+=("serial=$serial")
	if [ "$handler" = vdisk_nullio ]; then
		# the default size of vdisk_nullio is 1 GiB: keep it for 1 GiB
		[ "$size" != 1073741824 ] && attrs+=("size=$size")
		scst_mk_nullio "$name" "${attrs[@]}"
	else
		# fileio size 0 (default): the size of the file
		truncate -s "$size" "$TMP/$name.img" || ktap_bail "truncate"
		scst_mk_fileio "$name" "$TMP/$name.img" "$size" "${attrs[@]}"
	fi
	scst_map $TGT "$lun" "$name"
done
scst_mk_session $TGT $INI

naas=()
for spec in "${DEVS[@]}"; do
	read -r name handler lun vendor product rev serial bs size <<<"$spec"
	D=$SCST_HANDLERS/$handler/$name
	blocks=$((size / bs))
	[ "$vendor" = - ] && vendor=$(default_vendor "$handler")
	[ "$product" = - ] && product=${name:0:16}
	[ "$rev" = - ] && rev=0100
	p="$name (LUN $lun, $handler, bs $bs)"

	scst_get_disk "$SCST_HOSTNO" "$lun"
	disk=$SCST_DISK
	sg=$SCST_SGDEV
	sys=/sys/block/$disk
	ktap_info "$name is /dev/$disk ($sg)"

	# configfs view
	if [ "$serial" = - ]; then
		serial=$(scst_get "$D/serial")
		if [[ $serial =~ ^[0-9a-f]{8}$ ]]; then
			ktap_ok "$p: default serial is 8 hex digits"
		else
			ktap_info "serial '$serial'"
			ktap_fail "$p: default serial is 8 hex digits"
		fi
	else
		ktap_expect_eq "$p: configfs serial" "$serial" \
			"$(scst_get "$D/serial")"
	fi
	ktap_expect_eq "$p: configfs size" "$size" "$(scst_get "$D/size")"
	ktap_expect_eq "$p: configfs exported" 1 "$(scst_get "$D/exported")"

	# what the SCSI midlayer and sd read
	ktap_expect_eq "$p: sysfs vendor" "$(printf '%-8s' "$vendor")" \
		"$(cat "$sys/device/vendor")"
	ktap_expect_eq "$p: sysfs model" "$(printf '%-16s' "$product")" \
		"$(cat "$sys/device/model")"
	ktap_expect_eq "$p: sysfs rev" "$(printf '%-4s' "$rev")" \
		"$(cat "$sys/device/rev")"
	ktap_expect_eq "$p: logical_block_size" "$bs" \
		"$(cat "$sys/queue/logical_block_size")"
	ktap_expect_eq "$p: /dev/$disk size in bytes" "$size" \
		"$(blockdev --getsize64 "/dev/$disk")"
	ktap_expect_eq "$p: sysfs size in 512 byte sectors" $((size / 512)) \
		"$(cat "$sys/size")"
	ktap_expect_eq "$p: not rotational (VPD B1h)" 0 \
		"$(cat "$sys/queue/rotational")"

	# standard INQUIRY and the serial number
	scst_clear_ua "$sg"
	inq=$(sg_inq "$sg" 2>&1)
	exp="Vendor identification: $(printf '%-8s' "$vendor")
Product identification: $(printf '%-16s' "$product")
Product revision level: $(printf '%-4s' "$rev")
Unit serial number: $serial"
	fields='Vendor identification|Product identification'
	fields="$fields|Product revision level|Unit serial number"
	got=$(printf '%s\n' "$inq" | sed -n -E "s/^ *(($fields):)/\\1/p")
	ktap_expect_eq "$p: sg_inq identity" "$exp" "$got"
	if printf '%s\n' "$inq" | grep -q 'PQual=0  PDT=0 .* version=0x06  \[SPC-4\]'; then
		ktap_ok "$p: sg_inq: connected disk, SPC-4"
	else
		ktap_info "$inq"
		ktap_fail "$p: sg_inq: connected disk, SPC-4"
	fi

	# VPD pages
	ktap_expect_eq "$p: sg_vpd -p sn" "  Unit serial number: $serial" \
		"$(sg_vpd -p sn "$sg" 2>&1 | grep 'Unit serial number:')"
	di=$(sg_vpd -l -p di "$sg" 2>&1)
	naa=$(printf '%s\n' "$di" | grep -A1 'NAA 3, Locally assigned' |
		grep -oE '0x3[0-9a-f]{15}$')
	if [ -n "$naa" ]; then
		ktap_ok "$p: sg_vpd -p di: NAA 3 locally assigned designator"
	else
		ktap_info "$di"
		ktap_fail "$p: sg_vpd -p di: NAA 3 locally assigned designator"
	fi
	naas+=("$naa")
	# both designators have the lowest priority for Linux, so the
	# longer T10 vendor ID one gives the wwid (scsi_vpd_lun_id())
	ktap_expect_eq "$p: sysfs wwid" \
		"t10.$(printf '%-8s' "$vendor")$serial" \
		"$(cat "$sys/device/wwid" 2>&1)"
	got=$(printf '%s\n' "$di" | grep -A2 'designator type: T10 vendor identification' |
		sed -n 's/^ *\(vendor id\|vendor specific\): //p' | tr '\n' '|')
	ktap_expect_eq "$p: sg_vpd -p di: T10 vendor ID designator" \
		"$(printf '%-8s' "$vendor")|$serial|" "$got"
	# Block Limits: the maximum transfer length is 8 MiB
	bl=$(sg_vpd -p bl "$sg" 2>&1)
	fields='Maximum transfer length|Optimal transfer length granularity'
	got=$(printf '%s\n' "$bl" | grep -E "^  ($fields):")
	ktap_expect_eq "$p: sg_vpd -p bl" \
		"  Optimal transfer length granularity: 1 blocks
  Maximum transfer length: $((8388608 / bs)) blocks" "$got"
	if sg_vpd -p bdc "$sg" 2>&1 | grep -q 'Non-rotating medium'; then
		ktap_ok "$p: sg_vpd -p bdc: non-rotating medium"
	else
		ktap_fail "$p: sg_vpd -p bdc: non-rotating medium"
	fi

	# READ CAPACITY (16) and (10)
	read -r n l <<<"$(sg_readcap -l -b "$sg" 2>/dev/null)"
	ktap_expect_eq "$p: sg_readcap -l: blocks and block size" \
		"$blocks $bs" "$((n)) $((l))"
	rc=$(sg_readcap -l "$sg" 2>&1)
	nb=$(printf '%s\n' "$rc" |
		sed -n 's/.*Number of logical blocks=\([0-9]*\).*/\1/p')
	blen=$(printf '%s\n' "$rc" |
		sed -n 's/.*Logical block length=\([0-9]*\) bytes.*/\1/p')
	got="$nb $blen"
	ktap_expect_eq "$p: sg_readcap -l text: number of blocks, block length" \
		"$blocks $bs" "$got"
	read -r n l <<<"$(sg_readcap -b "$sg" 2>/dev/null)"
	ktap_expect_eq "$p: sg_readcap (10): blocks and block size" \
		"$blocks $bs" "$((n)) $((l))"
done

# NAA designators are unique
dups=$(printf '%s\n' "${naas[@]}" | sort | uniq -d)
ktap_expect_eq "NAA designators of the ${#naas[@]} devices are distinct" "" "$dups"

# a device's identity is fixed while it is enabled
D=$SCST_HANDLERS/vdisk_nullio/id512
scst_write "$D/vendor" NEWVEND
ktap_expect_eq "vendor cannot change while enabled (EBUSY, unchanged)" \
	"Device or resource busy ACME_CO" "$SCST_ERR $(scst_get "$D/vendor")"

scst_check_clean "cleanup leaves an empty configfs tree"
ktap_finish
