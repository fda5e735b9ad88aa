#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# SBC-3 features of the vdisk handlers, seen from the initiator side with
# sg3_utils: REPORT SUPPORTED OPERATION CODES and REPORT SUPPORTED TASK
# MANAGEMENT FUNCTIONS; logical block provisioning of vdisk_fileio (the
# provisioning VPD pages, UNMAP, WRITE SAME with and without UNMAP, a
# discard from the block layer, GET LBA STATUS) with the holes it punches
# in the backing file; VERIFY with BYTCHK and the offset of the first
# miscompare; WCE in the Caching mode page; and vdisk_blockio on a loop
# device over the same file as a vdisk_fileio device, data written
# through either one read back byte for byte through the other.
[ -n "${BASH_VERSION:-}" ] || exec /bin/bash "$0" "$@"
. "$(dirname "$0")/scst_lib.sh"

scst_require_cmds sg_raw sg_opcodes sg_vpd sg_readcap sg_unmap sg_write_same \
	sg_get_lba_status sg_verify sg_modes blkdiscard python3 cmp dd od \
	head stat truncate
scst_init
ktap_plan 68

TGT=sbc_tgt
INI=sbc_ini
T=$SCST_LOCAL/$TGT
TMP=$(scst_tmpdir)
OUT=$TMP/sg.out
IMG=$TMP/sbc0.img
SHARED=$TMP/shared.img
MIB=1048576
NR_BLOCKS=32768		# sbc0: 16 MiB of 512 byte blocks
SH_SIZE=$((8 * MIB))	# the file behind sbc_wt and the loop device
LOOP=

# The loop device goes after the SCST devices that hold it open.
# shellcheck disable=SC2317
cleanup() {
	scst_cleanup
	if [ -n "$LOOP" ]; then
		losetup -d "$LOOP" 2>/dev/null
		LOOP=
	fi
}
trap cleanup EXIT

# hexbytes FILE: the bytes of FILE as one line of hex pairs
hexbytes() {
	od -An -tx1 -v "$1" | tr -s ' \n' '  ' | sed 's/^ //; s/ $//'
}

# blocks FILE: allocated 512 byte units of FILE
blocks() {
	stat -c %b "$1"
}

