# The project's interface: make deps | build | run | test | bench | fixtures
SHELL := /bin/bash
SWIFT ?= swift
DEBIAN_PACKAGES := libncursesw5-dev libopenblas-dev libavformat-dev libavcodec-dev libavfilter-dev \
                   libavutil-dev libswscale-dev libsixel-dev pkg-config tmux
PKG_CONFIG_MODULES := ncursesw openblas libavformat libavcodec libavfilter libavutil libswscale libsixel

.PHONY: deps build run test bench fixtures clean

# The engine is compiled for x86-64-v3 (AVX2, FMA, F16C) when the building CPU has those instructions, and such
# a binary refuses to start on an older CPU. PORTABLE=1 (e.g. `make build PORTABLE=1`) builds for any x86-64.
ifdef PORTABLE
export STUDIO_PORTABLE := 1
endif

deps:
	@bash tools/install-deps.sh $(DEBIAN_PACKAGES)

build: deps
	$(SWIFT) build -c release --product studio

run: build
	$$($(SWIFT) build -c release --show-bin-path)/studio

test: deps
	$(SWIFT) test --disable-swift-testing

bench: deps
	bash tools/bench/run.sh $(BENCHFLAGS)

fixtures:
	python3 tools/fixtures/make_fixtures.py

clean:
	rm -rf .build
