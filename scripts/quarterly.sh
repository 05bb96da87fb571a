#!/usr/bin/env bash
# The quarterly regeneration of every buurt's scan, in one place: `make quarterly` runs it locally, the
# scheduled workflow (.github/workflows/quarterly-buurtscan.yml) runs it in CI, and a test runs it on two
# data snapshots. Steps:
#   1. build buurtscan (unless BUURTSCAN names a command that is already built);
#   2. with FETCH=1, download this quarter's open data into $DATA (`buurtscan fetch`);
#   3. build the scan of every buurt into the kept-over-time layout: $SCANS/<buurt>/<YYYY-Qn>/ (the label
#      is $PERIOD, or else the quarter of the newest data); every run folder is written atomically;
#   4. compare every buurt's newest run with the one before it: $PUBLISH/wijzigingen/<buurt>.md and .json,
#      and $PUBLISH/wijzigingen/overzicht.md;
#   5. put each buurt's newest chapter beside them: $PUBLISH/buurtscans/<buurt>/.
# $PUBLISH is what gets published. Changes found are the point of the job, so they never fail it; a
# buurt that cannot be built, or runs that cannot be compared, do (the exit code is buurtscan's).
#
# Settings (environment): DATA (default data-samples), FETCH (1: download into DATA first), SCANS
# (default scans), PUBLISH (default out/kwartaal), PERIOD (default: from the data), SELECTION (extra
# build options, e.g. "--stadsdeel F"), BUURTSCAN (the command; default: build src/Buurtscan in Release).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

DATA=${DATA:-data-samples}
SCANS=${SCANS:-scans}
PUBLISH=${PUBLISH:-out/kwartaal}
PERIOD=${PERIOD:-}
SELECTION=${SELECTION:-}

if [[ -z "${BUURTSCAN:-}" ]]; then
    dotnet build src/Buurtscan/Buurtscan.csproj -c Release --nologo -v quiet
    BUURTSCAN="dotnet src/Buurtscan/bin/Release/net10.0/buurtscan.dll"
fi
read -r -a buurtscan <<< "$BUURTSCAN"
read -r -a selection <<< "$SELECTION"

period_option=()
[[ -n "$PERIOD" ]] && period_option=(--period "$PERIOD")

if [[ "${FETCH:-}" == 1 ]]; then
    # A source that cannot be refreshed fails the job: last quarter's data would report "no change".
    echo "== buurtscan: open data ophalen naar $DATA"
    "${buurtscan[@]}" fetch --data "$DATA"
fi

echo "== buurtscan: alle buurten bouwen (gegevens: $DATA, runs: $SCANS)"
"${buurtscan[@]}" build --all --data "$DATA" --scans "$SCANS" "${period_option[@]}" "${selection[@]}"

echo "== buurtscan: elke buurt vergelijken met de run daarvoor"
staging="$PUBLISH.tmp-$$"
rm -rf "$staging"
mkdir -p "$staging/buurtscans"
trap 'rm -rf "$staging"' EXIT
"${buurtscan[@]}" diff --all --previous "$SCANS" --out "$staging/wijzigingen" --exit-zero

echo "== buurtscan: nieuwste hoofdstukken verzamelen"
for buurt in "$SCANS"/*/; do
    buurt=${buurt%/}
    newest=$(ls -1 "$buurt" | grep -E '^[0-9]{4}-Q[1-4]$' | sort | tail -n 1 || true)
    [[ -n "$newest" ]] && cp -R "$buurt/$newest" "$staging/buurtscans/$(basename "$buurt")"
done

# Swap the finished publication in, so an interrupted job never leaves half of one.
rm -rf "$PUBLISH.old-$$"
[[ -d "$PUBLISH" ]] && mv "$PUBLISH" "$PUBLISH.old-$$"
mv "$staging" "$PUBLISH"
rm -rf "$PUBLISH.old-$$"
trap - EXIT
echo "== buurtscan: klaar; hoofdstukken en wijzigingen in $PUBLISH"
