#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Run the scstadmin tests and print TAP: the unit and property tests
# (unit.c), then the command line on the files here:
#
#   bad/NAME.conf    check fails; its messages are exactly bad/NAME.err
#   good/NAME.conf   check passes; its warnings are good/NAME.err, if any
#   plan/NAME/       from.conf and to.conf, with what "diff" prints (diff),
#                    what "apply --dry-run" prints (steps), or what it says
#                    when it refuses (refused) and what it prints with
#                    --force (forced)
#
# Usage: run.sh SCSTADMIN UNIT
# SCST_TEST_SEED=N repeats the property tests of an earlier run,
# SCST_TEST_ITERATIONS=N sets how many random configurations they try.
set -u

abspath() { (cd "$(dirname "$1")" && printf '%s/%s\n' "$(pwd)" "$(basename "$1")"); }
prog=$(abspath "$1")
unit=$(abspath "$2")
cd "$(dirname "$0")" || exit 1
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
t0=$(date +%s)
n=0
failed=0

result() { # result STATUS DESCRIPTION
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		failed=$((failed + 1))
	fi
}

# same FILE EXPECTED: FILE holds exactly EXPECTED (a file), else show both
same() {
	if cmp -s "$1" "$2"; then
		return 0
	fi
	echo "# expected:"
	sed 's/^/#   /' "$2"
	echo "# got:"
	sed 's/^/#   /' "$1"
	return 1
}

# run EXPECTED_STATUS ARGS...: run scstadmin; output in $tmp/out, $tmp/err
run() {
	want=$1
	shift
	"$prog" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ "$rc" != "$want" ]; then
		echo "# scstadmin $*: exit status $rc, expected $want"
		sed 's/^/#   /' "$tmp/err"
		return 1
	fi
	return 0
}

"$unit" "${SCST_TEST_ITERATIONS:-1000}" >"$tmp/unit.out" 2>"$tmp/unit.err"
rc=$?
cat "$tmp/unit.out"
n=$(grep -cE '^(not )?ok ' "$tmp/unit.out")
failed=$(grep -c '^not ok ' "$tmp/unit.out")
[ -s "$tmp/unit.err" ] && sed 's/^/# /' "$tmp/unit.err"
grep -q '^# unit: ' "$tmp/unit.out"
result $? "unit: ran to the end"
[ $rc = 0 ] || [ $failed != 0 ] || result 1 "unit: exit status $rc"

: >"$tmp/empty"
for f in bad/*.conf; do
	run 1 check "$f" && same "$tmp/err" "${f%.conf}.err" &&
		same "$tmp/out" "$tmp/empty"
	result $? "check $f: exactly the expected errors"
done
for f in good/*.conf; do
	exp=${f%.conf}.err
	[ -f "$exp" ] || exp=$tmp/empty
	run 0 check "$f" && same "$tmp/err" "$exp" &&
		same "$tmp/out" "$tmp/empty"
	result $? "check $f: valid"
done
for d in plan/*/; do
	d=${d%/}
	want=0
	[ -s "$d/diff" ] && want=1
	run $want diff --from "$d/from.conf" "$d/to.conf" &&
		same "$tmp/out" "$d/diff" && same "$tmp/err" "$tmp/empty"
	result $? "diff $d"
	if [ -f "$d/steps" ]; then
		run 0 apply --dry-run --from "$d/from.conf" "$d/to.conf" &&
			same "$tmp/out" "$d/steps" && same "$tmp/err" "$tmp/empty"
		result $? "apply --dry-run $d"
	fi
	if [ -f "$d/refused" ]; then
		run 1 apply --dry-run --from "$d/from.conf" "$d/to.conf" &&
			same "$tmp/err" "$d/refused" && same "$tmp/out" "$tmp/empty"
		result $? "apply --dry-run $d: refused without --force"
	fi
	if [ -f "$d/forced" ]; then
		run 0 apply --dry-run --force --from "$d/from.conf" "$d/to.conf" &&
			same "$tmp/out" "$d/forced" && same "$tmp/err" "$tmp/empty"
		result $? "apply --dry-run --force $d"
	fi
done

# The running configuration: a configfs tree of plain files and directories
# as SCST would show good/canonical.conf
cfs=$tmp/cfs
"$unit" --tree good/canonical.conf "$cfs"
result $? "a configfs tree for good/canonical.conf"
tail -n +4 good/canonical.conf >"$tmp/canonical"
run 0 save --root "$cfs" && same "$tmp/out" "$tmp/canonical"
result $? "save: the running configuration in the canonical format"
run 0 save --root "$cfs" "$tmp/saved" && same "$tmp/saved" "$tmp/canonical" &&
	run 0 save --root "$cfs" "$tmp/saved" && same "$tmp/saved" "$tmp/canonical"
result $? "save FILE, twice: the same bytes"
run 0 diff --root "$cfs" good/canonical.conf && same "$tmp/out" "$tmp/empty"
result $? "diff: nothing differs from the running configuration"
run 0 apply --dry-run --root "$cfs" "$tmp/saved" && same "$tmp/out" "$tmp/empty"
result $? "apply --dry-run: applying what save wrote does nothing"
run 0 apply --dry-run --from "$tmp/saved" plan/create/to.conf &&
	same "$tmp/out" "$tmp/empty"
result $? "apply --dry-run --from: the saved file is the configuration"
run 1 diff --root "$cfs" good/scst3.conf && [ -s "$tmp/out" ]
result $? "diff: exit status 1 when the running configuration differs"
run 2 diff --root "$tmp/none" good/canonical.conf &&
	printf '%s: No such file or directory (is SCST loaded?)\n' "$tmp/none" >"$tmp/exp" &&
	same "$tmp/err" "$tmp/exp"
result $? "diff: no configfs tree is exit status 2"

run 1 check no-such.conf &&
	printf 'no-such.conf: No such file or directory\n' >"$tmp/exp" &&
	same "$tmp/err" "$tmp/exp"
result $? "check: a missing file"
run 0 --help && grep -q '^Usage: scstadmin check FILE$' "$tmp/out"
result $? "--help"
for args in "" "bogus" "check" "check a b" "save a b" "save --from a" \
	    "diff" "diff --root a --from b c" "diff --force --from x y" \
	    "apply --from good/scst3.conf good/scst3.conf" \
	    "apply --dry-run"; do
	# shellcheck disable=SC2086
	run 2 $args && grep -q '^Usage:' "$tmp/err"
	result $? "usage error: scstadmin $args"
done
run 2 diff --from no-such.conf good/scst3.conf
result $? "diff: trouble with a file is exit status 2"

echo "1..$n"
echo "# $((n - failed)) passed, $failed failed in $(($(date +%s) - t0)) s"
[ "$failed" = 0 ]
