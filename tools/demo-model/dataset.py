"""Synthetic captioned clips for the bundled demo model: one coloured shape on a flat coloured background,
moving left/right/up/down or growing/shrinking, 64×64 px, 8 frames, deterministic from a seed.

Every clip is described by a `Combo` (shape, colour, motion, background). A fixed, seeded subset of combos
is held out of training (`HELD_OUT`) so evaluation asks for combinations the model never saw together.
Frames are rendered in torch (CPU or GPU) in [-1, 1], layout (batch, 3, frames, 64, 64).
"""
from __future__ import annotations

import itertools
import random
from dataclasses import dataclass

import torch

SIZE = 64
FRAMES = 8

# Saturated, well separated colours so a dominant-colour check is unambiguous.
COLOURS = {
    "red": (220, 30, 30),
    "green": (30, 180, 50),
    "blue": (30, 70, 230),
    "yellow": (240, 220, 30),
    "white": (245, 245, 245),
    "black": (15, 15, 15),
    "purple": (140, 40, 190),
}
SHAPES = ("circle", "square", "triangle")
MOTIONS = ("left", "right", "up", "down", "growing", "shrinking")

SHAPE_WORDS = {
    "circle": ("circle", "ball", "disc", "dot"),
    "square": ("square", "box", "block"),
    "triangle": ("triangle",),
}
MOTION_WORDS = {
    "left": ("moving left", "sliding to the left", "going left", "moving to the left", "drifting left"),
    "right": ("moving right", "sliding to the right", "going right", "moving to the right", "drifting right"),
    "up": ("moving up", "rising", "going up", "floating upward", "moving upward"),
    "down": ("moving down", "falling", "going down", "sinking", "moving downward"),
    "growing": ("growing", "getting bigger", "expanding"),
    "shrinking": ("shrinking", "getting smaller", "contracting"),
}
OPPOSITE_MOTION = {"left": "right", "right": "left", "up": "down", "down": "up",
                   "growing": "shrinking", "shrinking": "growing"}
# A transposed clip (rows ↔ columns) moving left moves up: train.TransposedTeacher asks for one through the other.
TRANSPOSED_MOTION = {"left": "up", "right": "down", "up": "left", "down": "right"}


def recaption(text: str, motion: str, new_motion: str) -> str:
    """The same caption with `new_motion`'s parallel paraphrase in place of `motion`'s ("sliding to the left" →
    "sliding to the right", "rising" → "falling", "moving to the left" → "floating upward"): captions that
    differ only where the motion is said."""
    phrases = MOTION_WORDS[motion]
    for index in sorted(range(len(phrases)), key=lambda i: -len(phrases[i])):  # "moving upward" before "moving up"
        if phrases[index] in text:
            return text.replace(phrases[index], MOTION_WORDS[new_motion][index], 1)
    raise ValueError(f"caption {text!r} says none of the phrases for {motion!r}")


def opposite_caption(text: str, motion: str) -> str:
    """'… moving left …' → '… moving right …', 'rising' → 'falling', 'growing' → 'shrinking'."""
    return recaption(text, motion, OPPOSITE_MOTION[motion])


TEMPLATES = (
    "a {c} {s} {m} on a {b} background",
    "{c} {s} {m}, {b} backdrop",
    "a {c} {s} {m} against a {b} background",
    "{b} background, {c} {s} {m}",
    "the {c} {s} is {m} over a {b} background",
)


@dataclass(frozen=True)
class Combo:
    shape: str
    colour: str
    motion: str
    background: str

    def canonical_caption(self) -> str:
        """The caption form the issue uses: 'a red circle moving left on a blue background'."""
        motion = MOTION_WORDS[self.motion][0]
        return f"a {self.colour} {self.shape} {motion} on a {self.background} background"


def all_combos() -> list[Combo]:
    return [Combo(s, c, m, b) for s, c, m, b in itertools.product(SHAPES, COLOURS, MOTIONS, COLOURS) if c != b]


def _held_out(seed: int = 1234, fraction: float = 0.08) -> frozenset[Combo]:
    combos = all_combos()
    rng = random.Random(seed)
    return frozenset(rng.sample(combos, int(len(combos) * fraction)))


HELD_OUT = _held_out()
TRAIN_COMBOS = [c for c in all_combos() if c not in HELD_OUT]
# The issue's own example is always an evaluation prompt, never a training combo.
EXAMPLE = Combo("circle", "red", "left", "blue")
if EXAMPLE not in HELD_OUT:
    HELD_OUT = HELD_OUT | {EXAMPLE}
    TRAIN_COMBOS = [c for c in TRAIN_COMBOS if c != EXAMPLE]


