"""Writes conv_transpose2d.pt, the TorchScript module TransposedConv2d calls on DJL's PyTorch
engine for libtorch's own transposed convolution (oneDNN's deconvolution on CPU, cuDNN's on a
GPU), which DJL's JNI does not expose (PtNDArrayEx.deconvolution throws "Not implemented").

Run with Debian's python3-torch (apt-get install python3-torch) from the repository root:
    /usr/bin/python3 gan-models/src/main/torchscript/make_conv_transpose.py
The output is committed, so building gan4j does not need Python.
"""
from typing import List

import torch


class ConvTranspose2d(torch.nn.Module):
    def forward(self, x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor,
                geometry: torch.Tensor) -> torch.Tensor:
        # DJL passes tensors only, so the geometry travels as one int64 tensor: stride (2),
        # padding (2), output padding (2). An empty bias tensor stands for "no bias".
        g: List[int] = geometry.tolist()
        b = bias if bias.numel() > 0 else None
        return torch.nn.functional.conv_transpose2d(
            x, weight, b, [g[0], g[1]], [g[2], g[3]], [g[4], g[5]], 1, [1, 1])


if __name__ == "__main__":
    module = torch.jit.script(ConvTranspose2d())
    path = "gan-models/src/main/resources/org/gan4j/models/blocks/conv_transpose2d.pt"
    module.save(path)
    print("wrote", path)
