"""PyTorch reference for gan4j's WGAN-GP on the ring: the same networks (64-wide MLPs), loss,
penalty (lambda 10), critic steps (5), batch (256), latent size (8) and Adam (lr, betas 0.5/0.9),
to compare with
    ./gan train --dataset ring --loss wgan-gp --steps N --seed 1 --model-opt pack=1 \
        --model-opt g-hidden=64,64,64 --model-opt d-hidden=64,64,64 --beta2 0.9 --lr 1e-4 --lr-schedule constant
Usage (Debian's python3-torch): /usr/bin/python3 bench/reference/wgangp_ring.py STEPS LAMBDA LR
"""
import math, sys, time, torch, torch.nn as nn
torch.manual_seed(1)
torch.set_num_threads(1)
steps = int(sys.argv[1]) if len(sys.argv) > 1 else 4000
lam = float(sys.argv[2]) if len(sys.argv) > 2 else 10.0
lr = float(sys.argv[3]) if len(sys.argv) > 3 else 3e-4
B, Z = 256, 8
centres = torch.tensor([[math.cos(2*math.pi*k/8), math.sin(2*math.pi*k/8)] for k in range(8)])
def real(n):
    return centres[torch.randint(0, 8, (n,))] + 0.01 * torch.randn(n, 2)
G = nn.Sequential(nn.Linear(Z,64), nn.ReLU(), nn.Linear(64,64), nn.ReLU(), nn.Linear(64,64), nn.ReLU(), nn.Linear(64,2))
D = nn.Sequential(nn.Linear(2,64), nn.LeakyReLU(0.2), nn.Linear(64,64), nn.LeakyReLU(0.2), nn.Linear(64,64), nn.LeakyReLU(0.2), nn.Linear(64,1))
og = torch.optim.Adam(G.parameters(), lr=lr, betas=(0.5, 0.9))
od = torch.optim.Adam(D.parameters(), lr=lr, betas=(0.5, 0.9))
t = time.time()
for step in range(steps):
    for _ in range(5):
        x = real(B); f = G(torch.randn(B, Z)).detach()
        eps = torch.rand(B, 1); xh = (eps * x + (1 - eps) * f).requires_grad_(True)
        g, = torch.autograd.grad(D(xh).sum(), xh, create_graph=True)
        gp = lam * ((g.norm(dim=1) - 1) ** 2).mean()
        loss = D(f).mean() - D(x).mean() + gp
        od.zero_grad(); loss.backward(); od.step()
    lg = -D(G(torch.randn(B, Z))).mean()
    og.zero_grad(); lg.backward(); og.step()
with torch.no_grad():
    s = G(torch.randn(2500, Z))
d = torch.cdist(s, centres); best, arg = d.min(1)
hq = best <= 0.03
print(f"steps {steps} lam {lam} lr {lr}: modes {len(set(arg[hq].tolist()))}, hq {100*hq.float().mean():.1f}%, time {time.time()-t:.0f}s, d_loss {loss.item():.3f}")
