#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A hostile administrator: every writable configfs attribute of every SCST
# object gets values no administrator should write (empty, a lone newline,
# numbers beyond 64 bits, signs, base prefixes, leading zeros, white space,
# two values, embedded NULs, control characters, 4 KiB and longer strings,
# bytes that are no UTF-8, paths that lead nowhere), and every mkdir and
# symlink gets names and targets that make no sense. Each write must fail
# with an errno and leave every attribute of the object, and of the
# objects it belongs to, as it was; a value the ABI documents as valid
# must read back in its documented form, and is then written back.
#
# The attributes are found by walking the tree, so an attribute added
# later gets the same treatment: one the table below does not know must
# reject every value. Devices of every dev handler are attacked while
# disabled, enabled and exported; then LUNs, targets, sessions, the
# subsystem and every other directory of the tree.
#
# Each write is one write(2) of exactly the bytes given, done by a small
# python3 helper that the script drives through a coprocess (the shell
# cannot write a NUL, and printf(1) would split a long value into several
# writes, each of them a store of its own).
[ -n "${BASH_VERSION:-}" ] || exec /bin/bash "$0" "$@"
. "$(dirname "$0")/scst_lib.sh"

scst_require_cmds python3 truncate
scst_init

TMP=$(scst_tmpdir)
TGT=hn_tgt
TGT_OFF=hn_tgt_off
INI=hn_ini
T=$SCST_LOCAL/$TGT
T_OFF=$SCST_LOCAL/$TGT_OFF
G=$T/ini_groups/hn_grp
S=$T/sessions/$INI
D_NULL=$SCST_HANDLERS/vdisk_nullio/hn_null
D_FILE=$SCST_HANDLERS/vdisk_fileio/hn_file
D_BLK=$SCST_HANDLERS/vdisk_blockio/hn_blk
D_CD=$SCST_HANDLERS/vcdrom/hn_cd
LOOP=
VCDROM_LOADED=0
AUTOPROBE=/sys/bus/scsi/drivers_autoprobe
AUTOPROBE_WAS=
HELPER_PID=

# Attributes that count what the initiator side does (its scan, for one):
# they may change at any time and are left out of the comparisons.
VOLATILE=nr_cmds,read_bytes,write_bytes,active_commands
VOLATILE+=,sgv_cached_pages,sgv_hits,sgv_misses,sgv_inflight_pages,sgv_refused