# extents FILE END: the data (D) and hole (H) extents of the first END
# bytes of FILE in 512 byte blocks, "D0+256 H256+256 ..." (SEEK_DATA and
# SEEK_HOLE, as GET LBA STATUS of vdisk_fileio sees them)
extents() {
	python3 - "$1" "$2" <<'PYEOF'
import errno, os, sys
fd = os.open(sys.argv[1], os.O_RDONLY)
end = int(sys.argv[2])
pos, out = 0, []
while pos < end:
    try:
        data = os.lseek(fd, pos, os.SEEK_DATA)
    except OSError as e:
        if e.errno != errno.ENXIO:
            raise
        data = end
    data = min(data, end)
    if data > pos:
        out.append("H%d+%d" % (pos // 512, (data - pos) // 512))
        pos = data
        continue
    hole = min(os.lseek(fd, pos, os.SEEK_HOLE), end)
    out.append("D%d+%d" % (pos // 512, (hole - pos) // 512))
    pos = hole
print(" ".join(out))
PYEOF
}

# fill FILE OFFSET LEN BYTE: overwrite LEN bytes of FILE at OFFSET with BYTE
fill() {
	python3 - "$@" <<'PYEOF'
import sys
f, off, n, b = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4], 0)
with open(f, 'r+b') as fp:
    fp.seek(off)
    fp.write(bytes([b]) * n)
PYEOF
}

# rd DISK OFFSET LEN FILE: LEN bytes at OFFSET of DISK into FILE, O_DIRECT
rd() {
	dd if="/dev/$1" of="$4" iflag=direct,skip_bytes,count_bytes bs=65536 \
		skip="$2" count="$3" status=none
}

# wr FILE DISK OFFSET: FILE to DISK at byte OFFSET, O_DIRECT
wr() {
	dd if="$1" of="/dev/$2" oflag=direct,seek_bytes bs=65536 seek="$3" \
		conv=notrunc status=none
}

# check_data DESC DISK EXPECTED: the first size-of-EXPECTED bytes of DISK
# are EXPECTED, byte for byte
check_data() {
	local n

	n=$(stat -c %s "$3")
	rm -f "$TMP/rd"
	if rd "$2" 0 "$n" "$TMP/rd" && cmp "$3" "$TMP/rd" >"$TMP/cmp.out" 2>&1
	then
		ktap_ok "$1"
	else
		ktap_info "$(cat "$TMP/cmp.out")"
		ktap_fail "$1"
	fi
}

# sg_good DESC CMD...: CMD (an sg3_utils tool) exits 0
sg_good() {
	local desc=$1 rc

	shift
	"$@" >"$OUT" 2>&1
	rc=$?
	if [ "$rc" = 0 ]; then
		ktap_ok "$desc"
	else
		ktap_info "$* exit status $rc:"
		ktap_info "$(cat "$OUT")"
		ktap_fail "$desc"
	fi
}

# sense_info FILE: "VALID INFORMATION" of the fixed format sense data in
# sg_raw's output FILE, e.g. "1 1234"
sense_info() {
	local -a b

	read -r -a b <<<"$(scst_sense_bytes "$1")"
	[ "${#b[@]}" -ge 7 ] || return 1
	echo "$(((0x${b[0]} & 0x80) >> 7)) $((0x${b[3]}${b[4]}${b[5]}${b[6]}))"
}

be() {
	scst_cdb_be "$@"
}

scst_mk_target $TGT
scst_mk_fileio sbc0 "$IMG" $((NR_BLOCKS * 512))
truncate -s $SH_SIZE "$SHARED" || ktap_bail "cannot create $SHARED"
scst_mk_fileio sbc_wt "$SHARED" $SH_SIZE write_through=1
scst_map $TGT 0 sbc0
scst_map $TGT 1 sbc_wt
LOOP_WHY=
if [ ! -e /dev/loop-control ]; then
	LOOP_WHY="no /dev/loop-control (CONFIG_BLK_DEV_LOOP)"
elif ! command -v losetup >/dev/null 2>&1; then
	LOOP_WHY="losetup is not installed"
elif ! LOOP=$(losetup -f --show "$SHARED" 2>"$OUT"); then
	LOOP_WHY="losetup failed: $(cat "$OUT")"
	LOOP=
else
	_scst_mkdev vdisk_blockio sbc_blk "filename=$LOOP"
	scst_map $TGT 2 sbc_blk
fi
scst_mk_nullio sbc_nz read_zero=0
scst_mk_nullio sbc_z
scst_map $TGT 3 sbc_nz
scst_map $TGT 4 sbc_z
scst_setup_disk $TGT $INI 0
H=$SCST_HOSTNO
SG=$SCST_SGDEV
DISK=$SCST_DISK
scst_get_disk "$H" 1
SG_WT=$SCST_SGDEV
DISK_WT=$SCST_DISK
scst_clear_ua "$SG"
scst_clear_ua "$SG_WT"
if [ -n "$LOOP" ]; then
	scst_get_disk "$H" 2
	SG_BLK=$SCST_SGDEV
	DISK_BLK=$SCST_DISK
	scst_clear_ua "$SG_BLK"
fi
scst_get_disk "$H" 3
SG_NZ=$SCST_SGDEV
DISK_NZ=$SCST_DISK
scst_clear_ua "$SG_NZ"
scst_get_disk "$H" 4
DISK_Z=$SCST_DISK
scst_clear_ua "$SCST_SGDEV"
ktap_info "fileio disk $DISK ($SG), write-through disk $DISK_WT, loop ${LOOP:-none}"

# ---------------------------------------------- REPORT SUPPORTED OPCODES

# Every descriptor of the "all commands" format (SPC-4 6.35.2): 8 bytes
# without RCTD; CDB LENGTH by the group code (SPC-4 4.2.5.1); SERVACTV
# exactly for the opcodes with service actions.
sg_opcodes -n -r "$SG" >"$TMP/rsoc.bin" 2>"$OUT"
rc=$?
python3 - "$TMP/rsoc.bin" >"$TMP/rsoc.txt" <<'PYEOF'
import sys
d = open(sys.argv[1], 'rb').read()
n = int.from_bytes(d[0:4], 'big') if len(d) >= 4 else -1
print("len", "ok" if n >= 0 and n % 8 == 0 and len(d) == 4 + n else
      "bad: %d bytes, COMMAND DATA LENGTH %d" % (len(d), n))
grp = {0: 6, 1: 10, 2: 10, 4: 16, 5: 12}
seen, bad, dup, cmds = set(), [], [], {}
for i in range(4, len(d) - 7, 8):
    op, sa, fl, cl = d[i], int.from_bytes(d[i + 2:i + 4], 'big'), d[i + 5], \
        int.from_bytes(d[i + 6:i + 8], 'big')
    key = "%02x/%02x" % (op, sa) if fl & 1 else "%02x" % op
    if key in seen:
        dup.append(key)
    seen.add(key)
    if grp.get(op >> 5) != cl or (fl & 1) != (op in (0x9e, 0xa3)) or \
       (not fl & 1 and sa):
        bad.append("%s:%d" % (key, cl))
    cmds[key] = cl
print("bad", " ".join(bad))
print("dup", " ".join(dup))
want = ["00", "12", "28", "2a", "2f", "41", "42", "88", "8a", "8f", "93",
        "9e/10", "9e/12", "a3/0c", "a3/0d"]
print("want", " ".join("%s:%s" % (k, cmds.get(k, "-")) for k in want))
PYEOF
if [ "$rc" = 0 ] && [ "$(sed -n 's/^len //p' "$TMP/rsoc.txt")" = ok ]; then
	ktap_ok "sg_opcodes: REPORT SUPPORTED OPERATION CODES, all commands"
else
	ktap_info "sg_opcodes exit status $rc: $(cat "$OUT" "$TMP/rsoc.txt")"
	ktap_fail "sg_opcodes: REPORT SUPPORTED OPERATION CODES, all commands"
fi
ktap_expect_eq "RSOC: every CDB length follows the group code, SERVACTV right" \
	"bad " "$(grep '^bad' "$TMP/rsoc.txt")"
ktap_expect_eq "RSOC: no command is listed twice" "dup " \
	"$(grep '^dup' "$TMP/rsoc.txt")"
want="want 00:6 12:6 28:10 2a:10 2f:10 41:10 42:10 88:16 8a:16 8f:16 93:16"
want="$want 9e/10:16 9e/12:16 a3/0c:12 a3/0d:12"
ktap_expect_eq "RSOC lists TUR, INQUIRY, READ/WRITE, VERIFY, WRITE SAME, UNMAP, ..." \
	"$want" "$(grep '^want' "$TMP/rsoc.txt")"

# one_command format (SPC-4 6.35.3): SUPPORT 011b, CDB SIZE, usage data
sg_opcodes -n -r -o 0x28 "$SG" >"$TMP/one.bin" 2>"$OUT"
ktap_expect_eq "RSOC READ(10): supported, CDB size 10, usage data 28 18 ff .. 07" \
	"00 03 00 0a 28 18 ff ff ff ff 00 ff ff 07" "$(hexbytes "$TMP/one.bin")"
sg_opcodes -n -o 0x28 "$SG" >"$OUT" 2>&1
if grep -qi 'supported' "$OUT" && ! grep -qi 'not supported' "$OUT" &&
	grep -qiE '28 18 ff ff ff ff 00 ff ff 07' "$OUT"; then
	ktap_ok "sg_opcodes -o 0x28 says supported and shows the usage data"
else
	ktap_info "$(cat "$OUT")"
	ktap_fail "sg_opcodes -o 0x28 says supported and shows the usage data"
fi
sg_opcodes -n -r -o 0x9e,0x10 "$SG" >"$TMP/one.bin" 2>"$OUT"
ktap_expect_eq "RSOC READ CAPACITY(16): supported, 16 bytes, SA 10h in the usage data" \
	"00 03 00 10 9e 10 ff ff ff ff ff ff ff ff ff ff ff ff 01 07" \
	"$(hexbytes "$TMP/one.bin")"
sg_opcodes -n -r -o 0xc0 "$SG" >"$TMP/one.bin" 2>"$OUT"
ktap_expect_eq "RSOC opcode C0h: not supported, no usage data" \
	"00 01 00 00" "$(hexbytes "$TMP/one.bin")"

# REPORT SUPPORTED TASK MANAGEMENT FUNCTIONS (SPC-4 6.36): ATS, ATSS,
# CTSS, LURS, QTS, TRS; ITNRS
sg_opcodes -n -t -r "$SG" >"$TMP/tmf.bin" 2>"$OUT"
ktap_expect_eq "RSTMF: ABORT TASK (SET), CLEAR TASK SET, LU/TARGET/I_T NEXUS RESET, QUERY TASK" \
	"de 01 00 00" "$(hexbytes "$TMP/tmf.bin")"
sg_opcodes -n -t -q -r "$SG" >"$TMP/tmf.bin" 2>"$OUT"
ktap_expect_eq "RSTMF with REPD: 16 bytes, ADDITIONAL DATA LENGTH 0Ch" \
	"de 01 00 0c 00 00 00 00 00 00 00 00 00 00 00 00" \
	"$(hexbytes "$TMP/tmf.bin")"

# ---------------------------------------------- provisioning parameters

sg_vpd -r -p lbpv "$SG" >"$TMP/vpd.bin" 2>"$OUT"
ktap_expect_eq "fileio LBP VPD page: LBPU, LBPWS, LBPWS10, LBPRZ, thin" \
	"00 b2 00 04 00 e4 02 00" "$(hexbytes "$TMP/vpd.bin")"
sg_vpd -r -p bl "$SG" >"$TMP/vpd.bin" 2>"$OUT"
ktap_expect_eq "fileio Block Limits: unmap limits, granularity of a 4 KiB page" \
	"mtl=16384 mulc=4194304 mubdc=256 oug=8 uga=80000000 mwsl=4194304" \
	"$(python3 - "$TMP/vpd.bin" <<'PYEOF'
import sys
d = open(sys.argv[1], 'rb').read()
g = lambda o, n: int.from_bytes(d[o:o + n], 'big')
print("mtl=%d mulc=%d mubdc=%d oug=%d uga=%08x mwsl=%d" %
      (g(8, 4), g(20, 4), g(24, 4), g(28, 4), g(32, 4), g(36, 8)))
PYEOF
)"
sg_readcap -l -r "$SG" >"$TMP/rc16.bin" 2>"$OUT"
ktap_expect_eq "READ CAPACITY(16): last LBA 32767, 512 bytes, LBPME and LBPRZ" \
	"00 00 00 00 00 00 7f ff 00 00 02 00 00 00 c0 00" \
	"$(head -c 16 "$TMP/rc16.bin" | od -An -tx1 -v | tr -s ' \n' '  ' |
		sed 's/^ //; s/ $//')"
