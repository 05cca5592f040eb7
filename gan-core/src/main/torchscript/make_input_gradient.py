"""Writes input_gradient.pt, the TorchScript module gan4j's PyTorch seam calls for
torch.autograd.grad(..., create_graph=True), which DJL's JNI does not expose.

Run with Debian's python3-torch (apt-get install python3-torch) from the repository root:
    /usr/bin/python3 gan-core/src/main/torchscript/make_input_gradient.py
The output is committed, so building gan4j does not need Python.
"""
from typing import List, Optional

import torch


class InputGradient(torch.nn.Module):
    def forward(self, output: torch.Tensor, inp: torch.Tensor) -> torch.Tensor:
        # Unlike backward(create_graph=True), autograd.grad does not accumulate into any .grad,
        # so no parameter<->gradient reference cycle forms and nothing leaks between steps.
        grads = torch.autograd.grad([output.sum()], [inp], create_graph=True)
        g: Optional[torch.Tensor] = grads[0]
        assert g is not None
        return g


if __name__ == "__main__":
    module = torch.jit.script(InputGradient())
    path = "gan-core/src/main/resources/org/gan4j/core/engine/input_gradient.pt"
    module.save(path)
    print("wrote", path)
