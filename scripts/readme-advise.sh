#!/bin/sh
# Regenerates the `hirepulse advise` examples in README.md (between the advise:begin and
# advise:end markers) from the built-in baseline, in markdown format, for three profiles:
# an early-career developer, a backend engineer with 4 years of Java, a senior C++ systems
# engineer. Run from anywhere: scripts/readme-advise.sh
# The data directory is pointed at an empty temporary folder so the baseline is read even when
# a default store exists.
set -eu
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
cargo build --release -p hirepulse >/dev/null
bin="${CARGO_TARGET_DIR:-$root/target}/release/hirepulse"
empty="$(mktemp -d)"
out="$(mktemp)"
trap 'rm -rf "$empty" "$out"' EXIT

profile() {
    title="$1"
    shift
    {
        printf '### %s\n\n```sh\nhirepulse advise %s --format markdown\n```\n\n' "$title" "$*"
        printf '<details><summary>output</summary>\n\n'
        # The report's headings move two levels down to sit under this section.
        XDG_DATA_HOME="$empty" HOME="$empty" "$bin" advise "$@" --format markdown 2>/dev/null |
            sed 's/^#/###/'
        printf '\n</details>\n\n'
    } >>"$out"
}

profile "Early-career developer (1 year; some Python, working JavaScript; wants a job fast)" \
    --years 1 --know python:basic,javascript:working --goal volume --weeks 12
profile "Backend engineer, 4 years of Java (wants the best pay)" \
    --years 4 --know java:expert,python:basic --goal comp
profile "Senior C++ systems engineer (10 years; wants scarce, well-paid skills)" \
    --years 10 --know cpp:expert,c:working,python:working --goal differentiation

# Replace the text between the markers, keep the rest of the README.
awk -v generated="$out" '
    /<!-- advise:begin -->/ { print; while ((getline line < generated) > 0) print line; skip = 1; next }
    /<!-- advise:end -->/ { skip = 0 }
    !skip { print }
' README.md >README.md.new
mv README.md.new README.md
echo "README.md: advise examples regenerated"