ktap_expect_eq "the initiator's sd uses UNMAP for discards" unmap \
	"$(cat /sys/block/"$DISK"/device/scsi_disk/*/provisioning_mode)"

# ---------------------------------------------- unmapping through sbc0

# 1 MiB (LBA 0..2047) of random data, then deallocate parts of it; the
# range sizes and offsets are multiples of tmpfs' 4 KiB unmap granularity.
EXP=$TMP/expect
head -c $MIB /dev/urandom >"$EXP"
wr "$EXP" "$DISK" 0
ktap_expect_eq "1 MiB written: the backing file has 2048 blocks allocated" \
	2048 "$(blocks "$IMG")"

b0=$(blocks "$IMG")
sg_good "sg_unmap of LBA 256..511" sg_unmap --force --lba=256 --num=256 "$SG"
fill "$EXP" $((256 * 512)) $((256 * 512)) 0
check_data "the unmapped blocks read as zeroes, the others are unchanged" \
	"$DISK" "$EXP"
ktap_expect_eq "UNMAP punched a 128 KiB hole into the backing file" \
	"256 H256+256" \
	"$((b0 - $(blocks "$IMG"))) $(extents "$IMG" $((512 * 512)) |
		sed 's/^D0+256 //')"

b0=$(blocks "$IMG")
sg_good "WRITE SAME(16) with UNMAP and a zero block, LBA 1024..1087" \
	sg_write_same --16 --unmap --lba=1024 --num=64 "$SG"
