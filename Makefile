# buurtscan: the statistics chapter of Amsterdam's Buurtbalans.
# Only the .NET SDK is needed; packages are restored from NuGet.

DOTNET ?= dotnet
CONFIG ?= Release
PROJECT := src/Buurtscan/Buurtscan.csproj
BUURT ?= wegener-sleeswijk
DATA ?= data-samples
OUT ?= out/wegener-sleeswijkbuurt
RUN := $(DOTNET) run --project $(PROJECT) -c $(CONFIG) --

.PHONY: all build scan fetch quarterly test format format-check bench publish install uninstall clean

all: build

build:
	$(DOTNET) build buurtscan-cli.sln -c $(CONFIG)

## make scan: the scan for the Wegener Sleeswijkbuurt from the committed example data
scan:
	$(RUN) build --buurt $(BUURT) --data $(DATA) --out $(OUT)

## make fetch: download the open data into data/ (then: make scan DATA=data); see docs/fetch.md
fetch:
	$(RUN) fetch --data data

## make quarterly: the quarterly job, as CI runs it (scripts/quarterly.sh): every buurt's scan into
## scans/<buurt>/<YYYY-Qn>/, compared with the quarter before; chapters and change reports in out/kwartaal
quarterly:
	DATA=$(DATA) scripts/quarterly.sh

## make test: the whole test suite (unit, real-data, golden files, command line)
test:
	$(DOTNET) test buurtscan-cli.sln -c $(CONFIG) --logger "console;verbosity=minimal"

format:
	$(DOTNET) format buurtscan-cli.sln

format-check:
	$(DOTNET) format buurtscan-cli.sln --verify-no-changes

## make publish: a build for this machine to copy elsewhere, in artifacts/publish (compiled ahead of time, as the Release build is)
RID ?= $(shell $(DOTNET) --info | sed -n 's/^ *RID: *//p' | head -1)
publish:
	$(DOTNET) publish $(PROJECT) -c Release -r $(RID) --self-contained false -p:PublishReadyToRun=true -o artifacts/publish

## make bench: throughput and wall-time figures on the real data in ../shared/data
bench:
	$(DOTNET) run --project bench/Buurtscan.Bench -c Release -- $(BENCH_ARGS)
	$(DOTNET) run --project bench/Buurtscan.Bench -c Release --no-build -- render $(BENCH_ARGS)

## make install: puts the `buurtscan` command on your PATH as a .NET tool
install:
	$(DOTNET) pack $(PROJECT) -c Release -o artifacts
	$(DOTNET) tool update --global --add-source artifacts Buurtscan || $(DOTNET) tool install --global --add-source artifacts Buurtscan

uninstall:
	$(DOTNET) tool uninstall --global Buurtscan

clean:
	rm -rf out artifacts src/*/bin src/*/obj tests/*/bin tests/*/obj bench/*/bin bench/*/obj
