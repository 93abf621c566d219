#!/usr/bin/env python3
"""Known-answer vectors of PyTorch's seeded CPU stream, for test/random/torchStream.test.ts.

Each case seeds torch.manual_seed(seed) once and runs its steps in order on the default CPU
generator, so later steps check that the state carries across calls. For every step it records
the tensor's SHA-256 (little-endian bytes), its first and last values, every value when the
tensor is small, and after the last step one float64 torch.rand draw (the stream's position).

Usage: /usr/bin/python3 scripts/torch-vectors.py > test/fixtures/torch/vectors.json
(Debian/Ubuntu: apt-get install python3-torch; torch installs into the system python3.)
"""
import hashlib
import json
import math
import platform
import sys

import torch

SQRT5 = math.sqrt(5)

# (initlab spec, torch.nn.init function, positional args after the tensor, keyword args)
STEPS = {
    "rand": ("torch:uniform", "uniform_", (0.0, 1.0), {}),
    "uniform(-2,3)": ("torch:uniform(a=-2, b=3)", "uniform_", (-2.0, 3.0), {}),
    "randn": ("torch:normal", "normal_", (0.0, 1.0), {}),
    "normal(1,0.5)": ("torch:normal(mean=1, std=0.5)", "normal_", (1.0, 0.5), {}),
    "kaiming_uniform(a=sqrt(5))": ("torch:kaiming_uniform(a=sqrt(5))", "kaiming_uniform_", (), {"a": SQRT5}),
    "kaiming_uniform(relu)": ("torch:kaiming_uniform(nonlinearity=relu, mode=fan_out)", "kaiming_uniform_", (), {"nonlinearity": "relu", "mode": "fan_out"}),
    "kaiming_normal": ("torch:kaiming_normal(nonlinearity=relu)", "kaiming_normal_", (), {"nonlinearity": "relu"}),
    "xavier_uniform": ("torch:xavier_uniform", "xavier_uniform_", (), {}),
    "xavier_normal(gain=2)": ("torch:xavier_normal(gain=2)", "xavier_normal_", (), {"gain": 2.0}),
    "trunc_normal": ("torch:trunc_normal(std=0.02, a=-0.04, b=0.04)", "trunc_normal_", (), {"std": 0.02, "a": -0.04, "b": 0.04}),
    "orthogonal": ("torch:orthogonal", "orthogonal_", (), {}),
}

CASES = [
    (0, [("rand", [5], "float32"), ("rand", [3], "float64"), ("randn", [5], "float32")]),
    (0, [("randn", [16], "float32"), ("randn", [4, 4], "float32")]),
    (0, [("randn", [15], "float32"), ("randn", [17], "float32"), ("randn", [100], "float32")]),
    (1, [("randn", [15], "float64"), ("randn", [16], "float64"), ("randn", [17], "float64"), ("randn", [3], "float64")]),
    (42, [("randn", [1], "float32"), ("randn", [1], "float64"), ("randn", [1], "float32")]),
    (0, [("kaiming_uniform(a=sqrt(5))", [128, 784], "float32"), ("uniform(-2,3)", [128], "float32")]),
    (123, [("kaiming_uniform(relu)", [64, 32, 3, 3], "float32"), ("kaiming_normal", [64, 32, 3, 3], "float32")]),
    (7, [("xavier_uniform", [50, 30], "float64"), ("xavier_normal(gain=2)", [50, 30], "float32"), ("normal(1,0.5)", [7], "float32")]),
    (2**32 + 5, [("rand", [4], "float32")]),
    (5, [("rand", [4], "float32")]),
    (-1, [("rand", [4], "float32")]),
    (2024, [("trunc_normal", [256, 64], "float32")]),
    (3, [("orthogonal", [20, 30], "float32"), ("orthogonal", [30, 20], "float32")]),
]


# Modules built as PyTorch builds them (torch.empty, then reset_parameters), each parameter with the
# initlab spec that reproduces it, in the order the module draws them.
MODULES = [
    (0, "nn.Linear(784, 128)", lambda: torch.nn.Linear(784, 128),
     [("torch:linear_default", [128, 784]), ("torch:linear_bias(fan_in=784)", [128])]),
    (1, "nn.Conv2d(3, 16, 3)", lambda: torch.nn.Conv2d(3, 16, 3),
     [("torch:conv_default", [16, 3, 3, 3]), ("torch:conv_bias(fan_in=27)", [16])]),
    (2, "nn.LSTM(10, 20)", lambda: torch.nn.LSTM(10, 20),
     [("torch:lstm_default(hidden_size=20)", [80, 10]), ("torch:lstm_default(hidden_size=20)", [80, 20]),
      ("torch:lstm_default(hidden_size=20)", [80]), ("torch:lstm_default(hidden_size=20)", [80])]),
]


def record(t):
    a = t.contiguous().view(-1)
    values = a.tolist()
    out = {
        "sha256": hashlib.sha256(a.numpy().astype(a.numpy().dtype.newbyteorder("<")).tobytes()).hexdigest(),
        "head": values[:8],
        "tail": values[-8:],
    }
    if len(values) <= 100:
        out["values"] = values
    return out


def main():
    cases = []
    for seed, steps in CASES:
        torch.manual_seed(seed)
        done = []
        for key, shape, dtype in steps:
            spec, fn, args, kwargs = STEPS[key]
            t = torch.empty(shape, dtype=getattr(torch, dtype))
            getattr(torch.nn.init, fn)(t, *args, **kwargs)
            done.append({"spec": spec, "shape": shape, "dtype": dtype, **record(t)})
        after = torch.rand(1, dtype=torch.float64).item()
        cases.append({"seed": str(seed), "steps": done, "after": after})
    for seed, name, build, specs in MODULES:
        torch.manual_seed(seed)
        module = build()
        params = list(module.parameters())
        assert [list(p.shape) for p in params] == [shape for _, shape in specs], name
        done = [{"spec": spec, "shape": shape, "dtype": "float32", **record(p.detach())} for (spec, shape), p in zip(specs, params)]
        after = torch.rand(1, dtype=torch.float64).item()
        cases.append({"seed": str(seed), "module": name, "steps": done, "after": after})
    json.dump(
        {
            "torch": torch.__version__,
            "python": platform.python_version(),
            "machine": platform.machine(),
            "cpu_capability": torch.backends.cpu.get_cpu_capability() if hasattr(torch.backends, "cpu") else "unknown",
            "cases": cases,
        },
        sys.stdout,
        indent=1,
    )
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