sg_good "WRITE SAME(10) with UNMAP and a zero block, LBA 1088..1151" \
	sg_write_same --10 --unmap --lba=1088 --num=64 "$SG"
sg_good "WRITE SAME(16) with UNMAP and NDOB, LBA 1280..1343" \
	sg_write_same --16 --unmap --ndob --lba=1280 --num=64 "$SG"
fill "$EXP" $((1024 * 512)) $((128 * 512)) 0
fill "$EXP" $((1280 * 512)) $((64 * 512)) 0
check_data "WRITE SAME with UNMAP: the blocks read as zeroes" "$DISK" "$EXP"
ktap_expect_eq "WRITE SAME with UNMAP deallocated 192 blocks of the file" \
	192 $((b0 - $(blocks "$IMG")))

b0=$(blocks "$IMG")
sg_good "WRITE SAME(16) with NDOB, no UNMAP, LBA 1400..1407" \
	sg_write_same --16 --ndob --lba=1400 --num=8 "$SG"
head -c 512 /dev/zero | tr '\0' '\132' >"$TMP/blk5a"
sg_good "WRITE SAME(10) of a block of 5Ah bytes, LBA 1536..1599" \
	sg_write_same --10 --in="$TMP/blk5a" --lba=1536 --num=64 "$SG"
