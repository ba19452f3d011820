#!/bin/bash
# One device call for issue 11, from the repo root with .devicework/engine/ holding studio-engine.xz (from
# tools/bench/build_engine_static.sh) and full_size_gpu.py, and .devicework/whl/ the diffusers wheels for "full":
#   bash tools/bench/cuda_device.sh parity|full
set -o pipefail
E=.devicework/engine
MODE=${1:-parity}
exec > >(tee $OUT/log.txt) 2>&1
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader
SITE=$(python3 -c "import site; print(site.getsitepackages()[0])")
for d in /usr/local/cuda/lib64 /usr/local/cuda/targets/x86_64-linux/lib $SITE/nvidia/*/lib $SITE/nvidia/cu13/lib; do
  [ -d "$d" ] && LD_LIBRARY_PATH="$d:$LD_LIBRARY_PATH"
done
export LD_LIBRARY_PATH XDG_CACHE_HOME=/tmp/xdg-cache-$MODE
[ -f $E/studio-engine.xz ] && xz -dkf $E/studio-engine.xz
chmod +x $E/studio-engine
ldd $E/studio-engine
ls $LD_LIBRARY_PATH 2>/dev/null | tr ':' '\n' | grep -E "^lib(nvrtc|cublas)\.so" | head
if [ "$MODE" = parity ]; then
  time $E/studio-engine parity --fixtures Tests/Fixtures --device cuda
  echo "--- again (kernels from the cache)"
  $E/studio-engine parity --fixtures Tests/Fixtures --device cuda | tail -1
  $E/studio-engine bench --model Tests/Fixtures/checkpoints/tiny-b --device cuda --steps 10 --frames 4
  $E/studio-engine generate --model models/demo --device cuda --seed 0 --steps 25 --output $OUT/demo-cuda.npy
  $E/studio-engine generate --model models/demo --device cpu --seed 0 --steps 25 --output $OUT/demo-cpu.npy
  python3 -c "import numpy as n; a=n.load('$OUT/demo-cuda.npy'); b=n.load('$OUT/demo-cpu.npy'); print('demo cuda vs cpu max', abs(a-b).max(), 'mean', abs(a-b).mean())"
else
  $E/studio-engine parity --fixtures Tests/Fixtures --device cuda | tail -4
  python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .devicework/whl/*.whl || exit 1
  export PYTHONPATH=/tmp/site PYTHONUNBUFFERED=1
  python3 $E/full_size_gpu.py --out /tmp/full --frames 16 --size 256 --steps 50 --guidance 9 || exit 1
  $E/studio-engine bench --model /tmp/full --device cuda --frames 16 --width 256 --height 256 --steps 50 --guidance 9
  STUDIO_CUDA_PROFILE=1 $E/studio-engine bench --model /tmp/full --device cuda --frames 16 --width 256 --height 256 --steps 5 --guidance 9 | tail -40
fi