# shellcheck disable=SC2317
cleanup() {
	local f

	if [ -n "$HELPER_PID" ]; then
		# end of its input: the helper exits
		exec {HELPER_FD}>&-
		wait "$HELPER_PID"
		HELPER_PID=
	fi
	# scst_wipe does not know initiator groups
	for f in "$T"/ini_groups/*/luns/*/*; do
		[ -L "$f" ] && rm -f "$f"
	done
	for f in "$T"/ini_groups/*/luns/* "$T"/ini_groups/*/initiators/*; do
		[ -d "$f" ] && rmdir "$f"
	done
	for f in "$T"/ini_groups/*; do
		[ -d "$f" ] && rmdir "$f"
	done
	scst_cleanup
	if [ -n "$LOOP" ]; then
		losetup -d "$LOOP" 2>/dev/null
		LOOP=
	fi
	if [ "$VCDROM_LOADED" = 1 ] && rmmod scst_vcdrom 2>/dev/null; then
		VCDROM_LOADED=0
	fi
	if [ -n "$AUTOPROBE_WAS" ]; then
		echo "$AUTOPROBE_WAS" >"$AUTOPROBE"
		AUTOPROBE_WAS=
	fi
} 2>/dev/null
trap cleanup EXIT

# ---------------------------------------------------------------- helper

# Requests are tab separated fields; "\xHH" in a field stands for the byte
# HH (the only escape), so that any byte string fits on a line. Replies
# are one line; "ERR ENAME" reports a failed system call by its errno.
cat >"$TMP/helper.py" <<'PYEOF'
import errno
import os
import re
import stat
import sys
import time

VOLATILE = set(os.fsencode(n) for n in sys.argv[1].split(","))
ROOT = os.fsencode(sys.argv[2]) + b"/"
HEX = re.compile(rb"\\x([0-9a-fA-F]{2})")


def unesc(b):
    return HEX.sub(lambda m: bytes([int(m.group(1), 16)]), b)


def esc(b):
    return "".join(chr(c) if 0x21 <= c <= 0x7e and c not in b"\\=|"
                   else "\\x%02x" % c for c in b)


def ename(e):
    return errno.errorcode.get(e.errno, str(e.errno))


def files(d):
    """(name, permission bits) of the regular files in d, sorted"""
    out = []
    with os.scandir(d) as it:
        for e in it:
            st = e.stat(follow_symlinks=False)
            if stat.S_ISREG(st.st_mode):
                out.append((e.name, st.st_mode & 0o777))
    return sorted(out)


def label(p):
    return p[len(ROOT):] if p.startswith(ROOT) else p


STATS = {"snapshots": 0, "reads": 0, "writes": 0, "t_snap": 0.0,
         "t_write": 0.0}


# Directory descriptors, for opening attributes without a walk of their
# whole path each time; closed after each request.
DIRS = {}


def dirfd(d):
    if d not in DIRS:
        DIRS[d] = os.open(d, os.O_RDONLY | os.O_DIRECTORY)
    return DIRS[d]


def close_dirs():
    for fd in DIRS.values():
        os.close(fd)
    DIRS.clear()


def listing(paths):
    """the readable attributes of the directories (or files) in paths, as
    (label, directory, name), the directory None for a path that is gone"""
    out = []
    for p in paths:
        try:
            if stat.S_ISDIR(os.lstat(p).st_mode):
                out += [(esc(label(os.path.join(p, n))), p, n)
                        for n, m in files(p)
                        if n not in VOLATILE and m & 0o444]
            else:
                out.append((esc(label(p)),) + os.path.split(p))
        except OSError:
            out.append((esc(label(p)), None, None))
    return out


def snapshot(paths, lst=None):
    """every readable attribute of the directories (or files) in paths;
    lst: their listing(), if known"""
    t = time.monotonic()
    out = []
    for lab, d, n in lst if lst is not None else listing(paths):
        try:
            if d is None:
                raise FileNotFoundError(errno.ENOENT, "gone")
            fd = os.open(n, os.O_RDONLY, dir_fd=dirfd(d))
            try:
                v = esc(os.read(fd, 65536))
            finally:
                os.close(fd)
        except OSError as e:
            v = "!" + ename(e)
        out.append(lab + "=" + v)
    STATS["snapshots"] += 1
    STATS["reads"] += len(out)
    STATS["t_snap"] += time.monotonic() - t
    return " " + " ".join(out)


def diff(a, b):
    """what changed from snapshot a to snapshot b"""
    a, b = a.split(), b.split()
    out = ["%s -> %s;" % (x, y) for x, y in zip(a, b) if x != y]
    if len(a) != len(b):
        out.append("%d -> %d attributes;" % (len(a), len(b)))
    return " " + " ".join(out)


def read(p):
    try:
        fd = os.open(p, os.O_RDONLY)
        try:
            return os.read(fd, 65536)
        finally:
            os.close(fd)
    except OSError:
        return None


def write(p, b):
    t = time.monotonic()
    try:
        d, n = os.path.split(p)
        fd = os.open(n, os.O_WRONLY, dir_fd=dirfd(d))
        try:
            return "OK %d" % os.write(fd, b)
        finally:
            os.close(fd)
    except OSError as e:
        return "ERR " + ename(e)
    finally:
        STATS["writes"] += 1
        STATS["t_write"] += time.monotonic() - t


def attack(attr, snaps, values):
    """write each value to attr. After each write the attributes of
    snaps[0] (the object) must be as before, those of snaps[1:] (the
    objects it belongs to) are compared at the end. Per value: "ERR ENAME"
    if the write failed and nothing changed, else
    "RESULT|READBACK|CHANGES|CHANGES AFTER WRITING THE OLD VALUE BACK"
    (the old value is written back after every write that was taken);
    then "END", or "END|CHANGES" if the other objects changed."""
    own = listing(snaps[:1])
    others = listing(snaps[1:])
    start = snapshot(None, others)
    base = snapshot(None, own)
    old = read(attr) if os.stat(attr).st_mode & 0o444 else None
    out = []
    for v in values:
        r = write(attr, v)
        now = snapshot(None, own)
        if r.startswith("ERR"):
            out.append(r if now == base else "%s||%s|" % (r, diff(base, now)))
            base = now
            continue
        got = read(attr)
        item = [r, "!" if got is None else esc(got), diff(base, now)]
        if now == base:
            item[2] = ""
        if old is None:
            item.append(" no old value to write back")
        else:
            write(attr, old)
            now = snapshot(None, own)
            item.append("" if now == base else diff(base, now))
        out.append("|".join(item))
        base = now
    end = snapshot(None, others)
    out.append("END" if end == start else "END|" + diff(start, end))
    return "\t".join(out)


def tree(d):
    """every directory below d, symbolic links not followed"""
    out = []
    for top, dirs, _ in os.walk(d):
        out += [os.path.join(top, n) for n in dirs
                if not os.path.islink(os.path.join(top, n))]
    return " ".join(esc(p) for p in sorted(out))


def request(op, a):
    if op == b"A":
        n = int(a[1])
        return attack(a[0], a[2:2 + n], a[2 + n:])
    if op == b"Q":
        return " ".join("%s=%s" % (k, round(v, 1) if isinstance(v, float)
                                   else v) for k, v in STATS.items())
    if op == b"L":
        return " ".join("%s:%o" % (esc(n), m) for n, m in files(a[0]))
    if op == b"S":
        return snapshot(a)
    if op == b"D":
        return " " + " ".join(esc(n) for n in sorted(os.listdir(a[0])))
    if op == b"T":
        return tree(a[0])
    if op == b"M":
        os.mkdir(a[0])
    elif op == b"R":
        os.rmdir(a[0])
    elif op == b"Y":
        os.symlink(a[0], a[1])
    elif op == b"U":
        os.unlink(a[0])
    elif op == b"E":
        try:
            os.lstat(a[0])
            return "1"
        except FileNotFoundError:
            return "0"
    else:
        return "ERR EBADRQC"
    return "OK"


for line in sys.stdin.buffer:
    f = line.rstrip(b"\n").split(b"\t")
    try:
        r = request(f[0], [unesc(x) for x in f[1:]])
    except OSError as e:
        r = "ERR " + ename(e)
    finally:
        close_dirs()
    sys.stdout.write(r + "\n")
    sys.stdout.flush()
PYEOF

coproc HELPER { exec python3 "$TMP/helper.py" "$VOLATILE" "$SCST_CFS"; }
HELPER_FD=${HELPER[1]}

# h OP ARG...: one request to the helper; its reply in H
H=
h() {
	local IFS=$'\t'

	if ! printf '%s\n' "$*" >&"$HELPER_FD" ||
		! IFS= read -r H <&"${HELPER[0]}"; then
		ktap_bail "the python3 helper is gone"
	fi
}

h E "$SCST_CFS"
[ "$H" = 1 ] || ktap_bail "the python3 helper does not work: '$H'"

# ---------------------------------------------------------------- values

printf -v A4096 '%4096s' ''
A4096=${A4096// /A}
A4097=${A4096}A
printf -v P4096 '/%4095s' ''
P4096=${P4096// /a}
P4097=${P4096}a

# The values every writable attribute gets, "\xHH" escaped. The empty one
# is a write(2) of no bytes, which configfs fails before any store.
GENERIC=(
	''
	'\x0a'
	'18446744073709551616'
	'18446744073709551615'
	'1000000000000000000000000000000'
	'99999999999999999999999'
	'-1'
	'0x10'
	'010'
	' 1'
	'1 '
	'1 0'
	'1,0'
	'1\x0a0\x0a'
	'1\x0a\x0a'
	'1\x00'
	'0\x001'
	'a\x00b'
	'\x01'
	'1\x1b'
	'\x1b[0m'
	'1\x0d'
	'\x091'
	"$A4096"
	"$A4097"
	'\xff\xfe'
	'\xc3\x28'
)
NUMBER_EXTRA=('+1' '1e3' '4k')
IDENT_EXTRA=('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789' '\x7f' 'caf\xc3\xa9'
	'AB\x00CD')
PATH_EXTRA=('/nonexistent/hn.img' '/tmp/../../../nonexistent/../hn.img'
	'../../../../etc/passwd' 'hn.img' '/..' "$TMP/.." '/dev/null'
	"$TMP/hn\\xff\\xfe.img" "$TMP/hn\\x7f.img" "$TMP/hn\\x0a.img"
	' /tmp/hn.img' "$TMP/hn.img " "$TMP/hn.img\\x00/etc/passwd"
	"$P4096" "$P4097")
CPUS_EXTRA=('1-0' '0-4294967296' '999999' '0-' '-' ',' '0-1:0/0' 'all')
POOL_EXTRA=('Shared' 'shared per_initiator' 'shared\x00per_initiator'
	'shared\x0a\x0a' ' shared')

# show V: an escaped value for a report, long ones cut short
show() {
	if [ "${#1}" -gt 40 ]; then
		echo "'${1:0:12}...'(${#1} bytes)"
	else
		echo "'$1'"
	fi
}

# ---------------------------------------------------------------- oracle

# attr_kind OBJ ATTR: the kind of attribute ATTR of an object of kind OBJ
# in KIND, with the longest valid value in MAX (ident). Where the kind
# matters: which values the ABI documents as valid, and the extra values
# it gets. "action" attributes (enable, force_close, suspended) must never
# see a valid value: only the invalid ones are written to them, as to the
# other kinds. An attribute not in this table is "unknown": every value
# must be rejected.
KIND=
MAX=0
attr_kind() {
	MAX=0
	case $1/$2 in
	dev*/vendor) KIND=ident MAX=8 ;;
	dev*/product) KIND=ident MAX=16 ;;
	dev*/revision) KIND=ident MAX=4 ;;
	dev*/serial) KIND=ident MAX=32 ;;
	dev*/filename) KIND=path ;;
	dev*/enable | target/enable | session/force_close | root/suspended)
		KIND=action ;;
	dev*/read_only | dev*/write_through | dev*/read_zero | lun/read_only)
		KIND=bool ;;
	dev*/size | dev*/blocksize | dev*/threads_num | root/sgv_limit_mb | \
	root/suspend_timeout_ms | root/wait_timeout_ms | \
	root/sgv_inflight_limit_mb)
		KIND=number ;;
	dev*/threads_pool_type) KIND=pool ;;
	target/cpu_mask) KIND=cpus ;;
	*) KIND=unknown ;;
	esac
}