fill "$EXP" $((1400 * 512)) $((8 * 512)) 0
fill "$EXP" $((1536 * 512)) $((64 * 512)) 0x5a
check_data "WRITE SAME wrote zeroes and 5Ah exactly over their ranges" \
	"$DISK" "$EXP"
ktap_expect_eq "WRITE SAME without UNMAP deallocated nothing" 0 \
	$((b0 - $(blocks "$IMG")))

# SBC-4, WRITE SAME: with UNMAP set and ANCHOR clear the action is
# "unmap", whatever the block holds; LBPRZ makes the blocks read as zeroes
b0=$(blocks "$IMG")
head -c 512 /dev/zero | tr '\0' '\377' >"$TMP/blkff"
sg_good "WRITE SAME(16) with UNMAP of a block of FFh bytes, LBA 1664..1695" \
	sg_write_same --16 --unmap --in="$TMP/blkff" --lba=1664 --num=32 "$SG"
sg_good "WRITE SAME(10) with UNMAP of a block of FFh bytes, LBA 1696..1727" \
	sg_write_same --10 --unmap --in="$TMP/blkff" --lba=1696 --num=32 "$SG"
fill "$EXP" $((1664 * 512)) $((64 * 512)) 0
check_data "WRITE SAME with UNMAP of FFh blocks: the blocks read as zeroes" \
	"$DISK" "$EXP"
ktap_expect_eq "WRITE SAME with UNMAP of FFh blocks deallocated 64 blocks" 64 \
	$((b0 - $(blocks "$IMG")))

b0=$(blocks "$IMG")
if blkdiscard -o $((1792 * 512)) -l $((128 * 512)) "/dev/$DISK" 2>"$OUT"; then
	ktap_ok "blkdiscard of LBA 1792..1919"
else
	ktap_info "$(cat "$OUT")"
	ktap_fail "blkdiscard of LBA 1792..1919"
fi
fill "$EXP" $((1792 * 512)) $((128 * 512)) 0
check_data "the discarded blocks read as zeroes" "$DISK" "$EXP"
ktap_expect_eq "the discard deallocated 128 blocks of the file" 128 \
	$((b0 - $(blocks "$IMG")))

MAP="D0+256 H256+256 D512+512 H1024+128 D1152+128 H1280+64 D1344+320"
MAP="$MAP H1664+64 D1728+64"
MAP="$MAP H1792+128 D1920+128 H2048+30720"
ktap_expect_eq "the backing file's holes are exactly the deallocated ranges" \
	"$MAP" "$(extents "$IMG" $((NR_BLOCKS * 512)))"
# the same map as SBC-3 GET LBA STATUS descriptors: 0 mapped, 1 deallocated
sg_get_lba_status -r -m 264 "$SG" >"$TMP/gls.bin" 2>"$OUT"
ktap_expect_eq "GET LBA STATUS reports the same extents" "$MAP" \
	"$(python3 - "$TMP/gls.bin" <<'PYEOF'
