namespace SslCourse.Plotting;

/// <summary>A waveform as an HTML audio player (16-bit WAV embedded in the page).</summary>
public sealed class Audio(Tensor waveform, int sampleRate, string? title = null) : Displayable
{
    readonly byte[] _wav = IO.WavWriter.Encode(waveform.detach().to(torch.float32).flatten().data<float>(), sampleRate);

    public byte[] Wav => _wav;

    public override string ToHtml() =>
        $"<div>{Html.Caption(title)}<audio controls src=\"{Html.DataUri("audio/wav", _wav)}\"></audio></div>";

    public override string ToString() => $"Audio \"{title}\" ({(_wav.Length - 44) / 2} samples at {sampleRate} Hz)";
}
