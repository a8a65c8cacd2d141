namespace Marketplace.MigrationWorker.Demo;

/// <summary>
/// One generated photo of a demo listing: what it shows, in which colours, framed how. The same values always draw
/// the same picture.
/// </summary>
/// <param name="Backdrop">Which wall and surface the item stands on.</param>
/// <param name="View">0 the whole item, 1 closer, 2 further back: a listing's second and third photos.</param>
public sealed record DemoPhoto(DemoPhotoSubject Subject, int Width, int Height, Rgb Colour, Rgb Accent, int Backdrop, int View, int Seed)
{
    public byte[] ToPng()
    {
        var canvas = new PhotoCanvas(Width, Height);
        new PhotoScene(canvas, this).Draw();
        return canvas.ToPng(Seed);
    }
}