import sys
d = open(sys.argv[1], 'rb').read()
n = int.from_bytes(d[0:4], 'big') if len(d) >= 8 else 0
out = []
for i in range(8, min(len(d), 4 + n), 16):
    lba = int.from_bytes(d[i:i + 8], 'big')
    cnt = int.from_bytes(d[i + 8:i + 12], 'big')
    st = d[i + 12] & 0xf
    out.append("%s%d+%d" % ({0: "D", 1: "H"}.get(st, "?%d" % st), lba, cnt))
print(" ".join(out))
PYEOF
)"
sg_get_lba_status -r -l 300 -m 24 "$SG" >"$TMP/gls.bin" 2>"$OUT"
ktap_expect_eq "GET LBA STATUS from LBA 300, room for one descriptor" \
	"00 00 00 14 00 00 00 00 00 00 00 00 00 00 01 2c 00 00 00 d4 01 00 00 00" \
	"$(hexbytes "$TMP/gls.bin")"

# ---------------------------------------------- VERIFY with BYTCHK

# BYTCHK 01b compares the data sent (SBC-3 VERIFY(10)); a difference is a
# MISCOMPARE whose INFORMATION is the offset of the first differing byte
head -c $((608 * 512)) "$EXP" | tail -c 4096 >"$TMP/v8"
sg_good "VERIFY(10) BYTCHK=1 of LBA 600..607 with the same data: GOOD" \
	sg_verify --lba=600 --count=8 --ndo=4096 --in="$TMP/v8" "$SG"
cp "$TMP/v8" "$TMP/v8bad"
python3 - "$TMP/v8bad" <<'PYEOF'
import sys
with open(sys.argv[1], 'r+b') as f:
    f.seek(1234)
    b = f.read(1)[0]
    f.seek(1234)
    f.write(bytes([b ^ 0xff]))
PYEOF
sg_verify --lba=600 --count=8 --ndo=4096 --in="$TMP/v8bad" "$SG" >"$OUT" 2>&1
ktap_expect_eq "sg_verify with one byte changed: exit status 14 (miscompare)" \
	14 $?
# shellcheck disable=SC2046
scst_sg_raw "$OUT" "$SG" -s 4096 -i "$TMP/v8bad" 2f 02 $(be 8 600) 00 00 08 00
scst_expect_sense "VERIFY(10) BYTCHK=1: MISCOMPARE, MISCOMPARE DURING VERIFY" \
	"$OUT" 0e 1d 00
ktap_expect_eq "... INFORMATION is the offset of the changed byte, 1234" \
	"1 1234" "$(sense_info "$OUT")"
# BYTCHK 11b: one block compared with every block of the range
sg_good "VERIFY(16) BYTCHK=3 of the 5Ah blocks with one 5Ah block: GOOD" \
	sg_verify --16 --ebytchk=3 --ndo=512 --lba=1536 --count=64 \
	--in="$TMP/blk5a" "$SG"
head -c 512 /dev/zero >"$TMP/blk0"
sg_good "VERIFY(16) BYTCHK=3 of unmapped blocks with a zero block: GOOD (LBPRZ)" \
	sg_verify --16 --ebytchk=3 --ndo=512 --lba=256 --count=256 \
	--in="$TMP/blk0" "$SG"
# LBA 1598..1601: two 5Ah blocks, then random data
off=$(python3 - "$EXP" <<'PYEOF'
import sys
d = open(sys.argv[1], 'rb').read()[1598 * 512:1602 * 512]
print(next(i for i, b in enumerate(d) if b != 0x5a))
PYEOF
)
# shellcheck disable=SC2046
scst_sg_raw "$OUT" "$SG" -s 512 -i "$TMP/blk5a" \
	8f 06 $(be 16 1598) $(be 8 4) 00 00
scst_expect_sense "VERIFY(16) BYTCHK=3 across the end of the 5Ah blocks: MISCOMPARE" \
	"$OUT" 0e 1d 00
ktap_expect_eq "... INFORMATION is the offset of the first other byte ($off)" \
	"1 $off" "$(sense_info "$OUT")"

