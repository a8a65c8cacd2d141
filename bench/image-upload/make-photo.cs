#:package NetVips
#:package NetVips.Native
// A phone-like photo for bench/image-upload.sh: 4032 × 3024, textured enough that JPEG quality 95 makes it about 4 MB,
// with EXIF (orientation, a GPS position) as a phone writes it. Usage: dotnet run make-photo.cs -- <output.jpg>
using NetVips;

using var noise = Image.Gaussnoise(4032, 3024, mean: 128, sigma: 40);
using var smooth = noise.Gaussblur(1.2);
using var x = Image.Xyz(4032, 3024);
using var red = (smooth + x[0] * (64.0 / 4032)).Cast(Enums.BandFormat.Uchar);
using var green = (smooth + x[1] * (64.0 / 3024)).Cast(Enums.BandFormat.Uchar);
using var blue = smooth.Cast(Enums.BandFormat.Uchar);
using var rgb = red.Bandjoin(green, blue).Copy(interpretation: Enums.Interpretation.Srgb);
using var tagged = rgb.Mutate(m =>
{
    m.Set(GValue.GIntType, "orientation", 6);
    m.Set(GValue.GStrType, "exif-ifd3-GPSLatitudeRef", "N");
    m.Set(GValue.GStrType, "exif-ifd3-GPSLatitude", "51/1 30/1 12/1");
});
tagged.Jpegsave(args[0], q: 95);
Console.WriteLine($"{args[0]}: {new FileInfo(args[0]).Length:N0} bytes");
