"""Trains the bundled demo model from scratch on dataset.py's synthetic clips.

Phase A: a small AutoencoderKL on single frames. Phase B: a small CLIPTextModel and a small
UNet3DConditionModel trained jointly on the frozen VAE's latents, epsilon prediction with the DDIM training
noise schedule of models/demo/scheduler, captions dropped to "" 10% of the time for classifier-free guidance.

Reproducible from --seed; resumable: the checkpoint (weights, step counters, data-sampler state, RNG state)
is written as parts `ckpt.NNN` of at most 15 MB (the device tool returns files up to 16 MB) into --out, and
`--resume DIR` reads them back. Optimizer moments are not stored (they would triple the size); a resumed run
re-creates AdamW and warms its learning rate up again over --warmup steps.

--export DIR writes the diffusers TextToVideoSDPipeline folder (F16 safetensors) from the current weights.
"""
from __future__ import annotations

import argparse
import io
import json
import math
import os
import shutil
import sys
import time
from pathlib import Path

import torch
import torch.nn.functional as F

sys.path.insert(0, str(Path(__file__).resolve().parent))
import dataset  # noqa: E402

from diffusers import AutoencoderKL, DDIMScheduler, UNet3DConditionModel  # noqa: E402
from transformers import CLIPTextConfig, CLIPTextModel, CLIPTokenizer  # noqa: E402

PART_BYTES = 15 * 1024 * 1024

VAE_CONFIG = dict(
    in_channels=3, out_channels=3, latent_channels=4, block_out_channels=(32, 64, 64),
    down_block_types=("DownEncoderBlock2D",) * 3, up_block_types=("UpDecoderBlock2D",) * 3,
    layers_per_block=1, norm_num_groups=16, act_fn="silu", sample_size=64, scaling_factor=0.18215,
)
TEXT_CONFIG = dict(
    vocab_size=49408, hidden_size=64, intermediate_size=256, num_hidden_layers=3, num_attention_heads=4,
    max_position_embeddings=77, projection_dim=64, hidden_act="gelu", bos_token_id=0, eos_token_id=2, pad_token_id=1,
)
UNET_CONFIG = dict(
    sample_size=16, in_channels=4, out_channels=4, block_out_channels=(48, 96, 96), layers_per_block=1,
    down_block_types=("CrossAttnDownBlock3D", "CrossAttnDownBlock3D", "DownBlock3D"),
    up_block_types=("UpBlock3D", "CrossAttnUpBlock3D", "CrossAttnUpBlock3D"),
    cross_attention_dim=64, attention_head_dim=8, norm_num_groups=16,
)


def build(seed: int):
    torch.manual_seed(seed)
    vae = AutoencoderKL(**VAE_CONFIG)
    text = CLIPTextModel(CLIPTextConfig(**TEXT_CONFIG))
    unet = UNet3DConditionModel(**UNET_CONFIG)
    return vae, text, unet


def load_pipeline_weights(directory: Path, vae, text, unet) -> float:
    """Loads an exported pipeline folder (F16 safetensors, e.g. models/demo) into the freshly built modules and
    returns its latent scaling factor: fine-tuning starts from a shipped model, whose checkpoint may be gone."""
    from safetensors.torch import load_file
    for module, sub in ((vae, "vae"), (unet, "unet"), (text, "text_encoder")):
        files = sorted((directory / sub).glob("*.safetensors"))
        if not files:
            raise SystemExit(f"--init-from {directory}: no safetensors file in {sub}/")
        tensors = {k.removeprefix("text_model.") if sub == "text_encoder" else k: v.float()
                   for k, v in load_file(str(files[0])).items()}
        expected = module.state_dict()
        if sub == "text_encoder" and not any(k.startswith("text_model.") for k in tensors) and \
                all(k.startswith("text_model.") for k in expected):
            tensors = {"text_model." + k: v for k, v in tensors.items()}
        missing = [k for k in expected if k not in tensors]
        if missing:
            raise SystemExit(f"--init-from {directory}/{sub}: {len(missing)} weights missing, e.g. {missing[0]}")
        module.load_state_dict({k: tensors[k] for k in expected})
    return float(json.loads((directory / "vae" / "config.json").read_text())["scaling_factor"])


def embedding_key(state: dict) -> str:
    return next(k for k in state if k.endswith("token_embedding.weight"))


