"""A safetensors reader and writer written against the published format, for the interop tests.

    python3 safetensors_io.py read FILE      prints {"name": {"dtype", "shape", "values"}} as JSON
    /usr/bin/python3 safetensors_io.py write  writes pytorch_written.safetensors beside this file (needs torch)

The reader needs only the standard library, so the C# tests can run it anywhere; when torch is installed it
also turns every tensor into a torch tensor, i.e. the file loads in PyTorch.
"""
import json
import os
import struct
import sys

FORMATS = {"F32": ("f", 4), "F64": ("d", 8), "F16": ("e", 2), "I64": ("q", 8), "I32": ("i", 4),
           "I16": ("h", 2), "I8": ("b", 1), "U8": ("B", 1), "BOOL": ("?", 1)}


def read(path):
    with open(path, "rb") as f:
        blob = f.read()
    (n,) = struct.unpack("<Q", blob[:8])
    header = json.loads(blob[8:8 + n])
    data = blob[8 + n:]
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        begin, end = info["data_offsets"]
        if info["dtype"] == "BF16":
            raw = struct.unpack("<%dH" % ((end - begin) // 2), data[begin:end])
            values = [struct.unpack("<f", struct.pack("<I", v << 16))[0] for v in raw]
        else:
            code, size = FORMATS[info["dtype"]]
            values = list(struct.unpack("<%d%s" % ((end - begin) // size, code), data[begin:end]))
        tensors[name] = {"dtype": info["dtype"], "shape": info["shape"], "values": values}
    try:
        import torch
        for name, t in tensors.items():
            torch.tensor(t["values"]).reshape(t["shape"])
    except ImportError:
        pass
    return tensors, header.get("__metadata__", {})


def write(path, tensors):
    import torch
    header, chunks, offset = {}, [], 0
    names = {torch.float32: "F32", torch.float16: "F16", torch.bfloat16: "BF16", torch.int64: "I64",
             torch.int32: "I32", torch.uint8: "U8", torch.bool: "BOOL"}
    for name, t in tensors.items():
        raw = t.contiguous().view(torch.uint8).numpy().tobytes() if t.dtype != torch.bool else bytes(t.to(torch.uint8).tolist())
        header[name] = {"dtype": names[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    header["__metadata__"] = {"format": "pt"}
    encoded = json.dumps(header).encode()
    encoded += b" " * (-len(encoded) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(encoded)) + encoded + b"".join(chunks))


if __name__ == "__main__":
    if sys.argv[1] == "read":
        tensors, metadata = read(sys.argv[2])
        print(json.dumps({"tensors": tensors, "metadata": metadata}))
    else:
        import torch
        torch.manual_seed(5)
        here = os.path.dirname(os.path.abspath(__file__))
        w = torch.randn(3, 4)
        write(os.path.join(here, "pytorch_written.safetensors"), {
            "linear.weight": w, "half": w.half(), "brain": w.bfloat16(), "steps": torch.tensor([1, -2, 3]),
            "small": torch.tensor([[7, 8]], dtype=torch.int32), "bytes": torch.tensor([0, 255], dtype=torch.uint8),
            "mask": torch.tensor([True, False, True]),
        })
        with open(os.path.join(here, "pytorch_written.json"), "w") as f:
            json.dump({"linear.weight": w.reshape(-1).tolist(), "half": w.half().float().reshape(-1).tolist(),
                       "brain": w.bfloat16().float().reshape(-1).tolist()}, f)
