#!/usr/bin/env bash
#
# screenshot.sh — render a self-contained HTML report to PDF with headless
# Chromium and save PNG images of its first printed (A4) pages.
#
# Usage:
#   Templates/reports/screenshot.sh REPORT.html OUT_DIR [PAGES]
#
#   REPORT.html  the report to render (inline CSS/SVG; no external resources)
#   OUT_DIR      created if missing; receives report.pdf and
#                report-page-1.png … report-page-PAGES.png
#   PAGES        how many leading pages to rasterise (default 2); fewer are
#                written if the PDF is shorter
#
# What it does:
#   1. Finds a Chromium binary (chromium, chromium-browser, google-chrome,
#      google-chrome-stable). If there is none it installs Debian's `chromium`
#      package with apt-get; likewise `fonts-noto-cjk` when fontconfig knows
#      no Chinese font (fc-list :lang=zh) and `poppler-utils` when pdftoppm is
#      missing. It uses sudo only when not run as root, and says what it
#      installs.
#   2. Prints the HTML to OUT_DIR/report.pdf with headless Chromium (no
#      header/footer, throw-away profile under mktemp that is removed on
#      exit, background networking off and every host name resolving to
#      nothing, so the page cannot reach the network).
#   3. Converts pages 1..PAGES to 80 dpi PNGs with pdftoppm and names them
#      exactly OUT_DIR/report-page-N.png (no zero padding). Stale
#      report-page-*.png files in OUT_DIR are removed first, so the output
#      set always matches this run.
#   4. Prints the paths of the PNGs it wrote. On any failure it exits
#      non-zero with a one-line "screenshot.sh: error: ..." message.
#
# Network: needed ONLY for the apt-get installs in step 1 (Debian package
# registry). Rendering itself makes no network access.
#
set -euo pipefail

PROG=screenshot.sh
die() { echo "$PROG: error: $*" >&2; exit 1; }
info() { echo "$PROG: $*" >&2; }