def compact_text(text_state: dict, seed: int) -> dict:
    """The token embedding (49408 rows) is 90% of the text encoder, and the captions use ~60 tokens: AdamW
    with weight decay 0 leaves unused rows exactly at their seeded initial values, so only changed rows
    are stored; `expand_text` rebuilds the rest from the seed."""
    key = embedding_key(text_state)
    initial = build(seed)[1].state_dict()[key]
    weight = text_state[key].cpu()
    rows = (weight != initial).any(dim=1).nonzero().flatten()
    compact = {k: v for k, v in text_state.items() if k != key}
    compact["_embedding_rows"], compact["_embedding_values"] = rows, weight[rows].clone()
    return compact


def expand_text(compact: dict, seed: int) -> dict:
    state = {k: v for k, v in compact.items() if not k.startswith("_embedding")}
    initial = build(seed)[1].state_dict()
    key = embedding_key(initial)
    weight = initial[key].clone()
    weight[compact["_embedding_rows"]] = compact["_embedding_values"]
    state[key] = weight
    return state


def save_parts(state: dict, out: Path) -> None:
    buffer = io.BytesIO()
    torch.save(state, buffer)
    data = buffer.getvalue()
    for old in out.glob("ckpt.*"):
        old.unlink()
    for i in range(0, len(data), PART_BYTES):
        (out / f"ckpt.{i // PART_BYTES:03d}").write_bytes(data[i:i + PART_BYTES])


def load_parts(directory: Path) -> dict:
    parts = sorted(directory.glob("ckpt.*"))
    if not parts:
        raise SystemExit(f"--resume {directory}: no ckpt.NNN parts there")
    return torch.load(io.BytesIO(b"".join(p.read_bytes() for p in parts)), map_location="cpu", weights_only=False)


def count(module) -> int:
    return sum(p.numel() for p in module.parameters())


def frames_of(clips: torch.Tensor) -> torch.Tensor:
    """(n, 3, F, H, W) → (n·F, 3, H, W)."""
    n, c, f, h, w = clips.shape
    return clips.permute(0, 2, 1, 3, 4).reshape(n * f, c, h, w)


def lr_at(step: int, since_start: int, base: float, total: int, warmup: int) -> float:
    warm = min(1.0, (since_start + 1) / warmup)
    decay = 0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * min(step, total) / total))
    return base * warm * decay


def train_vae(vae, sampler, args, state, device, deadline):
    opt = torch.optim.AdamW(vae.parameters(), lr=args.vae_lr, weight_decay=0.0)
    vae.train()
    started = time.time()
    start = state["vae_step"]
    while state["vae_step"] < args.vae_steps and time.time() < deadline:
        step = state["vae_step"]
        for g in opt.param_groups:
            g["lr"] = lr_at(step, step - start, args.vae_lr, args.vae_steps, args.warmup)
        clips, _, _ = sampler.batch(args.vae_batch, device)
        x = frames_of(clips)
        with torch.autocast("cuda", dtype=torch.bfloat16, enabled=device == "cuda"):
            posterior = vae.encode(x).latent_dist
            z = posterior.sample()
            recon = vae.decode(z).sample
        recon = recon.float()
        kl = posterior.kl().mean() / (4 * 16 * 16)
        loss = F.mse_loss(recon, x) + 0.5 * F.l1_loss(recon, x) + 1e-4 * kl
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(vae.parameters(), 1.0)
        opt.step()
        state["vae_step"] += 1
        if step % 200 == 0 or state["vae_step"] == args.vae_steps:
            print(f"vae step {step} loss {loss.item():.5f} kl {kl.item():.3f} ({time.time() - started:.0f} s)",
                  flush=True)
    vae.eval()


@torch.no_grad()
def latent_scale(vae, device) -> float:
    clips, _, _ = dataset.Sampler(999_999).batch(64, device)
    z = vae.encode(frames_of(clips)).latent_dist.sample()
    return float(1.0 / z.float().std())


_sdpa = F.scaled_dot_product_attention


def short_sequence_attention(query, key, value, attn_mask=None, dropout_p=0.0, is_causal=False, scale=None,
                             **kwargs):
    """The temporal attention runs over 8 frames for every latent pixel (~150k sequences a batch); the fused
    kernels tile 64+ rows and waste most of their work there, plain batched matmuls do not. Same function."""
    if key.shape[-2] > 16 or attn_mask is not None or is_causal or dropout_p or kwargs:
        return _sdpa(query, key, value, attn_mask=attn_mask, dropout_p=dropout_p, is_causal=is_causal,
                     scale=scale, **kwargs)
    scale = query.shape[-1] ** -0.5 if scale is None else scale
    scores = torch.matmul(query, key.transpose(-1, -2)) * scale
    return torch.matmul(scores.float().softmax(-1).to(value.dtype), value)


def sync(device) -> None:
    if device == "cuda":
        torch.cuda.synchronize()


