#!/usr/bin/env python3
"""How well generated points fit the example plugin's spiral.

Usage: spiral-fit.py SAMPLES.npy [SAMPLES.npy ...] [--turns 2] [--noise 0.02] [--arms 1]

SAMPLES.npy is what `gan sample --run DIR --out SAMPLES.npy` writes for a spiral run: float32
[N, 2]. For each file it prints the median distance of the samples to the noise-free curve, the
share of samples within 3 noise standard deviations of it, and the share of the curve (501 points
evenly spaced in t) that has a sample that close: a model that draws the whole spiral scores high
on both; one that collapses onto part of it scores low on the second.

With --arms K > 1 (a run on `--dataset-opt arms=K`, e.g. of the aux-head game), the samples are
taken to be those `gan sample` draws without --label, sample j of class j % K, and each class is
measured against its own arm: the share of its samples whose nearest arm is theirs, the share
within 3 noise standard deviations of their arm, and the share of their arm covered.
"""
import argparse

import numpy as np


def arm_curve(turns, arm, arms):
    t = np.linspace(0, 1, 5001)
    angle = 2 * np.pi * turns * t + 2 * np.pi * arm / arms
    return np.stack([t * np.cos(angle), t * np.sin(angle)], axis=1)


def distances(x, curve):
    return np.sqrt(((x[:, None, :] - curve[None, :, :]) ** 2).sum(-1)).min(1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+")
    parser.add_argument("--turns", type=float, default=2.0)
    parser.add_argument("--noise", type=float, default=0.02)
    parser.add_argument("--arms", type=int, default=1)
    args = parser.parse_args()
    near = 3 * args.noise
    curves = [arm_curve(args.turns, k, args.arms) for k in range(args.arms)]
    for f in args.files:
        x = np.load(f).reshape(-1, 2).astype(np.float64)
        if args.arms == 1:
            to_curve = distances(x, curves[0])
            to_sample = distances(curves[0][::10], x)
            print(f"{f}: {len(x)} samples, median distance to the curve {np.median(to_curve):.4f}, "
                  f"within {near:g} of it {100 * (to_curve < near).mean():.1f}%, "
                  f"curve covered {100 * (to_sample < near).mean():.1f}%")
            continue
        labels = np.arange(len(x)) % args.arms
        to_arms = np.stack([distances(x, c) for c in curves], axis=1)
        print(f"{f}: {len(x)} samples, class j % {args.arms} for sample j")
        for k in range(args.arms):
            mine = labels == k
            to_own = to_arms[mine, k]
            covered = distances(curves[k][::10], x[mine]) < near
            print(f"  arm-{k}: {mine.sum()} samples, nearest arm their own {100 * (to_arms[mine].argmin(1) == k).mean():.1f}%, "
                  f"within {near:g} of it {100 * (to_own < near).mean():.1f}%, "
                  f"arm covered {100 * covered.mean():.1f}%")


if __name__ == "__main__":
    main()
