namespace Marketplace.MigrationWorker.Demo;

/// <summary>
/// Where a demo photo is drawn: RGB pixels, shapes blended in with smooth edges, then a PNG. The loops are written for
/// a worker run from a Debug build (as the AppHost runs it), where the JIT does not optimise: colours that change only
/// from row to row are worked out once a row, and the vignette and grain go into the same pass that writes the bytes.
/// </summary>
public sealed class PhotoCanvas(int width, int height)
{
    private readonly float[] _pixels = new float[width * height * 3];

    public int Width => width;

    public int Height => height;

    /// <summary>One row's pixels, R, G, B after each other, for a backdrop painted row by row.</summary>
    public Span<float> Row(int y) => _pixels.AsSpan(y * width * 3, width * 3);

    /// <summary>Fills the shape with a colour that depends only on the row (given the row's centre): a light from above.</summary>
    public void Fill(PhotoShape shape, Func<float, Rgb> rowColour, float opacity = 1, float softness = 1)
    {
        var (left, top, right, bottom) = shape.Bounds(softness, width, height);
        for (var y = top; y < bottom; y++)
        {
            var py = y + 0.5f;
            var colour = rowColour(py);
            var i = ((y * width) + left) * 3;
            for (var x = left; x < right; x++, i += 3)
            {
                var coverage = Coverage(shape.Distance(x + 0.5f, py), softness) * opacity;
                if (coverage > 0)
                {
                    _pixels[i] += (colour.R - _pixels[i]) * coverage;
                    _pixels[i + 1] += (colour.G - _pixels[i + 1]) * coverage;
                    _pixels[i + 2] += (colour.B - _pixels[i + 2]) * coverage;
                }
            }
        }
    }

    public void Fill(PhotoShape shape, Rgb colour, float opacity = 1, float softness = 1) => Fill(shape, _ => colour, opacity, softness);

    /// <summary>
    /// Blends <paramref name="paint"/> into the pixels <paramref name="shape"/> covers, given each pixel's centre.
    /// <paramref name="softness"/> is the width of the edge in pixels: 1 is a crisp edge without jaggies, tens of
    /// pixels a shadow.
    /// </summary>
    public void Fill(PhotoShape shape, Func<float, float, Rgb> paint, float opacity = 1, float softness = 1)
    {
        var (left, top, right, bottom) = shape.Bounds(softness, width, height);
        for (var y = top; y < bottom; y++)
        {
            var py = y + 0.5f;
            var i = ((y * width) + left) * 3;
            for (var x = left; x < right; x++, i += 3)
            {
                var px = x + 0.5f;
                var coverage = Coverage(shape.Distance(px, py), softness) * opacity;
                if (coverage > 0)
                {
                    var colour = paint(px, py);
                    _pixels[i] += (colour.R - _pixels[i]) * coverage;
                    _pixels[i + 1] += (colour.G - _pixels[i + 1]) * coverage;
                    _pixels[i + 2] += (colour.B - _pixels[i + 2]) * coverage;
                }
            }
        }
    }

    /// <summary>
    /// The picture as a PNG, darker towards the corners (a lens's vignette) and with a faint grain (a camera's noise,
    /// which also hides banding in the gradients).
    /// </summary>
    public byte[] ToPng(int grainSeed)
    {
        var (cx, cy) = (width / 2f, height / 2f);
        var corner = (cx * cx) + (cy * cy);
        var darkenX = new float[width];
        for (var x = 0; x < width; x++)
        {
            darkenX[x] = 0.16f * (x + 0.5f - cx) * (x + 0.5f - cx) / corner;
        }

        var rgb = new byte[_pixels.Length];
        var state = (uint)grainSeed * 2654435761u | 1;
        for (var y = 0; y < height; y++)
        {
            var darkenY = 0.16f * (y + 0.5f - cy) * (y + 0.5f - cy) / corner;
            var i = y * width * 3;
            for (var x = 0; x < width; x++, i += 3)
            {
                // xorshift: plenty random for grain, and cheap.
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                var scale = (1 - darkenX[x] - darkenY) * 255f;
                var grain = ((state & 0xFF) / 255f) - 0.5f;
                rgb[i] = ToByte((_pixels[i] * scale) + grain);
                rgb[i + 1] = ToByte((_pixels[i + 1] * scale) + grain);
                rgb[i + 2] = ToByte((_pixels[i + 2] * scale) + grain);
            }
        }

        return PngEncoder.Encode(width, height, rgb);
    }

    private static byte ToByte(float value) => value <= 0 ? (byte)0 : value >= 255 ? (byte)255 : (byte)(value + 0.5f);

    private static float Coverage(float distance, float softness)
    {
        if (softness <= 1)
        {
            return distance >= 0.5f ? 0 : distance <= -0.5f ? 1 : 0.5f - distance;
        }

        var t = 0.5f - (distance / softness);
        if (t <= 0)
        {
            return 0;
        }

        return t >= 1 ? 1 : t * t * (3 - (2 * t));
    }
}
