#!/bin/sh
# The test command: `sh test/run.sh` from the top of the source tree.
#
# Installs missing Debian packages (quietly, only when some are missing),
# sets up two builds, `build` and `build-asan` (AddressSanitizer and
# UndefinedBehaviorSanitizer), runs `meson test` in both, prints what
# failed and which tests were skipped (with the reason each gave), then
# builds everything with clang and the fuzz targets (`build-fuzz`, one more
# result), and ends with one line: `N passed, N failed` (meson tests, both
# runs together, plus the clang build; skipped tests are in neither
# number). Exits non-zero when anything failed.
#
# Works from a fresh clone beside ../shared (the XanoScript corpus), as
# root, without a terminal. Set XM_TEST_ARGS to pass arguments to both
# `meson test` runs (e.g. a test name).
set -u
cd "$(dirname "$0")/.." || exit 1
exec </dev/null

sh .ci/install-deps.sh || exit 1

passed=0
failed=0

# The npm packages that the MCP conformance tests drive, when there are any.
# A failed install counts as one failure (the tests that need the packages
# then report themselves skipped) rather than ending the run without its
# summary line.
if [ -f test/npm/package.json ]; then
	stamp=test/npm/node_modules/.xm-installed
	if [ ! -f "$stamp" ] || [ test/npm/package.json -nt "$stamp" ] ||
			{ [ -f test/npm/package-lock.json ] && [ test/npm/package-lock.json -nt "$stamp" ]; }; then
		if npm --prefix test/npm install --no-audit --no-fund --loglevel=error; then
			touch "$stamp"
		else
			echo "test/run.sh: npm install in test/npm failed" >&2
			failed=$((failed + 1))
		fi
	fi
fi

# count FILE RESULT...: how many tests in a meson testlog.json had one of
# the RESULTs.
count() {
	file=$1
	shift
	n=0
	for result in "$@"; do
		m=$(grep -c "\"result\": \"$result\"" "$file")
		n=$((n + m))
	done
	echo "$n"
}

# skipped LOG: one line per skipped test of a meson testlog.json, with the
# reason the test printed ("SKIP: ..."), so that a skip is never silent.
skipped() {
	grep '"result": "SKIP"' "$1" | while IFS= read -r entry; do
		name=$(printf '%s\n' "$entry" | sed -n 's/^{"name": "\([^"]*\)".*/\1/p')
		reason=$(printf '%s\n' "$entry" | sed -n 's/.*SKIP: \([^"\\]*\).*/\1/p')
		echo "== skipped: $name${reason:+ ($reason)}"
	done
}

# failing_parts LOG: the blocks of a testlog.txt whose test did not pass.
failing_parts() {
	awk '
		/^=+ [0-9]+\/[0-9]+ =+$/ { flush(); block = $0 "\n"; next }
		/^Summary of Failures:/ { flush(); inblock = 0; exit }
		block != "" {
			block = block $0 "\n"
			if ($0 ~ /^result: / && $0 !~ /^result: +exit status 0$/) bad = 1
			if ($0 ~ /^not ok /) bad = 1
		}
		function flush() { if (bad) printf "%s", block; block = ""; bad = 0 }
		END { flush() }
	' "$1"
}

# run DIR SETUP OPTIONS...: configure, build and test one build directory.
run() {
	dir=$1
	setup=$2
	shift 2
	log=$dir/xm-setup.log
	mkdir -p "$dir"
	if [ -f "$dir/build.ninja" ]; then
		meson setup --reconfigure "$dir" "$@" >"$log.tmp" 2>&1
	elif [ -d "$dir/meson-private" ]; then
		# A setup that broke half-way: start over.
		meson setup --wipe "$dir" "$@" >"$log.tmp" 2>&1
	else
		meson setup "$dir" "$@" >"$log.tmp" 2>&1
	fi || {
		cat "$log.tmp" >&2
		echo "test/run.sh: meson setup $dir failed" >&2
		failed=$((failed + 1))
		return
	}
	mv "$log.tmp" "$log"
	if ! ninja -C "$dir" >"$dir/xm-build.log" 2>&1; then
		cat "$dir/xm-build.log" >&2
		echo "test/run.sh: building $dir failed" >&2
		failed=$((failed + 1))
		return
	fi
	if [ -n "$setup" ]; then
		set -- --setup="$setup"
		logbase=$dir/meson-logs/testlog-$setup
	else
		set --
		logbase=$dir/meson-logs/testlog
	fi
	rm -f "$logbase.json" "$logbase.txt"
	echo "== meson test -C $dir $*"
	# shellcheck disable=SC2086 # XM_TEST_ARGS is split on purpose
	meson test -C "$dir" "$@" ${XM_TEST_ARGS:-}
	status=$?
	if [ ! -f "$logbase.json" ]; then
		echo "test/run.sh: meson test -C $dir wrote no results" >&2
		failed=$((failed + 1))
		return
	fi
	ok=$(count "$logbase.json" OK EXPECTEDFAIL)
	bad=$(count "$logbase.json" FAIL ERROR TIMEOUT UNEXPECTEDPASS)
	if [ "$status" -ne 0 ] && [ "$bad" -eq 0 ]; then
		bad=1
	fi
	skipped "$logbase.json"
	if [ "$bad" -ne 0 ]; then
		echo "== what failed in $logbase.txt:"
		failing_parts "$logbase.txt"
	fi
	passed=$((passed + ok))
	failed=$((failed + bad))
}

# build_fuzz: the libFuzzer targets need clang, whose warnings differ from
# gcc's; build them (and the tests, with clang) so that werror under clang
# fails here rather than in the next fuzzing session. One result: pass or fail.
build_fuzz() {
	dir=build-fuzz
	echo "== clang build with the fuzz targets ($dir)"
	if [ -f "$dir/build.ninja" ]; then
		set -- --reconfigure
	else
		rm -rf "$dir"
		set --
	fi
	mkdir -p "$dir"
	if CC=clang meson setup "$@" "$dir" -Dfuzz=true -Db_sanitize=address,undefined \
			-Db_lundef=false >"$dir/xm-setup.log" 2>&1 &&
			ninja -C "$dir" >"$dir/xm-build.log" 2>&1; then
		echo "ok: clang build with the fuzz targets"
		passed=$((passed + 1))
	else
		cat "$dir/xm-setup.log" "$dir/xm-build.log" 2>/dev/null |
			grep -E "error|FAILED" | head -20 >&2
		echo "test/run.sh: the clang build with the fuzz targets failed" >&2
		failed=$((failed + 1))
	fi
}

run build ''
run build-asan asan -Db_sanitize=address,undefined -Db_lundef=false
build_fuzz

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