def caption(combo: Combo, rng: random.Random) -> str:
    template = rng.choice(TEMPLATES)
    return template.format(c=combo.colour, s=rng.choice(SHAPE_WORDS[combo.shape]),
                           m=rng.choice(MOTION_WORDS[combo.motion]), b=combo.background)


def eval_prompts() -> list[tuple[Combo, str]]:
    """Held-out combos with their canonical caption, sorted for a stable order."""
    combos = sorted(HELD_OUT, key=lambda c: (c.shape, c.colour, c.motion, c.background))
    return [(c, c.canonical_caption()) for c in combos]


def _colour_tensor(names, device):
    return torch.tensor([COLOURS[n] for n in names], dtype=torch.float32, device=device) / 127.5 - 1.0


START_POSITIONS = ("edge", "free")


def parse_motion_weights(text: str) -> dict[str, float]:
    """'left=3,right=3,growing=0.5' → {"left": 3.0, "right": 3.0, "growing": 0.5}; motions not named weigh 1."""
    weights = {}
    for item in text.split(","):
        motion, _, value = item.partition("=")
        if motion.strip() not in MOTIONS or not value:
            raise ValueError(f"motion weight {item!r}: expected MOTION=NUMBER with MOTION one of {MOTIONS}")
        weights[motion.strip()] = float(value)
    return weights


def render(combos: list[Combo], generator: torch.Generator, device="cpu", with_alpha=False, start="edge"):
    """Clips for `combos`: (n, 3, FRAMES, SIZE, SIZE) in [-1, 1], and with `with_alpha` the shape's coverage
    (n, 1, FRAMES, SIZE, SIZE) in [0, 1]. Positions, sizes and speeds are drawn from `generator` (a CPU
    generator, so the result does not depend on the device).

    `start="edge"`: a moving shape starts at the edge it moves away from and travels 20–30 px, so its first
    position alone tells the direction. `start="free"`: it travels 16–24 px from anywhere its path stays inside
    [6, 58], so left- and right-moving shapes share most start positions and only the caption tells which way."""
    if start not in START_POSITIONS:
        raise ValueError(f"start must be one of {START_POSITIONS}, not {start!r}")
    n = len(combos)

    def uniform(lo, hi):
        return (torch.rand(n, generator=generator) * (hi - lo) + lo).to(device)

    t = torch.linspace(0, 1, FRAMES, device=device).view(1, FRAMES)  # (1, F)
    radius0 = uniform(7.0, 11.0)
    travel = uniform(20.0, 30.0) if start == "edge" else uniform(16.0, 24.0)  # pixels covered over the clip
    cx0, cy0 = uniform(20.0, 44.0), uniform(20.0, 44.0)
    motion = [c.motion for c in combos]

    def per(kind_values):
        return torch.tensor(kind_values, dtype=torch.float32, device=device).view(n, 1)

    dx = per([{"left": -1, "right": 1}.get(m, 0) for m in motion])
    dy = per([{"up": -1, "down": 1}.get(m, 0) for m in motion])
    grow = per([{"growing": 1, "shrinking": -1}.get(m, 0) for m in motion])
    moving = (dx.abs() + dy.abs()).clamp(max=1)
    # Moving shapes start so the whole path stays inside the frame; the free axis stays where it was drawn.
    if start == "edge":
        margin = radius0.view(n, 1) + 2
        start_x = torch.where(dx > 0, margin, torch.where(dx < 0, SIZE - margin, cx0.view(n, 1)))
        start_y = torch.where(dy > 0, margin, torch.where(dy < 0, SIZE - margin, cy0.view(n, 1)))
    else:
        lo, hi = 6.0, SIZE - 6.0
        # Where along the feasible span the start sits; the same draw serves both axes' moving shapes.
        along = uniform(0.0, 1.0).view(n, 1)
        span = hi - lo - travel.view(n, 1)
        forward, backward = lo + along * span, hi - along * span  # starts of +1 and -1 moves
        start_x = torch.where(dx > 0, forward, torch.where(dx < 0, backward, cx0.view(n, 1)))
        start_y = torch.where(dy > 0, forward, torch.where(dy < 0, backward, cy0.view(n, 1)))
    cx = start_x + dx * travel.view(n, 1) * t  # (n, F)
    cy = start_y + dy * travel.view(n, 1) * t
    # Growing goes from small to large, shrinking the other way; sizes in 5..16 px radius.
    small, large = uniform(4.0, 6.0).view(n, 1), uniform(14.0, 17.0).view(n, 1)
    r_grow = small + (large - small) * t
    r_shrink = large - (large - small) * t
    radius = torch.where(grow > 0, r_grow, torch.where(grow < 0, r_shrink, radius0.view(n, 1).expand(n, FRAMES)))
    # Sized shapes sit nearer the middle so their largest size fits.
    centre_fix = (1 - moving) * (grow != 0).float()
    cx = cx * (1 - centre_fix) + centre_fix * uniform(24.0, 40.0).view(n, 1)
    cy = cy * (1 - centre_fix) + centre_fix * uniform(24.0, 40.0).view(n, 1)

    coords = torch.arange(SIZE, dtype=torch.float32, device=device) + 0.5
    ys = coords.view(1, 1, SIZE, 1)
    xs = coords.view(1, 1, 1, SIZE)
    ddx = xs - cx.view(n, FRAMES, 1, 1)
    ddy = ys - cy.view(n, FRAMES, 1, 1)
    r = radius.view(n, FRAMES, 1, 1)
    # Signed distance (positive inside) per shape, then a one-pixel soft edge.
    d_circle = r - torch.sqrt(ddx * ddx + ddy * ddy)
    d_square = 0.85 * r - torch.maximum(ddx.abs(), ddy.abs())
    # Upward triangle: apex at top, base at bottom; inside of three half-planes.
    h = 1.6 * r
    d_base = (h / 2) - ddy
    slope = 0.8944  # cos(atan(0.5)): edges with horizontal half-width = height/2... normalised
    d_left = ((ddy + h / 2) * 0.5 + ddx) * slope
    d_right = ((ddy + h / 2) * 0.5 - ddx) * slope
    d_triangle = torch.minimum(d_base, torch.minimum(d_left, d_right))
    shape_id = torch.tensor([SHAPES.index(c.shape) for c in combos], device=device).view(n, 1, 1, 1)
    dist = torch.where(shape_id == 0, d_circle, torch.where(shape_id == 1, d_square, d_triangle))
    alpha = (dist + 0.5).clamp(0, 1).unsqueeze(1)  # (n, 1, F, H, W)
    fg = _colour_tensor([c.colour for c in combos], device).view(n, 3, 1, 1, 1)
    bg = _colour_tensor([c.background for c in combos], device).view(n, 3, 1, 1, 1)
    clips = bg + (fg - bg) * alpha
    return (clips, alpha) if with_alpha else clips


