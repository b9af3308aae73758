using SslCourse.Models;

namespace SslCourse.Tests.Models;

public class PretextTests
{
    [Fact]
    public void NeighbourPatchesSitWhereTheirLabelSays()
    {
        // Pixel value = its own (y, x) position, so a patch's top-left value tells where it was cut.
        const int size = 30, patch = 6, gap = 2, jitter = 1;
        var coordinates = torch.arange(size * size).to(torch.float32).reshape(1, 1, size, size).expand(200, 1, size, size);
        var (centres, neighbours, labels) = RelativePatchPositions.Sample(coordinates, patch, gap, jitter, new torch.Generator(5));
        var c = centres[.., 0, 0, 0].data<float>();
        var n = neighbours[.., 0, 0, 0].data<float>();
        var seen = new HashSet<long>();
        for (int i = 0; i < 200; i++)
        {
            long label = labels[i].ToInt64();
            seen.Add(label);
            var (row, column) = RelativePatchPositions.Offsets[label];
            int dy = (int)n[i] / size - (int)c[i] / size, dx = (int)n[i] % size - (int)c[i] % size;
            Assert.InRange(dy, row * (patch + gap) - 2 * jitter, row * (patch + gap) + 2 * jitter);
            Assert.InRange(dx, column * (patch + gap) - 2 * jitter, column * (patch + gap) + 2 * jitter);
            Assert.InRange((int)c[i] / size, 0, size - patch);
        }
        Assert.Equal(8, seen.Count);
    }

    [Fact]
    public void PatchGridMustFitTheImage() =>
        TensorAssert.Throws<ArgumentException>(() => RelativePatchPositions.Sample(torch.zeros(1, 1, 20, 20), 8, 2, 1), "needs 30 pixels", "20×20");
}