class TokenCache:
    """Captions come from a small grammar, so each distinct one is tokenized once: the slow Python BPE
    tokenizer otherwise costs more per step than the tiny model itself."""

    def __init__(self, tokenizer):
        self.tokenizer = tokenizer
        self.ids: dict[str, torch.Tensor] = {}

    def __call__(self, captions, device):
        missing = [c for c in dict.fromkeys(captions) if c not in self.ids]
        if missing:
            ids = self.tokenizer(missing, padding="max_length", max_length=self.tokenizer.model_max_length,
                                 truncation=True, return_tensors="pt").input_ids
            self.ids.update(zip(missing, ids))
        return torch.stack([self.ids[c] for c in captions]).to(device, non_blocking=True)


class EMA:
    """Exponential moving average of the UNet and text-encoder weights: short runs sample much better
    from the average than from the last step's weights."""

    def __init__(self, modules, decay: float, saved: dict | None = None):
        self.decay = decay
        self.shadow = {name: {k: v.detach().clone().float() for k, v in m.state_dict().items()}
                       for name, m in modules.items()}
        if saved:
            for name, state in saved.items():
                for k, v in state.items():
                    self.shadow[name][k].copy_(v)

    @torch.no_grad()
    def update(self, modules, step: int) -> None:
        # Warm-up of the decay so an EMA started late follows the weights quickly at first.
        decay = min(self.decay, (1 + step) / (10 + step))
        if not hasattr(self, "_pairs"):
            pairs = [(self.shadow[name][k], v) for name, m in modules.items() for k, v in m.state_dict().items()
                     if v.dtype.is_floating_point]
            self._pairs = ([p[0] for p in pairs], [p[1] for p in pairs])
        shadows, live = self._pairs
        torch._foreach_lerp_(shadows, [v.float() for v in live], 1 - decay)



def batch_normalised(per_clip: torch.Tensor) -> torch.Tensor:
    """Per-clip loss weights scaled to mean 1 over the batch (so the learning rate keeps its meaning), shaped to
    broadcast over (n, C, F, H, W)."""
    return (per_clip / per_clip.mean()).view(-1, 1, 1, 1, 1)


class MotionProbe(torch.nn.Module):
    """A linear classifier of the caption's motion from the text encoder's states (averaged over all 77
    positions, as the UNet's cross-attention reads them all), used only in training and never exported.
    Without it the encoder kept "moving left" and "moving right" almost equal (mean state distance 0.115 against
    0.261 for up/down and 2.57 for two colours, `evaluate.py text`), so the UNet could not tell which way to move."""

    def __init__(self, hidden: int):
        super().__init__()
        self.linear = torch.nn.Linear(hidden, len(dataset.MOTIONS))

    def loss(self, states: torch.Tensor, combos, keep: torch.Tensor) -> torch.Tensor:
        target = torch.tensor([dataset.MOTIONS.index(c.motion) for c in combos], device=states.device)
        # Unit-length class directions: the probe cannot win by growing its own weights, only by the states
        # moving apart (a margin of a few units where a state has length ~8 after the final LayerNorm).
        logits = F.linear(states.float().mean(dim=1), F.normalize(self.linear.weight, dim=1), self.linear.bias)
        return F.cross_entropy(logits[keep], target[keep])


def motion_parameters(unet) -> set[str]:
    """The UNet weights that link the caption to motion: the spatial transformers' cross-attention (where the
    caption enters each frame) and the temporal transformers (which relate the frames). Training only these
    and the text encoder costs less per step (no weight gradients for the convolutions: 3.9 s instead of 4.9 s
    per batch-16 step on 2 cores) and keeps the convolutions that draw the shapes fixed."""
    return {name for name, _ in unet.named_parameters()
            if (".attentions." in name and ".attn2." in name) or "temp_attentions." in name
            or name.startswith("transformer_in.")}


