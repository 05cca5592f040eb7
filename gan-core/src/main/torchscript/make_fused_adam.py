"""Writes fused_adam.pt, the TorchScript module gan4j's Adam calls on DJL's PyTorch engine: one
call updates every parameter of a network with libtorch's fused Adam kernel (the one behind
torch.optim.Adam(fused=True); one vectorized pass per parameter on a CPU) and zeroes the
gradients, where DJL's adamUpdate takes several kernels and Java calls per parameter.

Run with Debian's python3-torch (apt-get install python3-torch) from the repository root:
    /usr/bin/python3 gan-core/src/main/torchscript/make_fused_adam.py
The output is committed, so building gan4j does not need Python. PyTorch 1.13 declares the
operator (with a CUDA kernel only); libtorch 2.4 and later, which gan4j runs on, add the CPU kernel.
"""
from typing import List

import torch


class FusedAdam(torch.nn.Module):
    def forward(self, params: List[torch.Tensor], exp_avgs: List[torch.Tensor],
                exp_avg_sqs: List[torch.Tensor], step: float, lr: float, beta1: float,
                beta2: float, eps: float) -> int:
        # Parameters without a gradient (unused in this pass) are left as they are, as PyTorch's
        # optimizers leave them.
        ps: List[torch.Tensor] = []
        gs: List[torch.Tensor] = []
        ms: List[torch.Tensor] = []
        vs: List[torch.Tensor] = []
        for i in range(len(params)):
            g = params[i].grad
            if g is not None:
                ps.append(params[i])
                gs.append(g)
                ms.append(exp_avgs[i])
                vs.append(exp_avg_sqs[i])
        if len(ps) == 0:
            return 0
        # The kernel reads the step (for the bias corrections) from one tensor per parameter.
        s = torch.full([1], step, dtype=torch.float32)
        steps: List[torch.Tensor] = [s for _ in ps]
        no_max: List[torch.Tensor] = []
        with torch.no_grad():
            torch._fused_adam_(ps, gs, ms, vs, no_max, steps, lr=lr, beta1=beta1, beta2=beta2,
                               weight_decay=0.0, eps=eps, amsgrad=False, maximize=False)
            # DJL's gradient collector does not zero gradients; the next backward would add to these.
            for g in gs:
                g.zero_()
        return len(ps)


if __name__ == "__main__":
    module = torch.jit.script(FusedAdam())
    path = "gan-core/src/main/resources/org/gan4j/core/optim/fused_adam.pt"
    module.save(path)
    print("wrote", path)
