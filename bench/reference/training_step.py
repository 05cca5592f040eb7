"""PyTorch reference for bench/training-step.sh: the time of one full training step of gan4j's
adversarial game as its runtime steps it (one discriminator update, then one generator update; non-saturating loss;
Adam lr 2e-4, betas 0.5/0.999, eps 1e-8) on the same networks and batch sizes:

  mlp      gan4j's `mlp` with default options: G 8 -> 256 -> 256 -> 256 -> 2 (ReLU);
           D packs 4 samples (PacGAN, [N, 2] -> [N/4, 8]) -> 128 -> 128 -> 128 -> 1 (LeakyReLU 0.2);
           latent 8, 2-D data, batch 256
  dcgan28  gan4j's `dcgan` at 1x28x28 (width 64): G 100 -> ConvT(128, k7) -> ConvT(64, k4 s2 p1)
           -> ConvT(1, k4 s2 p1) + tanh, batch norm + ReLU between, no bias but on the last;
           D Conv(64, k4 s2 p1) + LReLU -> Conv(128, k4 s2 p1, no bias) + BN + LReLU
           -> Conv(1, k7); latent 100, batch 64
  dcgan64  the same at 3x64x64: G 100 -> 512 (k4) -> 256 -> 128 -> 64 -> 3; D 64 -> 128 -> 256
           -> 512 -> 1 (k4); latent 100, batch 64

The step is gan4j's: D scores the real batch and the fake batch in two forward passes, the fakes
made by G in training mode without a graph (torch.no_grad, like gan4j's stopGradient outside the
gradient collector); then G's update back-propagates through D with D's parameters excluded from
differentiation (requires_grad False, as gan4j does), and both losses are read back to the host.
Real data is uniform in [-1, 1] and noise N(0, 1), from a small pool of host batches, copied in
every step as gan4j copies them.

Usage: /usr/bin/python3 bench/reference/training_step.py --case mlp|dcgan28|dcgan64
           [--threads T] [--warmup W] [--reps R] [--steps N]
Prints one line per repetition and RESULT case=... ms_per_step=<median> rss_kb=<peak RSS>.
"""
import argparse
import os
import resource
import statistics
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class Pack(nn.Module):
    def __init__(self, pack):
        super().__init__()
        self.pack = pack

    def forward(self, x):
        n = x.shape[0]
        return x.reshape(n // self.pack, -1)


def mlp(latent, features, pack=4, g_hidden=(256, 256, 256), d_hidden=(128, 128, 128), slope=0.2):
    g, width = [], latent
    for h in g_hidden:
        g += [nn.Linear(width, h), nn.ReLU()]
        width = h
    g.append(nn.Linear(width, features))
    d, width = [Pack(pack)], pack * features
    for h in d_hidden:
        d += [nn.Linear(width, h), nn.LeakyReLU(slope)]
        width = h
    d.append(nn.Linear(width, 1))
    return nn.Sequential(*g), nn.Sequential(*d)


def dcgan(latent, channels, resolution, width=64, slope=0.2, std=0.02):
    m = {64: [8, 4, 2, 1], 32: [4, 2, 1], 28: [2, 1]}[resolution]
    first = 7 if resolution == 28 else 4
    g = [nn.Unflatten(1, (latent, 1, 1)),
         nn.ConvTranspose2d(latent, m[0] * width, first, 1, 0, bias=False),
         nn.BatchNorm2d(m[0] * width), nn.ReLU()]
    for i in range(1, len(m)):
        g += [nn.ConvTranspose2d(m[i - 1] * width, m[i] * width, 4, 2, 1, bias=False),
              nn.BatchNorm2d(m[i] * width), nn.ReLU()]
    g += [nn.ConvTranspose2d(m[-1] * width, channels, 4, 2, 1, bias=True), nn.Tanh()]
    d, c = [], channels
    for i in range(len(m) - 1, -1, -1):
        norm = i != len(m) - 1  # no batch norm at D's input
        d.append(nn.Conv2d(c, m[i] * width, 4, 2, 1, bias=not norm))
        if norm:
            d.append(nn.BatchNorm2d(m[i] * width))
        d.append(nn.LeakyReLU(slope))
        c = m[i] * width
    d += [nn.Conv2d(c, 1, first, 1, 0, bias=True), nn.Flatten()]
    g, d = nn.Sequential(*g), nn.Sequential(*d)
    for net in (g, d):
        for mod in net.modules():
            if isinstance(mod, (nn.Conv2d, nn.ConvTranspose2d)):
                nn.init.normal_(mod.weight, 0.0, std)
            elif isinstance(mod, nn.BatchNorm2d):
                nn.init.normal_(mod.weight, 1.0, std)
                nn.init.zeros_(mod.bias)
    return g, d


CASES = {
    # name: (builder, sample shape, latent, batch, default warm-up steps, default steps per repetition)
    "mlp": (lambda: mlp(8, 2), (2,), 8, 256, 20, 50),
    "dcgan28": (lambda: dcgan(100, 1, 28), (1, 28, 28), 100, 64, 3, 3),
    "dcgan64": (lambda: dcgan(100, 3, 64), (3, 64, 64), 100, 64, 2, 1),
}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--case", default="mlp", choices=sorted(CASES))
    p.add_argument("--threads", type=int, default=int(os.environ.get("OMP_NUM_THREADS", "2")))
    p.add_argument("--warmup", type=int, default=-1)
    p.add_argument("--reps", type=int, default=5)
    p.add_argument("--steps", type=int, default=-1)
    p.add_argument("--op-profile", help="write torch.profiler's trace of the measured steps (Chrome JSON)")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    build, shape, latent, n, default_warmup, default_steps = CASES[a.case]
    steps = a.steps if a.steps > 0 else default_steps
    a.warmup = a.warmup if a.warmup >= 0 else default_warmup
    G, D = build()
    G.train()
    D.train()
    opt_g = torch.optim.Adam(G.parameters(), lr=2e-4, betas=(0.5, 0.999), eps=1e-8)
    opt_d = torch.optim.Adam(D.parameters(), lr=2e-4, betas=(0.5, 0.999), eps=1e-8)
    d_params = list(D.parameters())

    rng = np.random.default_rng(1)
    pool = 4
    real = [rng.uniform(-1, 1, size=(n,) + shape).astype(np.float32) for _ in range(pool)]
    noise = [rng.standard_normal((n, latent)).astype(np.float32) for _ in range(2 * pool)]
    counter = [0]

    def one_step():
        counter[0] += 1
        k = counter[0] % pool
        x = torch.from_numpy(real[k].copy())
        zd = torch.from_numpy(noise[2 * k].copy())
        with torch.no_grad():
            fake = G(zd)
        d_loss = F.softplus(-D(x)).mean() + F.softplus(D(fake)).mean()
        opt_d.zero_grad(set_to_none=False)
        d_loss.backward()
        opt_d.step()
        dl = d_loss.item()
        zg = torch.from_numpy(noise[2 * k + 1].copy())
        for q in d_params:
            q.requires_grad_(False)
        g_loss = F.softplus(-D(G(zg))).mean()
        opt_g.zero_grad(set_to_none=False)
        g_loss.backward()
        for q in d_params:
            q.requires_grad_(True)
        opt_g.step()
        gl = g_loss.item()
        if not (np.isfinite(dl) and np.isfinite(gl)):
            raise RuntimeError(f"diverged at step {counter[0]}")

    # Debian's torch calls whatever libblas.so.3 the alternatives point at: the reference (netlib)
    # BLAS unless an optimized one (libopenblas0, libblis4) is installed. Say which.
    with open("/proc/self/maps") as maps:
        blas = sorted({line.split()[-1] for line in maps if "blas" in line.split()[-1]})
    print(f"pytorch {a.case}: BLAS {', '.join(blas) or 'none loaded'}", flush=True)
    print(f"pytorch {a.case}: sample {shape}, latent {latent}, batch {n}; {a.warmup} warm-up steps,"
          f" {a.reps} x {steps} steps; threads {torch.get_num_threads()}"
          f" (OMP_NUM_THREADS {os.environ.get('OMP_NUM_THREADS', 'unset')}), torch {torch.__version__}",
          flush=True)
    for _ in range(a.warmup):
        one_step()
    times = []
    profiler = None
    if a.op_profile:
        # libtorch's own profiler, as gan4j's --op-profile records it through DJL.
        profiler = torch.profiler.profile(activities=[torch.profiler.ProfilerActivity.CPU], record_shapes=True)
        profiler.__enter__()
    for r in range(a.reps):
        t0 = time.perf_counter()
        for _ in range(steps):
            one_step()
        times.append((time.perf_counter() - t0) * 1e3 / steps)
        print(f"  repetition {r + 1}: {times[-1]:.3f} ms/step", flush=True)
    if profiler is not None:
        profiler.__exit__(None, None, None)
        profiler.export_chrome_trace(a.op_profile)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kB on Linux
    print(f"RESULT case={a.case} ms_per_step={statistics.median(times):.3f} rss_kb={rss}", flush=True)


if __name__ == "__main__":
    main()