class TransposedTeacher:
    """A frozen copy of a trained model that teaches left/right through its up/down. The UNet has no positional
    embeddings and its convolutions see both axes alike, so a model that moves shapes up for "rising" moves
    them left when its input and output are transposed (rows ↔ columns) and the caption says "rising" for
    "sliding to the left". The shipped model moves shapes the way the caption says 71% of the time for up/down
    and at chance for left/right; distilling its transposed predictions gives the student a dense target
    exactly where it is blind, and its plain predictions keep everything else as it was.

    Transposed only at t ≥ `transpose_from`, where the noisy clip hardly shows the shape and the caption decides
    the side; below it the noisy clip itself shows which way the shape went and the plain teacher is right. The
    VAE is not symmetric (a transposed frame's latent differs from the transposed latent by 24–33% of its norm), so
    the transposed teacher is only good where noise hides that: on held-out left/right clips its loss is 9.3%
    higher with the opposite direction than with the caption's own at t = 950, but it is 4.7 times the plain
    loss at t = 650 (`evaluate.py caption-gap --transposed`).
    Triangles point up, so a transposed teacher would draw them pointing sideways: they get no distillation
    target at those steps (weight 0), only the plain loss."""

    def __init__(self, directory: Path, seed: int, transpose_from: int, device):
        vae, self.text, self.unet = build(seed)
        load_pipeline_weights(directory, vae, self.text, self.unet)
        for module in (self.text, self.unet):
            module.requires_grad_(False)
            module.eval()
            module.to(device)
        self.transpose_from = transpose_from

    @torch.no_grad()
    def target(self, noisy, t, captions, combos, drop, tokenize, device):
        """(target epsilon, per-clip weight 0 or 1) for the student's prediction on `noisy`."""
        high = [step >= self.transpose_from for step in t.tolist()]
        dropped = drop.tolist()
        horizontal = [c.motion in ("left", "right") and not d for c, d in zip(combos, dropped)]
        transposed = [h and hi and c.shape != "triangle" for h, hi, c in zip(horizontal, high, combos)]
        weight = torch.tensor([0.0 if h and hi and not tr else 1.0 for h, hi, tr in zip(horizontal, high, transposed)],
                              device=device)
        teacher_captions = [dataset.recaption(cap, c.motion, dataset.TRANSPOSED_MOTION[c.motion]) if tr else cap
                            for cap, c, tr in zip(captions, combos, transposed)]
        flip = torch.tensor(transposed, device=device).view(-1, 1, 1, 1, 1)
        inputs = torch.where(flip, noisy.transpose(-1, -2), noisy)
        with torch.autocast("cuda", dtype=torch.bfloat16, enabled=device == "cuda"):
            pred = self.unet(inputs, t, encoder_hidden_states=self.text(tokenize(teacher_captions, device))[0]).sample
        pred = pred.float()
        return torch.where(flip, pred.transpose(-1, -2), pred), weight


CONTRAST_TEMPERATURE = 0.05  # a relative loss gap of 5% between the two captions is worth one nat


def direction_contrast(model, text, tokenize, noisy, t, noise, error, captions, combos, drop, args, device):
    """The UNet as a two-way classifier of the caption's motion: at the noisiest steps (t ≥ --contrast-from,
    where the noisy clip hardly shows the shape and the caption alone must say which way it goes), the denoising
    loss with the clip's own caption should be lower than with the same caption saying the opposite motion
    ("moving left" → "moving right"). The plain loss barely rewards this: one word's worth of a clip's error.
    Returns the mean softplus of the negative relative gap (scaled), or None when no clip of the batch qualifies."""
    chosen = [i for i, (dropped, step) in enumerate(zip(drop.tolist(), t.tolist()))
              if not dropped and step >= args.contrast_from]
    if not chosen:
        return None
    index = torch.tensor(chosen, device=device)
    opposite = tokenize([dataset.opposite_caption(captions[i], combos[i].motion) for i in chosen], device)
    with torch.autocast("cuda", dtype=torch.bfloat16, enabled=device == "cuda"):
        pred = model(noisy[index], t[index], encoder_hidden_states=text(opposite)[0]).sample
    own = (error[index] ** 2).mean(dim=(1, 2, 3, 4))
    other = ((pred.float() - noise[index]) ** 2).mean(dim=(1, 2, 3, 4))
    gap = (other - own) / own.detach()
    # Scaled by the clip's own loss so that its gradient on either loss is at most 1, as the plain MSE's is.
    return (F.softplus(-gap / CONTRAST_TEMPERATURE) * CONTRAST_TEMPERATURE * own.detach()).mean()


