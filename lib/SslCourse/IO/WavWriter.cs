using System.Buffers.Binary;

namespace SslCourse.IO;

/// <summary>Encodes mono float samples in [-1, 1] as a 16-bit PCM WAV file.</summary>
public static class WavWriter
{
    public static byte[] Encode(ReadOnlySpan<float> samples, int sampleRate)
    {
        if (sampleRate <= 0) throw new ArgumentException($"WAV: the sample rate must be positive, got {sampleRate}.");
        int dataBytes = samples.Length * 2;
        var wav = new byte[44 + dataBytes];
        var s = wav.AsSpan();
        "RIFF"u8.CopyTo(s); BinaryPrimitives.WriteInt32LittleEndian(s[4..], 36 + dataBytes); "WAVE"u8.CopyTo(s[8..]);
        "fmt "u8.CopyTo(s[12..]); BinaryPrimitives.WriteInt32LittleEndian(s[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(s[20..], 1);                 // PCM
        BinaryPrimitives.WriteInt16LittleEndian(s[22..], 1);                 // mono
        BinaryPrimitives.WriteInt32LittleEndian(s[24..], sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(s[28..], sampleRate * 2);    // bytes per second
        BinaryPrimitives.WriteInt16LittleEndian(s[32..], 2);                 // bytes per frame
        BinaryPrimitives.WriteInt16LittleEndian(s[34..], 16);                // bits per sample
        "data"u8.CopyTo(s[36..]); BinaryPrimitives.WriteInt32LittleEndian(s[40..], dataBytes);
        for (int i = 0; i < samples.Length; i++)
            BinaryPrimitives.WriteInt16LittleEndian(s[(44 + 2 * i)..], (short)Math.Round(Math.Clamp(samples[i], -1f, 1f) * short.MaxValue));
        return wav;
    }
}
