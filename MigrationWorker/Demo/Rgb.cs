namespace Marketplace.MigrationWorker.Demo;

/// <summary>A colour of a demo photo, each channel 0 to 1.</summary>
public readonly record struct Rgb(float R, float G, float B)
{
    public static Rgb Hex(uint rgb) => new(((rgb >> 16) & 0xFF) / 255f, ((rgb >> 8) & 0xFF) / 255f, (rgb & 0xFF) / 255f);

    public static Rgb White { get; } = new(1, 1, 1);

    public static Rgb Black { get; } = new(0, 0, 0);

    /// <summary>Lighter towards white (amount &gt; 0) or darker towards black (amount &lt; 0).</summary>
    public Rgb Tint(float amount) => amount >= 0 ? Mix(White, amount) : Mix(Black, -amount);

    public Rgb Mix(Rgb other, float amount) =>
        new(R + ((other.R - R) * amount), G + ((other.G - G) * amount), B + ((other.B - B) * amount));
}
