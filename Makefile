# The project's interface: make deps | build | run | test | bench | fixtures
SHELL := /bin/bash
SWIFT ?= swift
DEBIAN_PACKAGES := libncursesw5-dev libopenblas-dev libavformat-dev libavcodec-dev libavfilter-dev \
                   libavutil-dev libswscale-dev libsixel-dev pkg-config tmux
PKG_CONFIG_MODULES := ncursesw openblas libavformat libavcodec libavfilter libavutil libswscale libsixel

.PHONY: deps build run test bench fixtures clean

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