class Sampler:
    """Draws training batches: random train combos, paraphrased captions, rendered clips. Deterministic
    given the seed and the number of batches drawn so far (`state`/`load_state` resume it)."""

    def __init__(self, seed: int, combos: list[Combo] | None = None, start: str = "edge",
                 motion_weights: dict[str, float] | None = None):
        self.seed = seed
        self.combos = combos or TRAIN_COMBOS
        self.start = start
        # None draws combos uniformly; weights per motion (e.g. {"left": 3, "right": 3, ...}, 1 for a motion not
        # named) spend more of each batch on the motions the model gets wrong.
        self.weights = None if motion_weights is None else [motion_weights.get(c.motion, 1.0) for c in self.combos]
        self.drawn = 0

    def state(self) -> dict:
        return {"seed": self.seed, "drawn": self.drawn}

    def load_state(self, state: dict) -> None:
        self.seed, self.drawn = state["seed"], state["drawn"]

    def batch(self, size: int, device="cpu", with_alpha=False):
        """(clips, captions, combos), with the shapes' coverage appended when `with_alpha`."""
        rng = random.Random(self.seed * 1_000_003 + self.drawn)
        generator = torch.Generator().manual_seed(self.seed * 1_000_003 + self.drawn)
        self.drawn += 1
        if self.weights is None:
            combos = [rng.choice(self.combos) for _ in range(size)]
        else:
            combos = rng.choices(self.combos, weights=self.weights, k=size)
        captions = [caption(c, rng) for c in combos]
        rendered = render(combos, generator, device, with_alpha, self.start)
        if with_alpha:
            return rendered[0], captions, combos, rendered[1]
        return rendered, captions, combos


if __name__ == "__main__":
    import sys
    print(f"{len(all_combos())} combos, {len(TRAIN_COMBOS)} for training, {len(HELD_OUT)} held out")
    clips, caps, _ = Sampler(0).batch(4)
    for c in caps:
        print(c)
    print(clips.shape, float(clips.min()), float(clips.max()))
    if len(sys.argv) > 1:  # write a preview grid as PPM: python3 dataset.py out.ppm
        frames = ((clips + 1) * 127.5).clamp(0, 255).byte()  # (n, 3, F, H, W)
        grid = frames.permute(0, 3, 2, 4, 1).reshape(4 * SIZE, FRAMES * SIZE, 3).numpy()
        with open(sys.argv[1], "wb") as f:
            f.write(f"P6 {grid.shape[1]} {grid.shape[0]} 255\n".encode() + grid.tobytes())