def train_unet(vae, text, unet, tokenize, scheduler, sampler, args, state, device, deadline, ema, probe=None,
               teacher=None):
    if args.train_only == "motion":
        chosen = motion_parameters(unet)
        for name, weight in unet.named_parameters():
            weight.requires_grad_(name in chosen)
    params = [w for w in unet.parameters() if w.requires_grad] + list(text.parameters())
    if probe is not None:
        params += list(probe.parameters())
    model = torch.compile(unet) if args.compile else unet
    timings = {"data": 0.0, "vae": 0.0, "step": 0.0}
    opt = torch.optim.AdamW(params, lr=args.lr, weight_decay=0.0, fused=device == "cuda")
    unet.train()
    text.train()
    scale = state["scaling_factor"]
    alphas = scheduler.alphas_cumprod.to(device)
    gen = torch.Generator(device=device).manual_seed(args.seed * 7919 + state["unet_step"])
    drop_rng = torch.Generator().manual_seed(args.seed * 104729 + state["unet_step"])
    start = state["unet_step"]
    started = time.time()
    losses, probe_losses, contrast_losses, distill_losses = [], [], [], []
    while state["unet_step"] < args.unet_steps and time.time() < deadline:
        step = state["unet_step"]
        for g in opt.param_groups:
            g["lr"] = lr_at(step, step - start, args.lr, args.unet_steps, args.warmup)
        mark = time.time()
        clips, captions, combos, alpha = sampler.batch(args.batch, device, with_alpha=True)
        drop = torch.rand(len(captions), generator=drop_rng) < args.caption_dropout
        captions = ["" if d else c for c, d in zip(captions, drop.tolist())]
        n = clips.shape[0]
        ids = tokenize(captions, device)
        if args.profile:
            sync(device)
            timings["data"] += time.time() - mark
            mark = time.time()
        with torch.no_grad(), torch.autocast("cuda", dtype=torch.bfloat16, enabled=device == "cuda"):
            z = vae.encode(frames_of(clips)).latent_dist.sample(generator=gen).float() * scale
        if args.profile:
            sync(device)
            timings["vae"] += time.time() - mark
            mark = time.time()
        z = z.view(n, dataset.FRAMES, 4, 16, 16).permute(0, 2, 1, 3, 4)  # (n, 4, F, 16, 16)
        noise = torch.randn(z.shape, generator=gen, device=device)
        # Offset noise: lets the model change a clip's mean colour, which flat backgrounds need.
        noise = noise + args.offset_noise * torch.randn((n, 4, 1, 1, 1), generator=gen, device=device)
        t = torch.randint(0, scheduler.config.num_train_timesteps, (n,), generator=gen, device=device)
        # Layout and motion are decided in the noisiest steps; spend a share of each batch there.
        high = torch.rand(n, generator=gen, device=device) < args.high_noise_fraction
        t = torch.where(high, torch.randint(args.high_noise_from, scheduler.config.num_train_timesteps, (n,),
                                            generator=gen, device=device), t)
        a = alphas[t].view(n, 1, 1, 1, 1)
        noisy = a.sqrt() * z + (1 - a).sqrt() * noise
        with torch.autocast("cuda", dtype=torch.bfloat16, enabled=device == "cuda"):
            hidden = text(ids)[0]
            pred = model(noisy, t, encoder_hidden_states=hidden).sample
        # The shape covers ~10% of a frame, so a plain MSE is mostly about the flat background; weighting the
        # latent pixels the shape touches makes its colour, position and motion count.
        weight = 1 + args.shape_weight * F.max_pool3d(alpha, (1, 4, 4))  # (n, 1, F, 16, 16)
        snr = a.view(n) / (1 - a.view(n))
        if args.min_snr_gamma:
            # Min-SNR weighting: the epsilon loss barely sees the clean clip at high noise, where the layout
            # and the direction of motion are decided; this shifts the weight toward those steps.
            weight = weight * batch_normalised(snr.clamp(max=args.min_snr_gamma) / snr)
        if args.x0_weight_cap:
            # Weighting in clean-clip space where the noise dominates (1/SNR, capped): the epsilon loss is
            # nearly blind to the predicted clip at high noise, the only steps that need the arrow of time
            # (at low noise the noisy input already shows where the shape is).
            weight = weight * batch_normalised((1 / snr).clamp(min=1, max=args.x0_weight_cap))
        error = pred.float() - noise
        loss = (error ** 2 * weight).sum() / (weight.sum() * pred.shape[1])
        if args.temporal_weight:
            # A clip drawn static where it should move errs only in its frame-to-frame part (its mean over
            # frames is right), so that part of the error is weighted extra; the optimum is unchanged.
            moving_error = error - error.mean(dim=2, keepdim=True)
            loss = loss + args.temporal_weight * (moving_error ** 2 * weight).sum() / (weight.sum() * pred.shape[1])
        losses.append(loss.detach())
        if teacher is not None:
            target, keep = teacher.target(noisy, t, captions, combos, drop, tokenize, device)
            taught = weight * keep.view(n, 1, 1, 1, 1)
            distill = ((pred.float() - target) ** 2 * taught).sum() / (taught.sum().clamp(min=1) * pred.shape[1])
            distill_losses.append(distill.detach())
            loss = loss + args.distill_weight * distill
        if args.direction_contrast:
            contrast = direction_contrast(model, text, tokenize, noisy, t, noise, error, captions, combos, drop,
                                          args, device)
            if contrast is not None:
                contrast_losses.append(contrast.detach())
                loss = loss + args.direction_contrast * contrast
        if probe is not None:
            probe_loss = probe.loss(hidden, combos, ~drop.to(device))
            probe_losses.append(probe_loss.detach())
            loss = loss + args.motion_probe_weight * probe_loss
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        ema.update({"unet": unet, "text": text}, state["unet_step"])
        state["unet_step"] += 1
        if args.profile:
            timings["step"] += time.time() - mark
            done = state["unet_step"] - start
            if done in (5, args.profile + 5):
                if done == 5:
                    timings = {k: 0.0 for k in timings}  # the first steps pay for warm-up and compilation
                else:
                    print("profile, ms per step: " + ", ".join(f"{k} {1000 * v / args.profile:.1f}"
                                                               for k, v in timings.items()), flush=True)
                    break
        if step % 250 == 0:
            rate = (state["unet_step"] - start) / max(time.time() - started, 1e-6)
            probed = f" motion probe {torch.stack(probe_losses).mean().item():.4f}" if probe_losses else ""
            if distill_losses:
                probed += f" distill {torch.stack(distill_losses).mean().item():.5f}"
            if contrast_losses:
                probed += f" contrast {torch.stack(contrast_losses).mean().item():.4f}"
            print(f"unet step {step} loss {torch.stack(losses).mean().item():.5f}{probed} lr {opt.param_groups[0]['lr']:.2e} "
                  f"{rate:.1f} it/s", flush=True)
            losses, probe_losses, contrast_losses, distill_losses = [], [], [], []
    elapsed = time.time() - started
    print(f"unet: {state['unet_step'] - start} steps in {elapsed:.0f} s "
          f"({(state['unet_step'] - start) / max(elapsed, 1e-6):.2f} it/s, batch {args.batch})", flush=True)
    unet.eval()
    text.eval()