# documented OBJ STATE VALUE: true if the ABI documents VALUE (escaped) as
# valid for the attribute attr_kind last looked at, of an object of kind
# OBJ (dev:HANDLER for devices) in STATE; EXPECT is then what the
# attribute reads back (without the newline).
#  - vendor, product, revision, serial: 1 to MAX printable ASCII
#    characters, spaces included, while the device is disabled
#  - cpu_mask: a CPU list in the kernel's format (admin-guide
#    kernel-parameters, "cpu lists") naming an online CPU and no CPU
#    beyond the possible ones; reads back in the kernel's normal form
#  - filename: an absolute path without control characters, the value
#    shorter than 4095 bytes (configfs may have cut a longer one), or
#    empty (clears it), while disabled; vcdrom: an empty value also
#    ejects the disc of an enabled drive (a path is opened at once: none
#    of the paths here is an image)
# Nothing else written here is valid. Every value may have one trailing
# newline; an empty write(2) never reaches the store.
EXPECT=
documented() {
	local v n

	case $KIND in ident | path | cpus) ;; *) return 1 ;; esac
	case $3 in '' | *'\x00'*) return 1 ;; esac
	printf -v v '%b' "$3"
	n=${#v}
	v=${v%$'\n'}
	case $KIND in
	cpus)
		cpulist "$v" || return 1
		v=$CPULIST
		;;
	ident)
		[ "$2" = disabled ] && [ -n "$v" ] && [ "${#v}" -le "$MAX" ] &&
			[[ $v != *[![:print:]]* ]] || return 1
		;;
	path)
		if [ "$2" != disabled ]; then
			[ "$1" = dev:vcdrom ] && [ -z "$v" ] || return 1
		elif [ -n "$v" ]; then
			[ "${v:0:1}" = / ] && [[ $v != *[[:cntrl:]]* ]] &&
				[ "$n" -lt 4095 ] || return 1
		fi
		;;
	esac
	EXPECT=$v
}

