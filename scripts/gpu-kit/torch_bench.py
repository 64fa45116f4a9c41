#!/usr/bin/env python3
"""The PyTorch ceiling for the GPU kit: the same network as the app (Keras-layout ResNet50 or its tiny
variant + fastai head), the same three steps (forward = validation, frozen = head-only step, full = whole
network), the same optimizer family (AdamW, fused), fp32 channels-last and bf16 autocast channels-last, on
the same GPU. Writes JSON for kit.mjs; without torch or CUDA it writes the reason instead."""
import argparse
import contextlib
import json
import sys
import time


def parse():
    ap = argparse.ArgumentParser()
    ap.add_argument("--variant", default="resnet50")
    ap.add_argument("--sizes", default="64,128,224")
    ap.add_argument("--batches", default="16,32,64")
    ap.add_argument("--phases", default="forward,frozen,full")
    ap.add_argument("--steps", type=int, default=5)
    ap.add_argument("--classes", type=int, default=10)
    ap.add_argument("--budget-s", type=float, default=120)
    ap.add_argument("--device", default="cuda", help="cpu only to test this script")
    ap.add_argument("--no-augment", action="store_true")
    ap.add_argument("--out", required=True)
    return ap.parse_args()


SPECS = {"resnet50": ((3, 4, 6, 3), 64), "resnet50-tiny": ((1, 1, 1, 1), 8)}


def build(torch, variant, classes):
    nn = torch.nn
    blocks, width = SPECS[variant]
    eps = 1.001e-5

    class Bottleneck(nn.Module):
        # keras.applications resnet block1: stride on the first 1x1, biases on every conv, zero last gamma
        def __init__(self, cin, f, stride, proj):
            super().__init__()
            self.short = nn.Sequential(nn.Conv2d(cin, 4 * f, 1, stride), nn.BatchNorm2d(4 * f, eps=eps)) if proj else nn.Identity()
            self.c1, self.b1 = nn.Conv2d(cin, f, 1, stride), nn.BatchNorm2d(f, eps=eps)
            self.c2, self.b2 = nn.Conv2d(f, f, 3, 1, padding=1), nn.BatchNorm2d(f, eps=eps)
            self.c3, self.b3 = nn.Conv2d(f, 4 * f, 1), nn.BatchNorm2d(4 * f, eps=eps)
            nn.init.zeros_(self.b3.weight)

        def forward(self, x):
            y = torch.relu(self.b1(self.c1(x)))
            y = torch.relu(self.b2(self.c2(y)))
            return torch.relu(self.short(x) + self.b3(self.c3(y)))

    layers = [nn.Conv2d(3, width, 7, 2, padding=3), nn.BatchNorm2d(width, eps=eps), nn.ReLU(), nn.MaxPool2d(3, 2, padding=1)]
    cin = width
    for stage, count in enumerate(blocks):
        f = width * 2 ** stage
        for b in range(count):
            layers.append(Bottleneck(cin, f, 2 if b == 0 and stage > 0 else 1, b == 0))
            cin = 4 * f
    body = nn.Sequential(*layers)

    class Head(nn.Module):
        # fastai create_head: concat pool -> BN -> dropout -> linear 512 -> ReLU -> BN -> dropout -> linear
        def __init__(self):
            super().__init__()
            self.net = nn.Sequential(nn.BatchNorm1d(2 * cin), nn.Dropout(0.25), nn.Linear(2 * cin, 512), nn.ReLU(),
                                     nn.BatchNorm1d(512), nn.Dropout(0.5), nn.Linear(512, classes))

        def forward(self, x):
            return self.net(torch.cat([x.mean((2, 3)), x.amax((2, 3))], 1))

    return body, Head()


def augment(torch, x):
    """fastai aug_transforms on the GPU, as the app does: one affine resampling (flip, rotate, zoom) with
    reflection padding, then brightness/contrast in logit space. Values 0..255 in and out."""
    F = torch.nn.functional
    n = x.shape[0]
    dev = x.device
    angle = (torch.rand(n, device=dev) * 2 - 1) * (10 * 3.14159 / 180)
    zoom = 1 + torch.rand(n, device=dev) * 0.1
    flip = torch.where(torch.rand(n, device=dev) < 0.5, -1.0, 1.0)
    cos, sin = torch.cos(angle) / zoom, torch.sin(angle) / zoom
    theta = torch.stack([torch.stack([cos * flip, -sin, torch.zeros_like(cos)], 1), torch.stack([sin * flip, cos, torch.zeros_like(cos)], 1)], 1)
    grid = F.affine_grid(theta, list(x.shape), align_corners=False)
    x = F.grid_sample(x, grid.to(x.dtype), mode="bilinear", padding_mode="reflection", align_corners=False)
    p = (x / 255).clamp(1e-4, 1 - 1e-4)
    logit = torch.log(p / (1 - p))
    contrast = torch.exp((torch.rand(n, 1, 1, 1, device=dev) * 2 - 1) * 0.2)
    bright = (torch.rand(n, 1, 1, 1, device=dev) * 2 - 1) * 0.2
    return torch.sigmoid(logit * contrast + bright) * 255


