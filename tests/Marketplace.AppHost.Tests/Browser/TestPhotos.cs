using Microsoft.Playwright;

namespace Marketplace.AppHost.Tests.Browser;

/// <summary>Real JPEGs for the photo step, drawn by the browser's own canvas so the test ships no image file.</summary>
public static class TestPhotos
{
    public static async Task<FilePayload> JpegAsync(IPage page, string name, string colour, int width = 320, int height = 240)
    {
        ArgumentNullException.ThrowIfNull(page);
        var dataUrl = await page.EvaluateAsync<string>("""
            ([colour, width, height]) => {
                const canvas = document.createElement('canvas');
                canvas.width = width;
                canvas.height = height;
                const context = canvas.getContext('2d');
                context.fillStyle = colour;
                context.fillRect(0, 0, width, height);
                context.fillStyle = 'white';
                context.fillRect(width / 8, height / 6, width / 3, height / 3);
                context.beginPath();
                context.arc(width * 0.7, height * 0.6, Math.min(width, height) / 5, 0, 2 * Math.PI);
                context.fill();
                return canvas.toDataURL('image/jpeg', 0.85);
            }
            """, new object[] { colour, width, height });
        return new FilePayload
        {
            Name = name,
            MimeType = "image/jpeg",
            Buffer = Convert.FromBase64String(dataUrl["data:image/jpeg;base64,".Length..]),
        };
    }
}
