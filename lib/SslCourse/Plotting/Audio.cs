namespace SslCourse.Plotting;

/// <summary>A waveform as an HTML audio player (16-bit WAV embedded in the page).</summary>
public sealed class Audio(Tensor waveform, int sampleRate, string? title = null) : Displayable
{
    readonly byte[] _wav = Encode(waveform, sampleRate);

    public byte[] Wav => _wav;

    public override string ToHtml() =>
        $"<div>{Html.Caption(title)}<audio controls src=\"{Html.DataUri("audio/wav", _wav)}\"></audio></div>";

    static byte[] Encode(Tensor waveform, int sampleRate)
    {
        using var scope = torch.NewDisposeScope();
        return IO.WavWriter.Encode(waveform.to(torch.float32).ToFloatArray(), sampleRate);
    }

    public override string ToString() => $"Audio \"{title}\" ({(_wav.Length - 44) / 2} samples at {sampleRate} Hz)";
}