def run(a, out):
    import torch
    dev = torch.device(a.device)
    if a.device == "cuda":
        if not torch.cuda.is_available():
            out["skipped"] = "torch sees no CUDA device"
            return
        out["device"] = torch.cuda.get_device_name(0)
        torch.backends.cudnn.benchmark = True
        torch.backends.cuda.matmul.allow_tf32 = False
        torch.backends.cudnn.allow_tf32 = False
    else:
        out["device"] = "cpu"
    out["torch"] = torch.__version__
    body, head = build(torch, a.variant, a.classes)
    body = body.to(dev, memory_format=torch.channels_last)
    head = head.to(dev)
    params_head = list(head.parameters())
    opt_head = torch.optim.AdamW(params_head, lr=1e-3, betas=(0.9, 0.99), eps=1e-5, weight_decay=0.01, fused=a.device == "cuda")
    opt_all = torch.optim.AdamW(list(body.parameters()) + params_head, lr=1e-4, betas=(0.9, 0.99), eps=1e-5, weight_decay=0.01, fused=a.device == "cuda")
    mean = torch.tensor([103.939, 116.779, 123.68], device=dev).view(1, 3, 1, 1)
    loss_fn = torch.nn.CrossEntropyLoss()
    started = time.perf_counter()
    sync = torch.cuda.synchronize if a.device == "cuda" else (lambda: None)
    modes = [("fp32-channels-last", None), ("bf16-autocast-channels-last", torch.bfloat16)]
    # batch-major with both modes side by side, as kit.mjs orders its configs: a short budget keeps pairs
    for batch in [int(b) for b in a.batches.split(",")]:
        for size in [int(s) for s in a.sizes.split(",")]:
            for phase in a.phases.split(","):
                for mode, dtype in modes:
                    rec = {"mode": mode, "size": size, "batch": batch, "phase": phase, "imagesPerSecond": None, "firstStepMs": None, "peakBytes": None}
                    if time.perf_counter() - started > a.budget_s:
                        rec["error"] = "left out: time budget"
                        out["results"].append(rec)
                        continue
                    gen = torch.Generator(device="cpu").manual_seed(size * 1000 + batch)
                    xs = [torch.randint(0, 256, (batch, 3, size, size), generator=gen).float().to(dev).contiguous(memory_format=torch.channels_last) for _ in range(2)]
                    ys = [(torch.arange(batch, device=dev) + k) % a.classes for k in range(2)]

                    def prep(x):
                        x = augment(torch, x) if phase != "forward" and not a.no_augment else x
                        return (x.flip(1) - mean).contiguous(memory_format=torch.channels_last)

                    def step(i):
                        x, y = xs[i % 2], ys[i % 2]
                        amp = torch.autocast(device_type=dev.type, dtype=dtype) if dtype is not None else contextlib.nullcontext()
                        with amp:
                            if phase == "forward":
                                body.eval(); head.eval()
                                with torch.no_grad():
                                    logits = head(body(prep(x)))
                                    loss = loss_fn(logits.float(), y)
                                    pred = logits.argmax(1)
                                loss.item(); pred.cpu()
                                return
                            if phase == "frozen":
                                body.eval(); head.train()
                                with torch.no_grad():
                                    feats = body(prep(x))
                                loss = loss_fn(head(feats).float(), y)
                                opt = opt_head
                            else:
                                body.train(); head.train()
                                loss = loss_fn(head(body(prep(x))).float(), y)
                                opt = opt_all
                        opt.zero_grad(set_to_none=True)
                        loss.backward()
                        opt.step()
                        loss.item()

                    try:
                        if a.device == "cuda":
                            torch.cuda.reset_peak_memory_stats()
                        t0 = time.perf_counter(); step(0); sync()
                        rec["firstStepMs"] = (time.perf_counter() - t0) * 1000
                        times = []
                        for i in range(1, a.steps + 1):
                            t0 = time.perf_counter(); step(i); sync()
                            times.append(time.perf_counter() - t0)
                        times.sort()
                        med = times[len(times) // 2] if len(times) % 2 else (times[len(times) // 2 - 1] + times[len(times) // 2]) / 2
                        rec["imagesPerSecond"] = batch / med
                        if a.device == "cuda":
                            rec["peakBytes"] = torch.cuda.max_memory_allocated()
                    except Exception as e:  # out of memory and the like: recorded, the next config runs
                        rec["error"] = str(e).split("\n")[0][:200]
                        if a.device == "cuda":
                            torch.cuda.empty_cache()
                    out["results"].append(rec)
                    ips = rec["imagesPerSecond"]
                    print(f"torch {mode} {size}px/b{batch}/{phase}: " + (f"{ips:.1f} img/s" if ips else rec.get("error", "?")), flush=True)


def main():
    a = parse()
    out = {"results": []}
    try:
        import torch  # noqa: F401
    except Exception as e:
        out["skipped"] = f"python3 has no torch ({type(e).__name__}: {e})"
    else:
        try:
            run(a, out)
        except Exception as e:
            out["skipped"] = f"torch_bench.py failed: {type(e).__name__}: {e}"
    with open(a.out, "w") as f:
        json.dump(out, f)
    if "skipped" in out:
        print(f"PyTorch: skipped ({out['skipped']})", flush=True)


if __name__ == "__main__":
    sys.exit(main())
