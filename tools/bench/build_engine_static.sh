#!/bin/bash
# Builds studio-engine as one file for GPU machines that have no Swift, FFmpeg, ncurses or OpenBLAS:
# the Swift runtime and Foundation linked statically (--static-swift-stdlib), OpenBLAS linked statically
# (a pkg-config file of our own points -lopenblas at a folder holding only libopenblas.a). Leaves
# .build-static/release/studio-engine (ldd: glibc, libstdc++, libgcc_s only) and a stripped, xz-compressed
# copy .build-static/studio-engine.xz small enough to carry to the device machine.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
ARCHIVE=${OPENBLAS_ARCHIVE:-/usr/lib/x86_64-linux-gnu/libopenblas.a}
mkdir -p .build-static/openblas .build-static/pkgconfig
ln -sf "$ARCHIVE" .build-static/openblas/libopenblas.a
cat > .build-static/pkgconfig/openblas.pc <<PC
Name: openblas
Description: OpenBLAS linked statically into studio-engine
Version: 0
Cflags: $(pkg-config --cflags openblas)
Libs: -L$ROOT/.build-static/openblas -lopenblas -lpthread -lm
PC
PKG_CONFIG_PATH=$ROOT/.build-static/pkgconfig swift build -c release --product studio-engine \
    --build-path .build-static --static-swift-stdlib
ldd .build-static/release/studio-engine
strip -o .build-static/studio-engine .build-static/release/studio-engine
xz -T0 -6 -f .build-static/studio-engine
ls -l .build-static/studio-engine.xz
