#!/bin/bash
# One device call that continues training from .devicework/ckpt (with INIT=DIR, from the exported pipeline
# folder DIR through train.py --init-from; with RESUME=DIR, from the ckpt.NNN parts in DIR, e.g. an earlier
# call's /tmp/v0 on a machine still warm) in several variants side by side on the one GPU
# (the small model leaves it mostly idle, so they barely slow each other), scores each on the held-out prompts
# and returns the best one's model (best: most directions right among those with colour ≥ 78%).
#   bash .devicework/demo-model/device_variants.sh MINUTES UNET_STEPS BATCH "flags of variant a" "flags of variant b" …
# Returns in $OUT (≤ 8 files): model.tar.NN of the best, its samples.npy (uint8 clips, seeds × prompts), eval-all.json,
# eval.json (the best's per-clip scores), log.txt, and with RETURN_CKPT=1 the best's ckpt.NNN. PROFILE_BATCHES="96 192"
# then times 20 UNet steps at each batch size. Checkpoints keep float32 live weights unless a variant passes
# --checkpoint-f16 (needed only for one that must travel back).
set -o pipefail
MINUTES=$1; UNET_STEPS=$2; BATCH=$3
shift 3
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .devicework/whl/*.whl || exit 1
export PYTHONPATH=/tmp/site PYTHONUNBUFFERED=1
HERE=.devicework/demo-model
START="--resume .devicework/ckpt"
[ -n "$INIT" ] && START="--init-from $INIT"
[ -n "$RESUME" ] && START="--resume $RESUME"
nvidia-smi --query-gpu=name,memory.used --format=csv,noheader | tee $OUT/log.txt
i=0
for flags in "$@"; do
  name=v$i; i=$((i + 1)); mkdir -p /tmp/$name
  echo "$name: $flags" | tee -a $OUT/log.txt
  ( python3 $HERE/train.py --seed 0 --batch $BATCH --out /tmp/$name --minutes $MINUTES --vae-steps 1000 \
      --unet-steps $UNET_STEPS $START --export /tmp/$name/model $flags > /tmp/$name/train.log 2>&1 &&
    python3 $HERE/evaluate.py pipeline --model /tmp/$name/model --seeds ${EVAL_SEEDS:-0 1} --steps 25 --guidance 7.5 \
      --json /tmp/$name/eval.json --samples /tmp/$name/samples.npy > /tmp/$name/eval.log 2>&1 ) &
done
wait
python3 - "$OUT" "$@" <<'PY'
import json, os, pathlib, shutil, subprocess, sys
out, flags = pathlib.Path(sys.argv[1]), sys.argv[2:]
results, best = {}, None
for i, f in enumerate(flags):
    d = pathlib.Path(f"/tmp/v{i}")
    with open(out / "log.txt", "a") as log:
        for name in ("train.log", "eval.log"):
            if (d / name).exists():
                lines = (d / name).read_text().splitlines()
                log.write(f"--- v{i} {name} ({f})\n" + "\n".join(lines[-14:]) + "\n")
    if not (d / "eval.json").exists():
        continue
    s = json.loads((d / "eval.json").read_text())["summary"]
    results[f"v{i}: {f}"] = s
    key = (s["colour"] >= 0.78, s["direction (left/right/up/down prompts)"], s["colour"])
    if best is None or key > best[0]:
        best = (key, i)
(out / "eval-all.json").write_text(json.dumps(results, indent=1) + "\n")
print(json.dumps(results, indent=1))
if best:
    d = pathlib.Path(f"/tmp/v{best[1]}")
    print(f"best: v{best[1]}")
    for name in ("samples.npy", "eval.json"):
        shutil.copy(d / name, out / name)
    if os.environ.get("RETURN_CKPT") == "1":
        for part in sorted(d.glob("ckpt.*")):
            shutil.copy(part, out / part.name)
    subprocess.run(f"tar -C {d}/model -cf /tmp/model.tar unet vae text_encoder model_index.json && "
                   f"split -b 15M -d /tmp/model.tar {out}/model.tar.", shell=True, check=True)
PY
for b in $PROFILE_BATCHES; do
  python3 $HERE/train.py --seed 0 --batch $b --out /tmp/profile$b --minutes 3 --vae-steps 1000 --unet-steps 1000 \
    --init-from models/demo --profile 20 2>&1 | grep -E "profile|rror" | sed "s/^/batch $b: /" | tee -a $OUT/log.txt
done
ls -la $OUT
