#!/usr/bin/env python3
"""How well generated points fit the example plugin's spiral.

Usage: spiral-fit.py SAMPLES.npy [SAMPLES.npy ...] [--turns 2] [--noise 0.02]

SAMPLES.npy is what `gan sample --run DIR --out SAMPLES.npy` writes for a spiral run: float32
[N, 2]. For each file it prints the median distance of the samples to the noise-free curve, the
share of samples within 3 noise standard deviations of it, and the share of the curve (501 points
evenly spaced in t) that has a sample that close: a model that draws the whole spiral scores high
on both; one that collapses onto part of it scores low on the second.
"""
import argparse

import numpy as np


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+")
    parser.add_argument("--turns", type=float, default=2.0)
    parser.add_argument("--noise", type=float, default=0.02)
    args = parser.parse_args()
    t = np.linspace(0, 1, 5001)
    angle = 2 * np.pi * args.turns * t
    curve = np.stack([t * np.cos(angle), t * np.sin(angle)], axis=1)
    near = 3 * args.noise
    for f in args.files:
        x = np.load(f).reshape(-1, 2).astype(np.float64)
        to_curve = np.sqrt(((x[:, None, :] - curve[None, :, :]) ** 2).sum(-1)).min(1)
        probes = curve[::10]
        to_sample = np.sqrt(((probes[:, None, :] - x[None, :, :]) ** 2).sum(-1)).min(1)
        print(f"{f}: {len(x)} samples, median distance to the curve {np.median(to_curve):.4f}, "
              f"within {near:g} of it {100 * (to_curve < near).mean():.1f}%, "
              f"curve covered {100 * (to_sample < near).mean():.1f}%")


if __name__ == "__main__":
    main()