# ---------------------------------------------- Caching mode page

# wce SG [PC]: WCE of the Caching mode page (MODE SENSE(10) by sg_modes)
wce() {
	sg_modes -r -p 8 -c "${2:-0}" "$1" >"$TMP/ms.bin" 2>/dev/null &&
	python3 - "$TMP/ms.bin" <<'PYEOF'
import sys
d = open(sys.argv[1], 'rb').read()
# the whole MODE SENSE(10) response, or just the page
page = d[0] & 0x3f == 8 and len(d) == d[1] + 2
off = 0 if page else 8 + int.from_bytes(d[6:8], 'big')
print((d[off + 2] >> 2) & 1 if len(d) > off + 2 and d[off] & 0x3f == 8
      else "no caching page")
PYEOF
}

# set_wce SG VALUE: MODE SELECT(6) of the Caching page with WCE = VALUE;
# sg_raw's output in $OUT
set_wce() {
	local n

	scst_sg_raw "$OUT" "$1" 1a 08 08 00 ff 00 -r 255 -o "$TMP/ms6.bin"
	python3 - "$TMP/ms6.bin" "$TMP/msel.bin" "$2" <<'PYEOF'
import sys
d = bytearray(open(sys.argv[1], 'rb').read())
off = 4 + d[3]
page = d[off:off + 2 + d[off + 1]]
page[0] &= 0x3f		# PS is reserved in MODE SELECT
page[2] = (page[2] & ~0x04) | (int(sys.argv[3]) << 2)
open(sys.argv[2], 'wb').write(bytes(4) + bytes(page))
PYEOF
	n=$(stat -c %s "$TMP/msel.bin")
	scst_sg_raw "$OUT" "$1" 15 10 00 00 "$(printf %02x "$n")" 00 \
		-s "$n" -i "$TMP/msel.bin"
}

ktap_expect_eq "write_through=0: MODE SENSE shows WCE 1" 1 "$(wce "$SG")"
ktap_expect_eq "write_through=1: MODE SENSE shows WCE 0" 0 "$(wce "$SG_WT")"
ktap_expect_eq "WCE is changeable" 1 "$(wce "$SG" 1)"
set_wce "$SG" 0
rc=$?
if [ "$rc" = 0 ] && ! grep -q 'Check Condition' "$OUT"; then
	ktap_ok "MODE SELECT(6) clearing WCE"
else
	ktap_info "$(cat "$OUT")"
	ktap_fail "MODE SELECT(6) clearing WCE"
fi
ktap_expect_eq "the next MODE SENSE shows WCE 0, write_through reads 1" \
	"0 1" "$(wce "$SG") $(scst_get "$SCST_HANDLERS/vdisk_fileio/sbc0/write_through")"
set_wce "$SG" 1
ktap_expect_eq "MODE SELECT(6) setting WCE: WCE 1, write_through reads 0" \
	"1 0" "$(wce "$SG") $(scst_get "$SCST_HANDLERS/vdisk_fileio/sbc0/write_through")"

# ---------------------------------------------- vdisk_blockio

# sbc_blk (vdisk_blockio on a loop device over $SHARED) and sbc_wt
# (vdisk_fileio on $SHARED, write-through) share their data: the loop
# driver reads and writes the file through its page cache, the one
# vdisk_fileio uses, so no cache can hold stale data.
NBLK=11
if [ -z "$LOOP" ]; then
	for i in $(seq $NBLK); do
		ktap_skip "vdisk_blockio check $i: $LOOP_WHY"
	done
