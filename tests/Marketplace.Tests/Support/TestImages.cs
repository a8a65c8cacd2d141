using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using NetVips;

namespace Marketplace.Tests.Support;

/// <summary>Images the tests upload, made here with libvips (and one crafted by hand): no binary test files in the repository.</summary>
public static class TestImages
{
    /// <summary>A JPEG of <paramref name="width"/> × <paramref name="height"/>, with a GPS position and an orientation in its EXIF when asked.</summary>
    public static byte[] Jpeg(int width = 640, int height = 480, bool gps = false, int? orientation = null, double red = 200)
    {
        using var image = Solid(width, height, red);
        using var tagged = image.Mutate(m =>
        {
            if (gps)
            {
                m.Set(GValue.GStrType, "exif-ifd3-GPSLatitudeRef", "N");
                m.Set(GValue.GStrType, "exif-ifd3-GPSLatitude", "51/1 30/1 12/1");
                m.Set(GValue.GStrType, "exif-ifd3-GPSLongitudeRef", "W");
                m.Set(GValue.GStrType, "exif-ifd3-GPSLongitude", "0/1 7/1 39/1");
            }

            if (orientation is { } value)
            {
                m.Set(GValue.GIntType, "orientation", value);
            }
        });
        return tagged.JpegsaveBuffer(q: 90);
    }

    public static byte[] Png(int width = 300, int height = 200) => Solid(width, height, 90).PngsaveBuffer();

    public static byte[] WebP(int width = 300, int height = 200) => Solid(width, height, 30).WebpsaveBuffer();

    /// <summary>
    /// A PNG of a few hundred bytes whose header declares <paramref name="width"/> × <paramref name="height"/> pixels of
    /// RGB: decoded, 50,000 × 50,000 would take 7.5 GB.
    /// </summary>
    public static byte[] DecompressionBomb(int width = 50_000, int height = 50_000)
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // RGB
        Chunk(png, "IHDR", header);
        using (var zeros = new MemoryStream())
        {
            using (var zlib = new ZLibStream(zeros, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                zlib.Write(new byte[64 * 1024]);
            }

            Chunk(png, "IDAT", zeros.ToArray());
        }

        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>A libvips image decoded from <paramref name="bytes"/>, to look at what the Api served.</summary>
    public static Image Decode(byte[] bytes) => Image.NewFromBuffer(bytes);

    private static Image Solid(int width, int height, double red)
    {
        using var black = Image.Black(width, height);
        using var gradient = Image.Xyz(width, height)[0] * (255.0 / width);
        using var band = (black + red).Cast(Enums.BandFormat.Uchar);
        using var green = gradient.Cast(Enums.BandFormat.Uchar);
        return band.Bandjoin(green, band).Copy(interpretation: Enums.Interpretation.Srgb);
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        png.Write(crc);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }
}
