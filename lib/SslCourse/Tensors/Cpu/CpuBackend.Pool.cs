namespace SslCourse.Cpu;

internal sealed partial class CpuBackend
{
    public void MaxPool2d(Tensor planes, ConvGeometry g, Tensor output, Tensor argmax)
    {
        var x = planes.Storage.F!; var y = output.Storage.F!; var winners = argmax.Storage.L!;
        int h = planes.Shape[1], w = planes.Shape[2], outPlane = g.OutH * g.OutW;
        ForRows(planes.Shape[0], outPlane * g.KernelH * g.KernelW, p =>
        {
            int source = planes.Offset + p * h * w;
            for (int oy = 0, o = p * outPlane; oy < g.OutH; oy++)
                for (int ox = 0; ox < g.OutW; ox++, o++)
                {
                    float best = float.NegativeInfinity;
                    int winner = -1;
                    for (int ky = 0; ky < g.KernelH; ky++)
                    {
                        int iy = oy * g.StrideH - g.PadH + ky * g.DilationH;
                        if (iy < 0 || iy >= h) continue;
                        for (int kx = 0; kx < g.KernelW; kx++)
                        {
                            int ix = ox * g.StrideW - g.PadW + kx * g.DilationW;
                            if (ix < 0 || ix >= w) continue;
                            float v = x[source + iy * w + ix];
                            // NaN wins, as in PyTorch, so that it propagates.
                            if (v > best || float.IsNaN(v) || winner < 0) { best = v; winner = iy * w + ix; if (float.IsNaN(v)) goto done; }
                        }
                    }
                    done:
                    y[output.Offset + o] = best;
                    winners[argmax.Offset + o] = winner;
                }
        });
    }

    public void MaxPool2dBackward(Tensor outputGrad, Tensor argmax, Tensor inputGrad)
    {
        var gy = outputGrad.Storage.F!; var gx = inputGrad.Storage.F!; var winners = argmax.Storage.L!;
        int planes = inputGrad.Shape[0], plane = inputGrad.Shape[1] * inputGrad.Shape[2], outPlane = argmax.Numel / planes;
        // One task per plane: overlapping windows of a plane add into the same pixels.
        ForRows(planes, outPlane, p =>
        {
            for (int o = p * outPlane, end = o + outPlane; o < end; o++)
            {
                long winner = winners[argmax.Offset + o];
                if (winner >= 0) gx[inputGrad.Offset + p * plane + winner] += gy[outputGrad.Offset + o];
            }
        });
    }
}