else
	ktap_expect_eq "blockio disk: the size of the loop device, vendor SCST_BIO" \
		"$SH_SIZE SCST_BIO" \
		"$(blockdev --getsize64 "/dev/$DISK_BLK") $(sed 's/ *$//' \
			"/sys/block/$DISK_BLK/device/vendor")"
	head -c $MIB /dev/urandom >"$TMP/p1"
	head -c $MIB /dev/urandom >"$TMP/p2"
	SHEXP=$TMP/shexp
	head -c $((4 * MIB)) /dev/zero >"$SHEXP"
	wr "$TMP/p1" "$DISK_WT" $MIB
	dd if="$TMP/p1" of="$SHEXP" bs=65536 seek=16 conv=notrunc status=none
	check_data "written through fileio, read back through blockio" \
		"$DISK_BLK" "$SHEXP"
	wr "$TMP/p2" "$DISK_BLK" $((3 * MIB))
	dd if="$TMP/p2" of="$SHEXP" bs=65536 seek=48 conv=notrunc status=none
	check_data "written through blockio, read back through fileio" \
		"$DISK_WT" "$SHEXP"
	cmp -n $((4 * MIB)) "$SHEXP" "$SHARED" >"$TMP/cmp.out" 2>&1
	ktap_result $? "the shared file holds both writes"

	sg_vpd -r -p lbpv "$SG_BLK" >"$TMP/vpd.bin" 2>"$OUT"
	ktap_expect_eq "blockio on a loop device: thin, LBPRZ (WRITE ZEROES)" \
		"00 b2 00 04 00 e4 02 00" "$(hexbytes "$TMP/vpd.bin")"
	sg_good "blockio: UNMAP of LBA 6400..6655" \
		sg_unmap --force --lba=6400 --num=256 "$SG_BLK"
	fill "$SHEXP" $((6400 * 512)) $((256 * 512)) 0
	ktap_expect_eq "blockio UNMAP: zeroes through fileio, a hole in the file" \
		"same H6400+256" \
		"$(rd "$DISK_WT" 0 $((4 * MIB)) "$TMP/rd" &&
			cmp -s "$SHEXP" "$TMP/rd" && echo same) $(extents "$SHARED" $((4 * MIB)) |
			grep -o 'H6400+[0-9]*')"
	sg_good "blockio: WRITE SAME(10) of a 5Ah block, LBA 2048..2063" \
		sg_write_same --10 --in="$TMP/blk5a" --lba=2048 --num=16 \
		"$SG_BLK"
	fill "$SHEXP" $((2048 * 512)) $((16 * 512)) 0x5a
	check_data "blockio WRITE SAME: 5Ah through fileio" "$DISK_WT" "$SHEXP"
	sg_good "blockio: WRITE SAME(16) of zeroes without UNMAP, LBA 2100..2107" \
		sg_write_same --16 --lba=2100 --num=8 "$SG_BLK"
	fill "$SHEXP" $((2100 * 512)) $((8 * 512)) 0
	check_data "blockio WRITE SAME of zeroes: zeroes through fileio" \
		"$DISK_WT" "$SHEXP"
fi

# ---------------------------------------------- vdisk_nullio read_zero

# odread DISK: read 4 KiB at offset 8 KiB with O_DIRECT into a buffer full
# of A5h; print the byte count and the distinct byte values left in it
odread() {
	python3 - "/dev/$1" <<'PYEOF'
import mmap, os, sys
fd = os.open(sys.argv[1], os.O_RDONLY | os.O_DIRECT)
buf = mmap.mmap(-1, 4096)
buf.write(b"\xa5" * 4096)
n = os.preadv(fd, [buf], 8192)
print(n, " ".join("%02x" % b for b in sorted(set(buf[:]))))
PYEOF
}
ktap_expect_eq "nullio, read_zero 1: a READ fills the buffer with zeroes" \
	"4096 00" "$(odread "$DISK_Z")"
ktap_expect_eq "nullio, read_zero 0: a READ leaves the buffer as it was" \
	"4096 a5" "$(odread "$DISK_NZ")"
sg_readcap -l -r "$SG_NZ" >"$TMP/rc16nz.bin" 2>"$OUT"
ktap_expect_eq "nullio, read_zero 0: READ CAPACITY(16) has LBPME, not LBPRZ" \
	80 "$(od -An -tx1 -j14 -N1 "$TMP/rc16nz.bin" | tr -d ' ')"

ktap_expect_eq "no command left in flight" 0 \
	"$(scst_get "$T/sessions/$INI/active_commands")"
scst_check_clean "cleanup leaves an empty configfs tree"
if [ -z "$LOOP" ]; then
	ktap_skip "loop device detached: $LOOP_WHY"
else
	losetup -d "$LOOP"
	ktap_result $? "loop device $LOOP detached"
	LOOP=
fi
ktap_finish