def export(vae, text, unet, scale, directory: Path, repo: Path, studio_extra: dict) -> None:
    """Writes the TextToVideoSDPipeline folder: F16 safetensors, tokenizer and scheduler copied from models/demo."""
    from safetensors.torch import load_file, save_file
    directory.mkdir(parents=True, exist_ok=True)
    vae.register_to_config(scaling_factor=scale)
    for module, sub in ((unet, "unet"), (vae, "vae"), (text, "text_encoder")):
        target = directory / sub
        if target.exists():
            shutil.rmtree(target)
        copy = type(module)(module.config) if sub == "text_encoder" else type(module).from_config(module.config)
        copy.load_state_dict(module.state_dict())
        copy.to(torch.float16).save_pretrained(str(target), safe_serialization=True)
    # The hub's text encoder keys carry the `text_model.` prefix that transformers 5 drops on save.
    path = directory / "text_encoder" / "model.safetensors"
    tensors = load_file(str(path))
    tensors = {(k if k.startswith("text_model.") else "text_model." + k): v.to(torch.float16).contiguous()
               for k, v in tensors.items()}
    save_file(tensors, str(path), metadata={"format": "pt"})
    for sub in ("tokenizer", "scheduler"):
        if (directory / sub).exists():
            shutil.rmtree(directory / sub)
        shutil.copytree(repo / "models" / "demo" / sub, directory / sub)
    index = json.loads((repo / "models" / "demo" / "model_index.json").read_text())
    index["_studio"] = studio_extra
    (directory / "model_index.json").write_text(json.dumps(index, indent=2) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, required=True, help="folder for the ckpt.NNN parts")
    parser.add_argument("--resume", type=Path, help="folder holding ckpt.NNN parts of an earlier run")
    parser.add_argument("--minutes", type=float, default=6.8, help="stop training after this long (then save)")
    parser.add_argument("--vae-steps", type=int, default=1200)
    parser.add_argument("--unet-steps", type=int, default=5000, help="total planned (sets the LR decay)")
    parser.add_argument("--vae-batch", type=int, default=8, help="clips per VAE step (×8 frames)")
    parser.add_argument("--batch", type=int, default=48)
    parser.add_argument("--vae-lr", type=float, default=1e-3)
    parser.add_argument("--lr", type=float, default=3e-4)
    parser.add_argument("--warmup", type=int, default=200)
    parser.add_argument("--caption-dropout", type=float, default=0.1)
    parser.add_argument("--offset-noise", type=float, default=0.1)
    parser.add_argument("--ema-decay", type=float, default=0.999)
    parser.add_argument("--shape-weight", type=float, default=4.0, help="extra loss weight where the shape is")
    parser.add_argument("--high-noise-fraction", type=float, default=0.0,
                        help="share of each batch with timesteps drawn from --high-noise-from to 999 instead "
                             "of 0-999")
    parser.add_argument("--high-noise-from", type=int, default=600,
                        help="smallest timestep of the --high-noise-fraction share")
    parser.add_argument("--min-snr-gamma", type=float, default=0.0,
                        help="weight each clip's loss by min(SNR, gamma)/SNR (0: off)")
    parser.add_argument("--x0-weight-cap", type=float, default=0.0,
                        help="weight each clip's loss by 1/SNR clamped to [1, cap], as an x0 loss at high noise (0: off)")
    parser.add_argument("--temporal-weight", type=float, default=0.0,
                        help="extra weight on the error's frame-to-frame part (0: off)")
    parser.add_argument("--init-from", type=Path,
                        help="start from an exported pipeline folder (e.g. models/demo): its VAE stays frozen, the "
                             "UNet and text encoder train on, the step count and LR schedule start at 0")
    parser.add_argument("--data-seed", type=int, help="with --init-from: seed of the training clips' sampler")
    parser.add_argument("--start-positions", choices=dataset.START_POSITIONS, default="edge",
                        help="where moving shapes start in the training clips (dataset.render)")
    parser.add_argument("--motion-probe-weight", type=float, default=0.0,
                        help="weight of a training-only loss that makes the text encoder's states tell the caption's "
                             "motion apart (MotionProbe; 0: off)")
    parser.add_argument("--teacher", type=Path,
                        help="an exported model (e.g. models/demo) whose up/down, transposed, teaches left/right "
                             "(TransposedTeacher); its plain predictions are the target elsewhere")
    parser.add_argument("--distill-weight", type=float, default=1.0, help="with --teacher: weight of its loss")
    parser.add_argument("--transpose-from", type=int, default=900,
                        help="with --teacher: smallest timestep at which left/right is taught transposed")
    parser.add_argument("--direction-contrast", type=float, default=0.0,
                        help="weight of a loss that makes the UNet's error lower with the clip's own caption than "
                             "with its opposite motion (left/right, up/down, growing/shrinking) at noisy steps")
    parser.add_argument("--contrast-from", type=int, default=800, help="smallest timestep --direction-contrast uses")
    parser.add_argument("--train-only", choices=("all", "motion"), default="all",
                        help="UNet weights to train: all, or those linking the caption to motion (motion_parameters)")
    parser.add_argument("--motion-weights", type=dataset.parse_motion_weights,
                        help="how often each motion's combos are drawn for the UNet, e.g. "
                             "left=3,right=3,up=1.5,down=1.5,growing=0.5,shrinking=0.5 (default: uniform)")
    parser.add_argument("--checkpoint-f16", action="store_true",
                        help="store the live UNet and VAE weights in F16 (a smaller checkpoint; resumes in float32)")
    parser.add_argument("--compile", action="store_true", help="torch.compile the UNet")
    parser.add_argument("--no-cudnn-benchmark", action="store_true", help="keep cuDNN's default algorithms")
    parser.add_argument("--profile", type=int, default=0, help="time N UNet steps by part, then stop")
    parser.add_argument("--export", type=Path, help="write the pipeline folder here after training")
    parser.add_argument("--repo", type=Path, default=Path(__file__).resolve().parents[2])
    args = parser.parse_args()

    device = "cuda" if torch.cuda.is_available() else "cpu"
    torch.backends.cuda.matmul.allow_tf32 = True
    torch.backends.cudnn.allow_tf32 = True
    # The temporal (3,1,1) Conv3d layers are slow under cuDNN's default algorithm choice.
    torch.backends.cudnn.benchmark = not args.no_cudnn_benchmark
    F.scaled_dot_product_attention = short_sequence_attention
    # Batch 256 (65,536 temporal-attention sequences) fails in every SDPA backend on the H100 (cuDNN
    # graph error, then CUDA grid limit); 96 works, 128 is the largest tried.
    deadline = time.time() + args.minutes * 60
    vae, text, unet = build(args.seed)
    print(f"parameters: vae {count(vae):,} text {count(text):,} unet {count(unet):,}; "
          f"F16 ≈ {2 * (count(vae) + count(text) + count(unet)) / 1e6:.1f} MB", flush=True)
    state = {"vae_step": 0, "unet_step": 0, "scaling_factor": None, "seed": args.seed}
    vae_sampler = dataset.Sampler(args.seed * 2 + 1, start=args.start_positions)
    unet_sampler = dataset.Sampler(args.seed * 2 + 2, start=args.start_positions,
                                   motion_weights=args.motion_weights)
    if args.init_from and args.resume:
        raise SystemExit("--init-from and --resume exclude each other")
    if args.init_from:
        state["scaling_factor"] = load_pipeline_weights(args.init_from, vae, text, unet)
        state["vae_step"] = args.vae_steps
        state["init_from"] = str(args.init_from)
        # Fresh data draws, not the ones the initial model was trained on.
        data_seed = args.seed * 2 + 1_000_002 if args.data_seed is None else args.data_seed
        unet_sampler = dataset.Sampler(data_seed, start=args.start_positions,
                                       motion_weights=args.motion_weights)
        print(f"initialised from {args.init_from} (latent scaling factor {state['scaling_factor']:.5f})", flush=True)
    if args.resume:
        saved = load_parts(args.resume)
        vae.load_state_dict(saved["vae"])
        text.load_state_dict(expand_text(saved["text"], args.seed))
        unet.load_state_dict(saved["unet"])
        state = saved["state"]
        vae_sampler.load_state(saved["vae_sampler"])
        unet_sampler.load_state(saved["unet_sampler"])
        print(f"resumed at vae step {state['vae_step']}, unet step {state['unet_step']}", flush=True)
    vae.to(device)
    text.to(device)
    unet.to(device)
    tokenizer = CLIPTokenizer.from_pretrained(str(args.repo / "models" / "demo" / "tokenizer"))
    saved_ema = None
    if args.resume and "ema" in saved:
        saved_ema = {"unet": saved["ema"]["unet"], "text": expand_text(saved["ema"]["text"], args.seed)}
    ema = EMA({"unet": unet, "text": text}, args.ema_decay, saved_ema)
    scheduler = DDIMScheduler.from_pretrained(str(args.repo / "models" / "demo" / "scheduler"))
    probe = None
    if args.motion_probe_weight:
        probe = MotionProbe(TEXT_CONFIG["hidden_size"])
        if args.resume and "motion_probe" in saved:
            probe.load_state_dict(saved["motion_probe"])
        probe.to(device)

    if state["vae_step"] < args.vae_steps:
        train_vae(vae, vae_sampler, args, state, device, deadline)
    if state["vae_step"] >= args.vae_steps and state["scaling_factor"] is None:
        state["scaling_factor"] = latent_scale(vae, device)
        print(f"latent scaling factor {state['scaling_factor']:.5f}", flush=True)
    vae.requires_grad_(False)
    if state["scaling_factor"] is not None:
        teacher = None
        if args.teacher:
            teacher = TransposedTeacher(args.teacher, args.seed, args.transpose_from, device)
        train_unet(vae, text, unet, TokenCache(tokenizer), scheduler, unet_sampler, args, state, device, deadline, ema,
                   probe, teacher)
    if args.profile:
        return

    args.out.mkdir(parents=True, exist_ok=True)
    # The EMA is stored in F16 (as it is exported) to keep the checkpoint within the device's transfer limits.
    ema_state = {"unet": {k: v.cpu().half() for k, v in ema.shadow["unet"].items()},
                 "text": compact_text({k: v.cpu() for k, v in ema.shadow["text"].items()}, args.seed)}
    def stored(module) -> dict:
        # F16 live weights halve the checkpoint so it travels (with the repository) within the device tool's 64 MiB.
        weights = module.state_dict()
        return {k: v.half() if args.checkpoint_f16 and v.is_floating_point() else v for k, v in weights.items()}

    save_parts({"vae": stored(vae), "text": compact_text(text.state_dict(), args.seed), "unet": stored(unet),
                "ema": ema_state, "state": state,
                **({"motion_probe": probe.state_dict()} if probe is not None else {}),
                "vae_sampler": vae_sampler.state(), "unet_sampler": unet_sampler.state(),
                "configs": {"vae": VAE_CONFIG, "text": TEXT_CONFIG, "unet": UNET_CONFIG}}, args.out)
    print(f"saved checkpoint at vae step {state['vae_step']}, unet step {state['unet_step']} to {args.out}", flush=True)
    if args.export and state["scaling_factor"] is not None:
        extra = {"weights": "trained",
                 "note": (f"trained by tools/demo-model/train.py --seed {args.seed} on synthetic shape clips "
                          f"({state['vae_step']} VAE steps, {state['unet_step']} UNet/text steps)"),
                 "num_frames": dataset.FRAMES, "steps": 25, "guidance": 7.5}
        # The exported model is the EMA of the weights.
        unet.load_state_dict(ema.shadow["unet"])
        text.load_state_dict(ema.shadow["text"])
        extra["note"] += f", EMA {args.ema_decay}, moving shapes' start positions: {args.start_positions}"
        if state.get("init_from"):
            extra["note"] += f"; UNet/text steps counted from the model in {state['init_from']}"
        export(vae.float().cpu(), text.float().cpu(), unet.float().cpu(), state["scaling_factor"], args.export,
               args.repo, extra)
        print(f"exported to {args.export}", flush=True)


if __name__ == "__main__":
    main()