usage="usage: $PROG REPORT.html OUT_DIR [PAGES]"
[[ $# -ge 2 && $# -le 3 ]] || die "$usage"
input=$1
out_dir=$2
pages=${3:-2}

[[ $pages =~ ^[1-9][0-9]*$ ]] || die "PAGES must be a positive integer, got '$pages'"
[[ -f $input ]] || die "input file not found: $input"
[[ -r $input ]] || die "input file not readable: $input"

# ---------------------------------------------------------------- installs
# sudo only when something must be installed and we are not root (checked in apt_install).
SUDO=()
if [[ $(id -u) -ne 0 ]] && command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo)
fi

apt_updated=0
apt_install() {
    info "installing Debian package(s): $*"
    command -v apt-get >/dev/null 2>&1 || die "apt-get not available; install $* by hand"
    [[ $(id -u) -eq 0 || ${#SUDO[@]} -gt 0 ]] || die "need root or sudo to install $*"
    if [[ $apt_updated -eq 0 ]]; then
        "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null \
            || die "apt-get update failed (network needed for the install of $*)"
        apt_updated=1
    fi
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq --no-install-recommends "$@" >/dev/null \
        || die "apt-get install $* failed"
    info "installed: $*"
}

find_chromium() {
    local b
    for b in chromium chromium-browser google-chrome google-chrome-stable; do
        if command -v "$b" >/dev/null 2>&1; then
            command -v "$b"
            return 0
        fi
    done
    return 1
}

chromium_bin=$(find_chromium) || { apt_install chromium; chromium_bin=$(find_chromium) \
    || die "no Chromium binary found even after installing chromium"; }

if ! command -v fc-list >/dev/null 2>&1 || [[ -z $(fc-list :lang=zh 2>/dev/null) ]]; then
    apt_install fonts-noto-cjk
    [[ -n $(fc-list :lang=zh 2>/dev/null) ]] || die "no Chinese font visible to fontconfig after installing fonts-noto-cjk"
fi

if ! command -v pdftoppm >/dev/null 2>&1; then
    apt_install poppler-utils
    command -v pdftoppm >/dev/null 2>&1 || die "pdftoppm still missing after installing poppler-utils"
fi

# ---------------------------------------------------------------- render
mkdir -p "$out_dir" || die "cannot create output directory: $out_dir"
out_dir=$(cd "$out_dir" && pwd -P)
abs_input=$(cd "$(dirname "$input")" && pwd -P)/$(basename "$input")

# Percent-encode the path for a file:// URL (spaces, '#', '?', '%', UTF-8 …).
urlencode_path() {
    local LC_ALL=C s=$1 out='' c i
    for ((i = 0; i < ${#s}; i++)); do
        c=${s:i:1}
        case $c in
            [A-Za-z0-9/._~-]) out+=$c ;;
            *) printf -v c '%%%02X' "'$c"; out+=$c ;;
        esac
    done
    printf '%s' "$out"
}
url="file://$(urlencode_path "$abs_input")"

work=$(mktemp -d "${TMPDIR:-/tmp}/report-screenshot.XXXXXXXX")
trap 'rm -rf "$work"' EXIT

version_line=$("$chromium_bin" --version 2>/dev/null | head -n1 || true)
major=$(grep -oE '[0-9]+\.[0-9]+\.[0-9]+' <<<"$version_line" | head -n1 | cut -d. -f1 || true)
info "using $chromium_bin (${version_line:-unknown version})"
# --no-pdf-header-footer replaced --print-to-pdf-no-header in Chromium 111.
if [[ -n $major && $major -lt 111 ]]; then
    no_header=--print-to-pdf-no-header
else
    no_header=--no-pdf-header-footer
fi

pdf=$out_dir/report.pdf
rm -f "$pdf"

# Last meaningful line of Chromium's stderr (skips the D-Bus noise that
# headless Chromium always prints in containers without a session bus).
chromium_last_log() {
    grep -v -e '^[[:space:]]*$' -e 'dbus' "$work/chromium.log" 2>/dev/null | tail -n1 || true
}

# Keep Chromium's config/cache inside the throw-away dir as well.
chromium_rc=0
XDG_CONFIG_HOME=$work/xdg-config XDG_CACHE_HOME=$work/xdg-cache \
    timeout 180 "$chromium_bin" \
    --headless \
    --no-sandbox \
    --disable-gpu \
    --disable-dev-shm-usage \
    "$no_header" \
    --user-data-dir="$work/profile" \
    --no-first-run \
    --no-default-browser-check \
    --disable-background-networking \
    --disable-component-update \
    --disable-default-apps \
    --disable-extensions \
    --disable-sync \
    --disable-domain-reliability \
    --disable-breakpad \
    --dns-prefetch-disable \
    --host-resolver-rules='MAP * ~NOTFOUND' \
    --print-to-pdf="$pdf" \
    "$url" >"$work/chromium.log" 2>&1 || chromium_rc=$?
if [[ $chromium_rc -eq 124 ]]; then
    die "chromium timed out after 180 s printing $input"
elif [[ $chromium_rc -ne 0 ]]; then
    die "chromium failed (exit $chromium_rc) to print $input (last log line: $(chromium_last_log))"
fi
[[ -s $pdf ]] || die "chromium produced no PDF at $pdf (last log line: $(chromium_last_log))"

# ---------------------------------------------------------------- rasterise
rm -f "$out_dir"/report-page-*.png
mkdir -p "$work/png"
pdftoppm -png -r 80 -f 1 -l "$pages" "$pdf" "$work/png/page" 2>"$work/pdftoppm.log" \
    || die "pdftoppm failed on $pdf: $(tail -n1 "$work/pdftoppm.log")"

written=()
shopt -s nullglob
for f in "$work"/png/page-*.png; do
    n=${f##*/page-}
    n=${n%.png}
    n=$((10#$n))
    dest=$out_dir/report-page-$n.png
    mv "$f" "$dest"
    written+=("$n")
done
shopt -u nullglob
[[ ${#written[@]} -gt 0 ]] || die "no PNG produced from $pdf"

# Print in page order.
IFS=$'\n' sorted=($(printf '%s\n' "${written[@]}" | sort -n)); unset IFS
if [[ ${#sorted[@]} -lt $pages ]]; then
    info "note: PDF has only ${#sorted[@]} page(s); wrote ${#sorted[@]} of $pages requested"
fi
for n in "${sorted[@]}"; do
    echo "$out_dir/report-page-$n.png"
done