# cpulist LIST: true if LIST is a list of CPUs in the kernel's format
# ("0-3,8", "0-7:2/4", "N", "all") without white space, naming no CPU
# beyond the possible ones and an online one; CPULIST is then how the
# kernel prints that set ("%*pbl")
CPULIST=
CPU_LAST=$(scst_get /sys/devices/system/cpu/possible)
CPU_LAST=${CPU_LAST##*[-,]}
CPU_ONLINE=$(scst_get /sys/devices/system/cpu/online)
cpulist() {
	local -a items set=()
	local it a b u g i on=0 start=-1

	CPULIST=
	[[ $1 =~ ^[0-9A-Za-z,:/-]+$ ]] || return 1
	IFS=, read -r -a items <<<"$1,"
	for it in "${items[@]}"; do
		[ -n "$it" ] || continue
		it=${it//N/$CPU_LAST}
		[[ ${it,,} == all* ]] && it=0-$CPU_LAST${it:3}
		[[ $it =~ ^([0-9]+)(-([0-9]+)(:([0-9]+)/([0-9]+))?)?$ ]] ||
			return 1
		a=$((10#${BASH_REMATCH[1]}))
		b=$((10#${BASH_REMATCH[3]:-$a}))
		u=$((10#${BASH_REMATCH[5]:-1}))
		g=$((10#${BASH_REMATCH[6]:-1}))
		[ "${#BASH_REMATCH[1]}" -le 9 ] &&
			[ "${#BASH_REMATCH[3]}" -le 9 ] && [ "$a" -le "$b" ] &&
			[ "$b" -le "$CPU_LAST" ] && [ "$g" -gt 0 ] &&
			[ "$u" -le "$g" ] || return 1
		for ((i = a; i <= b; i++)); do
			(((i - a) % g < u)) && set[i]=1
		done
	done
	for i in "${!set[@]}"; do
		cpu_online "$i" && on=1
	done
	[ "$on" = 1 ] || return 1
	for ((i = 0; i <= CPU_LAST + 1; i++)); do
		if [ -n "${set[i]}" ]; then
			[ "$start" -ge 0 ] || start=$i
		elif [ "$start" -ge 0 ]; then
			if [ "$start" = $((i - 1)) ]; then
				CPULIST+=",$start"
			else
				CPULIST+=",$start-$((i - 1))"
			fi
			start=-1
		fi
	done
	CPULIST=${CPULIST#,}
}

# cpu_online N: CPU N is in /sys/devices/system/cpu/online
cpu_online() {
	local -a r
	local x

	IFS=, read -r -a r <<<"$CPU_ONLINE"
	for x in "${r[@]}"; do
		[ "$1" -ge "${x%-*}" ] && [ "$1" -le "${x#*-}" ] && return 0
	done
	return 1
}

# ---------------------------------------------------------------- checks

TRIED=0
REJECTED=0
ACCEPTED=0
MKDIR_TRIED=0
MKDIR_REFUSED=0

# writable DIR: the writable attributes of DIR in WATTRS
WATTRS=()
writable() {
	local a
	local -a ls

	WATTRS=()
	h L "$1"
	case $H in ERR*) return ;; esac
	read -r -a ls <<<"$H"
	for a in "${ls[@]}"; do
		((8#${a##*:} & 8#222)) && WATTRS+=("${a%:*}")
	done
}

# snapdiff BEFORE AFTER: what changed between two snapshots
snapdiff() {
	local -a b a
	local i out=

	read -r -a b <<<"$1"
	read -r -a a <<<"$2"
	for i in "${!b[@]}"; do
		[ "${b[$i]}" = "${a[$i]}" ] || out+=" ${b[$i]} -> ${a[$i]:-(gone)};"
	done
	[ "${#a[@]}" = "${#b[@]}" ] || out+=" ${#b[@]} -> ${#a[@]} entries"
	echo "${out:- nothing}"
}

# hostile_attr OBJ STATE DIR ATTR SNAP...: write every hostile value to
# DIR/ATTR; SNAP... are the directories (and files) that must not change:
# the first, the object itself, is compared after each write, the others
# (the objects it belongs to) after all of them. One KTAP line.
hostile_attr() {
	local obj=$1 st=$2 dir=$3 attr=$4
	shift 4
	local rel=${dir#"$SCST_CFS"/} i v r res got diff back raw nacc=0 summary e
	local -a values items bad=()
	local -A errs=()

	[ "$rel" != "$dir" ] || rel=
	attr_kind "${obj%%:*}" "$attr"
	values=("${GENERIC[@]}")
	case $KIND in
	number) values+=("${NUMBER_EXTRA[@]}") ;;
	ident) values+=("${IDENT_EXTRA[@]}") ;;
	path) values+=("${PATH_EXTRA[@]}") ;;
	cpus) values+=("${CPUS_EXTRA[@]}") ;;
	pool) values+=("${POOL_EXTRA[@]}") ;;
	esac
	h A "$dir/$attr" "$#" "$@" "${values[@]}"
	IFS=$'\t' read -r -a items <<<"$H"
	[ "${#items[@]}" = $((${#values[@]} + 1)) ] ||
		ktap_bail "$rel/$attr: the helper answered '$H'"
	r=${items[${#values[@]}]}
	[ "$r" = END ] ||
		bad+=("the objects it belongs to changed:${r#END|}")
	for i in "${!values[@]}"; do
		v=${values[$i]}
		r=${items[$i]}
		res=${r%%|*}
		TRIED=$((TRIED + 1))
		if [ "$res" = "$r" ]; then
			# rejected, nothing changed
			REJECTED=$((REJECTED + 1))
			e=${res#ERR }
			errs[$e]=$((${errs[$e]:-0} + 1))
			continue
		fi
		r=${r#*|}
		got=${r%%|*}
		r=${r#*|}
		diff=${r%%|*}
		back=${r#*|}
		if [ "${res%% *}" = ERR ]; then
			bad+=("$(show "$v"): ${res#ERR }, but changed:$diff")
		elif documented "$obj" "$st" "$v"; then
			printf -v raw '%b' "$v"
			printf -v got '%b' "$got"
			got=${got%$'\n'}
			if [ "$res" != "OK ${#raw}" ]; then
				bad+=("$(show "$v"): accepted, but ${res#OK } bytes taken")
			elif [ "$got" != "$EXPECT" ]; then
				bad+=("$(show "$v"): accepted, reads '$got' instead of '$EXPECT'")
			else
				nacc=$((nacc + 1))
				ACCEPTED=$((ACCEPTED + 1))
			fi
		else
			bad+=("$(show "$v"): accepted ($res):${diff:- no attribute changed}")
		fi
		[ -z "$back" ] || bad+=("$(show "$v"): writing the old value back:$back")
	done
	summary=
	for e in "${!errs[@]}"; do
		summary+=", $e ${errs[$e]}"
	done
	summary="${rel:-scst}/$attr ($st): ${#values[@]} values, rejected: ${summary#, }"
	[ "$nacc" = 0 ] || summary+="; $nacc valid as documented, written back"
	if [ "${#bad[@]}" = 0 ]; then
		ktap_ok "$summary"
		return
	fi
	for v in "${bad[@]}"; do
		ktap_info "${rel:-scst}/$attr ($st): $v"
	done
	ktap_fail "$summary; misbehaved: ${#bad[@]}"
}

# hostile_obj OBJ STATE DIR SNAP...: hostile_attr for every writable
# attribute of DIR (one KTAP line each)
hostile_obj() {
	local obj=$1 st=$2 dir=$3 a
	local -a attrs

	shift 3
	writable "$dir"
	attrs=("${WATTRS[@]}")
	for a in "${attrs[@]}"; do
		hostile_attr "$obj" "$st" "$dir" "$a" "$dir" "$@"
	done
}

# linked_lun DEV: the LUN directories that link to device DEV
linked_lun() {
	local f

	for f in "$SCST_LOCAL"/*/luns/*/* "$SCST_LOCAL"/*/ini_groups/*/luns/*/*; do
		[ -L "$f" ] && [ "$(readlink -f "$f")" = "$1" ] && echo "${f%/*}"
	done
}

# hostile_mkdir DESC PARENT NAME...: each mkdir of PARENT/NAME (escaped)
# is refused with an errno and leaves PARENT, and every attribute of the
# objects in it, as they were. One KTAP line.
hostile_mkdir() {
	local desc=$1 parent=$2 n res before after d e summary
	local -a bad=() kids=()
	local -A errs=()

	shift 2
	for d in "$parent"/*; do
		[ -d "$d" ] && [ ! -L "$d" ] && kids+=("$d")
	done
	h D "$parent"
	before=$H
	h S "${kids[@]}"
	before+=" |$H"
	for n in "$@"; do
		MKDIR_TRIED=$((MKDIR_TRIED + 1))
		h M "$parent/$n"
		res=$H
		h D "$parent"
		after=$H
		h S "${kids[@]}"
		after+=" |$H"
		if [ "$res" = OK ]; then
			bad+=("$(show "$n") made")
			h R "$parent/$n"
			[ "$H" = OK ] || bad+=("$(show "$n") cannot be removed: $H")
		elif [ "$after" != "$before" ]; then
			bad+=("$(show "$n"): $res, but:$(snapdiff "$before" "$after")")
		else
			MKDIR_REFUSED=$((MKDIR_REFUSED + 1))
			e=${res#ERR }
			errs[$e]=$((${errs[$e]:-0} + 1))
			continue
		fi
		h D "$parent"
		before=$H
		h S "${kids[@]}"
		before+=" |$H"
	done
	summary=
	for e in "${!errs[@]}"; do
		summary+=", $e ${errs[$e]}"
	done
	summary="$desc: $# names, refused: ${summary#, }"
	if [ "${#bad[@]}" = 0 ]; then
		ktap_ok "$summary"
		return
	fi
	for n in "${bad[@]}"; do
		ktap_info "$desc: $n"
	done
	ktap_fail "$summary; misbehaved: ${#bad[@]}"
}

# hostile_link DESC TARGET LINK SNAP...: symlink LINK -> TARGET is refused
# with an errno, the directory of LINK lists the same entries afterwards,
# and SNAP... do not change. One KTAP line.
hostile_link() {
	local desc=$1 target=$2 link=$3 before after res

	shift 3
	MKDIR_TRIED=$((MKDIR_TRIED + 1))
	h D "${link%/*}"
	before=$H
	h S "$@"
	before+=" |$H"
	h Y "$target" "$link"
	res=$H
	h D "${link%/*}"
	after=$H
	h S "$@"
	after+=" |$H"
	if [ "$res" = OK ]; then
		ktap_info "$desc: linked:$(snapdiff "$before" "$after")"
		h U "$link"
		ktap_fail "$desc: accepted"
	elif [ "$after" != "$before" ]; then
		ktap_info "$desc: $res, but:$(snapdiff "$before" "$after")"
		ktap_fail "$desc: ${res#ERR }, but something changed"
	else
		MKDIR_REFUSED=$((MKDIR_REFUSED + 1))
		ktap_ok "$desc: ${res#ERR }"
	fi
}

# ---------------------------------------------------------------- objects

AUTOPROBE_WAS=$(scst_get $AUTOPROBE)
# No sd or sr on the initiator side: nothing there opens, locks or polls
# the disks while their devices are attacked.
scst_set $AUTOPROBE 0

HANDLERS=(vdisk_nullio vdisk_fileio vdisk_blockio vcdrom)
declare -A DEV=([vdisk_nullio]=$D_NULL [vdisk_fileio]=$D_FILE
	[vdisk_blockio]=$D_BLK [vcdrom]=$D_CD)
declare -A WHY=()

if [ ! -d "$SCST_HANDLERS/vcdrom" ]; then
	if modprobe scst_vcdrom 2>/dev/null; then
		VCDROM_LOADED=1
	else
		WHY[vcdrom]="module scst_vcdrom is not available"
	fi
fi
truncate -s 16M "$TMP/hn.img" "$TMP/hn_blk.img" ||
	ktap_bail "cannot create image files"
truncate -s 2M "$TMP/hn.iso" || ktap_bail "cannot create $TMP/hn.iso"
if [ ! -e /dev/loop-control ] || ! command -v losetup >/dev/null 2>&1; then
	WHY[vdisk_blockio]="no loop device for vdisk_blockio"
elif ! LOOP=$(losetup -f --show "$TMP/hn_blk.img" 2>/dev/null); then
	WHY[vdisk_blockio]="losetup failed"
	LOOP=
fi

mkdir "$D_NULL" "$D_FILE" || ktap_bail "cannot make the devices"
scst_set "$D_FILE/filename" "$TMP/hn.img"
if [ -z "${WHY[vdisk_blockio]}" ]; then
	mkdir "$D_BLK" || ktap_bail "mkdir $D_BLK"
	scst_set "$D_BLK/filename" "$LOOP"
fi
if [ -z "${WHY[vcdrom]}" ]; then
	mkdir "$D_CD" || ktap_bail "mkdir $D_CD"
	scst_set "$D_CD/filename" "$TMP/hn.iso"
fi
scst_mk_target $TGT_OFF
scst_mk_target $TGT
mkdir "$T/luns/0" "$T/luns/1" "$T/luns/2" "$T/luns/3" "$T/luns/9" \
	"$G" "$G/initiators/hn_other*" "$G/luns/0" ||
	ktap_bail "cannot make the LUNs and the initiator group"
scst_mk_session $TGT $INI

# The directories the final sweep covers: those of objects this script
# does not attack by name (handler and driver directories, the luns,
# sessions, ini_groups and initiators directories, groups, patterns, and
# whatever kind of object appears later).
SWEEP=()
h T "$SCST_CFS"
read -r -a dirs <<<"$H"
for d in "${dirs[@]}"; do
	printf -v d '%b' "$d"
	case ${d#"$SCST_CFS"/} in
	# devices, LUNs (also those of groups: * matches a /), sessions
	handlers/*/* | targets/*/*/luns/* | targets/*/*/sessions/*) ;;
	targets/*/*/*) SWEEP+=("$d") ;;
	targets/*/*) ;;
	*) SWEEP+=("$d") ;;
	esac
done

# the plan: one line per writable attribute and state
PLAN=0
# plan_add N DIR: N lines for each writable attribute of DIR
plan_add() {
	writable "$2"
	PLAN=$((PLAN + $1 * ${#WATTRS[@]}))
}
plan_add 1 "$SCST_CFS"
for hd in "${HANDLERS[@]}"; do
	if [ -n "${WHY[$hd]}" ]; then
		PLAN=$((PLAN + 3))
	else
		plan_add 3 "${DEV[$hd]}"
	fi
done
plan_add 2 "$T/luns/0"
plan_add 1 "$G/luns/0"
plan_add 1 "$T_OFF"
plan_add 1 "$T"
plan_add 1 "$S"
for d in "${SWEEP[@]}"; do
	plan_add 1 "$d"
done
NR_MKDIR=8
NR_LINK=14
PLAN=$((PLAN + NR_MKDIR + NR_LINK + 1))
ktap_plan "$PLAN"
ktap_info "hostile values: ${#GENERIC[@]} for every attribute; more for numbers," \
	"identities, paths, CPU lists and pool types"

# ---------------------------------------------------------------- run

# phase NAME: how long phase NAME, which just ended, took
PHASE_T=0
phase() {
	ktap_info "time of $1: $((SECONDS - PHASE_T))s"
	PHASE_T=$SECONDS
}
phase "the setup"

# the subsystem's own attributes
hostile_obj root all "$SCST_CFS"
phase "the subsystem's attributes"

# devices: disabled, enabled, exported
for st in disabled enabled exported; do
	[ $st = disabled ] || phase "devices ${prev:-disabled}"
	prev=$st
	for hd in "${HANDLERS[@]}"; do
		if [ -n "${WHY[$hd]}" ]; then
			ktap_skip "$hd device ($st): ${WHY[$hd]}"
			continue
		fi
		d=${DEV[$hd]}
		case $st in
		enabled)
			scst_set "$d/enable" 1
			;;
		exported)
			mapfile -t luns < <(linked_lun "$d")
			hostile_obj "dev:$hd" $st "$d" "${luns[@]}" "$T"
			continue
			;;
		esac
		hostile_obj "dev:$hd" $st "$d"
	done
	if [ $st = enabled ]; then
		# LUNs without a device
		hostile_obj lun unlinked "$T/luns/0" "$T"
		n=0
		for hd in "${HANDLERS[@]}"; do
			[ -z "${WHY[$hd]}" ] &&
				scst_map $TGT $n "${DEV[$hd]##*/}"
			n=$((n + 1))
		done
		ln -s "$D_NULL" "$G/luns/0/device" ||
			ktap_bail "cannot link $D_NULL to $G/luns/0"
	fi
done

phase "devices exported"

# LUNs with a device
hostile_obj lun linked "$T/luns/0" "$D_NULL" "$T"
hostile_obj lun linked "$G/luns/0" "$D_NULL" "$T"

# targets: one disabled and empty, one enabled with LUNs and a session
hostile_obj target disabled "$T_OFF"
hostile_obj target enabled "$T" "$T"/luns/* "$S"

# the session; its SCSI host must stay
hostile_obj session open "$S" "$T" \
	"/sys/class/scsi_host/host$SCST_HOSTNO/unique_id" \
	"/sys/class/scsi_host/host$SCST_HOSTNO/scst_session"

# everything else in the tree
for d in "${SWEEP[@]}"; do
	hostile_obj other any "$d"
done

phase "LUNs, targets, session, other directories"

# ---- hostile names
printf -v N255 '%255s' ''
N255=${N255// /n}
N256=${N255}n
N224=${N255:0:224}
N64=${N255:0:64}
CTRL=('hn\x01x' 'hn\x1b[31mx' 'hn\x0ax' 'hn\x09x' 'hn\x0dx' 'hn\x7f'
	'\x0a' '\x1b')
LUNS=('-1' '99999999999999999999' '18446744073709551616' '4294967296'
	'0x1' '16384' '00' '01' '+1' ' 1' '1 ' '1\x0a' '1e3' '\xd9\xa3'
	'lun_1')
DOTS=('.' '..')

hostile_mkdir "mkdir handlers/vdisk_nullio/NAME" "$SCST_HANDLERS/vdisk_nullio" \
	"$N64" "$N255" "$N256" "${CTRL[@]}" 'hn\xff\xfe' "${DOTS[@]}" \
	hn_null hn_file
hostile_mkdir "mkdir targets/scst_local/NAME" "$SCST_LOCAL" \
	"$N224" "$N255" "$N256" "${CTRL[@]}" "${DOTS[@]}" $TGT $TGT_OFF
hostile_mkdir "mkdir $TGT/luns/NAME" "$T/luns" "${LUNS[@]}" "${DOTS[@]}" 0 9
hostile_mkdir "mkdir $TGT/ini_groups/hn_grp/luns/NAME" "$G/luns" \
	"${LUNS[@]}" "${DOTS[@]}" 0
hostile_mkdir "mkdir $TGT/sessions/NAME" "$T/sessions" \
	"$N224" "$N255" "$N256" "${CTRL[@]}" "${DOTS[@]}" $INI
hostile_mkdir "mkdir $TGT_OFF/sessions/NAME (target disabled)" \
	"$T_OFF/sessions" hn_ini2 "${CTRL[@]}"
hostile_mkdir "mkdir $TGT/ini_groups/NAME" "$T/ini_groups" \
	"$N256" "${CTRL[@]}" "${DOTS[@]}" hn_grp
hostile_mkdir "mkdir $TGT/ini_groups/hn_grp/initiators/NAME" \
	"$G/initiators" "$N224" "$N255" "$N256" '!' "${CTRL[@]}" \
	"${DOTS[@]}" 'hn_other*'

phase "hostile mkdir"

# ---- symbolic links of the wrong kind
L9=$T/luns/9
EXP=("$T/luns/0" "$L9" "$D_NULL" "$D_FILE")
hostile_link "link to a target in a LUN" "$T_OFF" "$L9/device" "${EXP[@]}"
hostile_link "link to a handler directory in a LUN" \
	"$SCST_HANDLERS/vdisk_nullio" "$L9/device" "${EXP[@]}"
hostile_link "link to another LUN in a LUN" "$T/luns/0" "$L9/device" \
	"${EXP[@]}"
hostile_link "link to a session in a LUN" "$S" "$L9/device" "${EXP[@]}"
hostile_link "link to an initiator group in a LUN" "$G" "$L9/device" \
	"${EXP[@]}"
hostile_link "link to the subsystem in a LUN" "$SCST_CFS" "$L9/device" \
	"${EXP[@]}"
hostile_link "link to a directory outside configfs in a LUN" "$TMP" \
	"$L9/device" "${EXP[@]}"
hostile_link "link to nothing in a LUN" "$SCST_HANDLERS/vdisk_nullio/hn_none" \
	"$L9/device" "${EXP[@]}"
hostile_link "the same device linked twice in one LUN" "$D_NULL" \
	"$T/luns/0/device2" "${EXP[@]}"
hostile_link "a second device linked in one LUN" "$D_FILE" \
	"$T/luns/0/device2" "${EXP[@]}"
hostile_link "a device link over the existing one" "$D_FILE" \
	"$T/luns/0/device" "${EXP[@]}"
hostile_link "a device link in a device" "$D_FILE" "$D_NULL/device" \
	"${EXP[@]}"
hostile_link "a device link in the luns directory" "$D_FILE" \
	"$T/luns/device" "${EXP[@]}"
hostile_link "a device link in an initiators directory" "$D_FILE" \
	"$G/initiators/device" "${EXP[@]}" "$G/luns/0"

phase "hostile symlinks"
ktap_info "configfs writes tried: $TRIED, rejected with errno: $REJECTED," \
	"accepted (documented): $ACCEPTED"
ktap_info "mkdir and symlink tried: $MKDIR_TRIED, refused with errno: $MKDIR_REFUSED"
h Q
ktap_info "helper: $H"

for f in "$G"/luns/*/*; do
	[ -L "$f" ] && rm -f "$f"
done
rmdir "$G"/luns/* "$G"/initiators/* "$G" 2>/dev/null
scst_check_clean "cleanup leaves an empty configfs tree"
ktap_info "run time: ${SECONDS}s"
ktap_finish
