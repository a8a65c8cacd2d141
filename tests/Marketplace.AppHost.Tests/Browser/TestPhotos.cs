using Microsoft.Playwright;

namespace Marketplace.AppHost.Tests.Browser;

/// <summary>Small real JPEGs for the photo step, drawn by the browser's own canvas so the test ships no image file.</summary>
public static class TestPhotos
{
    public static async Task<FilePayload> JpegAsync(IPage page, string name, string colour)
    {
        var dataUrl = await page.EvaluateAsync<string>("""
            colour => {
                const canvas = document.createElement('canvas');
                canvas.width = 320;
                canvas.height = 240;
                const context = canvas.getContext('2d');
                context.fillStyle = colour;
                context.fillRect(0, 0, 320, 240);
                context.fillStyle = 'white';
                context.fillRect(40, 40, 120, 80);
                return canvas.toDataURL('image/jpeg', 0.9);
            }
            """, colour);
        return new FilePayload
        {
            Name = name,
            MimeType = "image/jpeg",
            Buffer = Convert.FromBase64String(dataUrl["data:image/jpeg;base64,".Length..]),
        };
    }
}
