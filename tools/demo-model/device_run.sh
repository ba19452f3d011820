#!/bin/bash
# One device call: install the carried wheels, train (resuming from .devicework/ckpt if present), export,
# sample held-out prompts with diffusers and score them. Run from the repo root on the device machine:
#   bash .devicework/demo-model/device_run.sh MINUTES VAE_STEPS UNET_STEPS EVAL_LIMIT BATCH [train.py flags…]
# With PROFILE=1 it first times 20 UNet steps by part, eager and compiled, at BATCH.
# Everything that must come back lands in $OUT (≤ 8 files): ckpt.NNN parts, model.tar.NN, eval.json, log.
set -o pipefail
MINUTES=${1:-8}; VAE_STEPS=${2:-1500}; UNET_STEPS=${3:-12000}; LIMIT=${4:-1000}; BATCH=${5:-48}
shift 5 2>/dev/null
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .devicework/whl/*.whl || exit 1
export PYTHONPATH=/tmp/site PYTHONUNBUFFERED=1
HERE=.devicework/demo-model
RESUME=""
ls .devicework/ckpt/ckpt.000 >/dev/null 2>&1 && RESUME="--resume .devicework/ckpt"
nvidia-smi --query-gpu=name,memory.used --format=csv,noheader
if [ "${PROFILE:-0}" = 1 ]; then
  python3 $HERE/train.py --seed 0 --batch $BATCH --out /tmp/profile --minutes 3 --vae-steps $VAE_STEPS \
    --unet-steps $UNET_STEPS --profile 20 $RESUME 2>&1 | grep -E "profile|Error|error" | tee -a $OUT/log.txt
fi
python3 $HERE/train.py --seed 0 --batch $BATCH --out $OUT --minutes $MINUTES --vae-steps $VAE_STEPS --unet-steps $UNET_STEPS \
  --export /tmp/model $RESUME "$@" 2>&1 | tee -a $OUT/log.txt || exit 1
python3 $HERE/evaluate.py pipeline --model /tmp/model --seeds ${EVAL_SEEDS:-0 1} --steps 25 --guidance 7.5 --limit $LIMIT \
  --json $OUT/eval.json 2>&1 | tail -8 | tee -a $OUT/log.txt
tar -C /tmp/model -cf /tmp/model.tar unet vae text_encoder model_index.json && split -b 15M -d /tmp/model.tar $OUT/model.tar.
ls -la $OUT
