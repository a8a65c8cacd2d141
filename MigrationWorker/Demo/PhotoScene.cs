namespace Marketplace.MigrationWorker.Demo;

/// <summary>
/// Draws a demo photo as a simple studio shot: a wall, a surface, the item lit from the upper left with its shadow.
/// The item is built in units of the picture's short side, <c>u</c> to the right of the centre and <c>v</c> up from
/// the surface it stands on.
/// </summary>
public sealed class PhotoScene
{
    // Walls and surfaces a seller photographs on: painted plaster, a wooden floor, a white table, concrete, oak.
    private static readonly (Rgb Wall, Rgb Surface)[] Backdrops =
    [
        (Rgb.Hex(0xECE7DF), Rgb.Hex(0xB68A5E)),
        (Rgb.Hex(0xDCE3E8), Rgb.Hex(0xF1EFEB)),
        (Rgb.Hex(0xE9E4D6), Rgb.Hex(0xB9B6AF)),
        (Rgb.Hex(0xE3E9E0), Rgb.Hex(0xD6BF9A)),
        (Rgb.Hex(0xF2EEE9), Rgb.Hex(0x8E6B4A)),
    ];

    private static readonly Rgb Metal = Rgb.Hex(0xB8BCC2);
    private static readonly Rgb Dark = Rgb.Hex(0x26282C);
    private static readonly Rgb Glass = Rgb.Hex(0x9FB8C8);

    private readonly PhotoCanvas _canvas;
    private readonly DemoPhoto _photo;
    private readonly float _horizon;
    private readonly float _centreX;
    private readonly float _base;
    private readonly float _unit;

    public PhotoScene(PhotoCanvas canvas, DemoPhoto photo)
    {
        _canvas = canvas;
        _photo = photo;
        var shortSide = Math.Min(canvas.Width, canvas.Height);
        var (zoom, shift) = photo.View switch
        {
            1 => (1.3f, -0.08f),
            2 => (0.72f, 0.1f),
            _ => (1f, 0f),
        };
        _unit = shortSide * zoom;
        _horizon = canvas.Height * (photo.View == 2 ? 0.55f : 0.62f);
        _centreX = (canvas.Width / 2f) + (shift * shortSide);
        _base = _horizon + ((canvas.Height - _horizon) * 0.55f);
        if (photo.View == 1)
        {
            // Closer: the item's middle, not its feet, in the middle of the picture.
            _base = (canvas.Height / 2f) + (0.3f * _unit);
        }
    }

    private Rgb C => _photo.Colour;

    private Rgb Accent => _photo.Accent;

    public void Draw()
    {
        DrawBackdrop();
        DrawSubject();
    }

    /// <summary>The wall, lighter towards the upper left where the light comes from; the surface, darker towards the camera, with a faint lengthwise grain.</summary>
    private void DrawBackdrop()
    {
        var (wall, surface) = Backdrops[_photo.Backdrop % Backdrops.Length];
        var (width, height, horizon) = (_canvas.Width, _canvas.Height, _horizon);
        var glowX = new float[width];
        var grain = new float[width + 64];
        for (var x = 0; x < glowX.Length; x++)
        {
            glowX[x] = 0.6f * (1 - ((float)x / width));
        }

        for (var x = 0; x < grain.Length; x++)
        {
            grain[x] = MathF.Sin(x * 0.045f) * 0.015f;
        }

        for (var y = 0; y < height; y++)
        {
            var row = _canvas.Row(y);
            var py = y + 0.5f;
            var glowY = 0.4f * (1 - (py / height));
            var onWall = py < horizon;
            var depth = onWall ? 0 : (py - horizon) / (height - horizon);
            // The edge where wall meets surface catches a little shadow; the boards' grain wanders a little.
            var edge = onWall ? 0 : MathF.Max(0, 0.08f - ((py - horizon) / height)) * 0.6f;
            var shift = (int)(32 + (MathF.Sin(py * 0.02f) * 30));
            var colour = onWall ? wall : surface;
            var (lift, fall) = onWall ? (0.12f, -0.06f) : (0.08f, -(depth * 0.12f) - edge);
            for (int x = 0, i = 0; x < width; x++, i += 3)
            {
                // Rgb.Tint, spelled out: this runs for every pixel.
                var amount = ((glowX[x] + glowY) * lift) + fall + (onWall ? 0 : grain[x + shift]);
                if (amount >= 0)
                {
                    row[i] = colour.R + ((1 - colour.R) * amount);
                    row[i + 1] = colour.G + ((1 - colour.G) * amount);
                    row[i + 2] = colour.B + ((1 - colour.B) * amount);
                }
                else
                {
                    row[i] = colour.R * (1 + amount);
                    row[i + 1] = colour.G * (1 + amount);
                    row[i + 2] = colour.B * (1 + amount);
                }
            }
        }
    }

    private void DrawSubject()
    {
        switch (_photo.Subject)
        {
            case DemoPhotoSubject.Phone:
                Shadow(0.17f);
                Block(-0.15f, 0, 0.15f, 0.62f, 0.045f, C.Mix(Dark, 0.5f));
                Screen(-0.135f, 0.015f, 0.135f, 0.605f, 0.035f);
                Disc(0, 0.585f, 0.008f, Dark);
                break;
            case DemoPhotoSubject.Laptop:
                Shadow(0.42f);
                Block(-0.36f, 0.03f, 0.36f, 0.5f, 0.02f, C.Mix(Dark, 0.6f));
                Screen(-0.335f, 0.055f, 0.335f, 0.475f, 0.008f);
                Block(-0.42f, 0, 0.42f, 0.035f, 0.012f, C);
                Block(-0.07f, 0.018f, 0.07f, 0.03f, 0.006f, C.Tint(-0.15f));
                break;
            case DemoPhotoSubject.Headphones:
                Shadow(0.3f);
                Arc(0, 0.3f, 0.24f, 0.05f, MathF.PI - 0.05f, 0.05f, C);
                Arc(0, 0.3f, 0.22f, 0.2f, MathF.PI - 0.2f, 0.025f, Dark.Tint(0.2f));
                Oval(-0.24f, 0.14f, 0.075f, 0.12f, C.Tint(-0.1f));
                Oval(0.24f, 0.14f, 0.075f, 0.12f, C.Tint(-0.1f));
                Oval(-0.2f, 0.14f, 0.045f, 0.1f, Dark.Tint(0.1f));
                Oval(0.2f, 0.14f, 0.045f, 0.1f, Dark.Tint(0.1f));
                break;
            case DemoPhotoSubject.Camera:
                Shadow(0.33f);
                Block(-0.1f, 0.3f, 0.12f, 0.42f, 0.03f, C.Mix(Dark, 0.7f));
                Block(-0.32f, 0, 0.32f, 0.34f, 0.045f, C.Mix(Dark, 0.7f));
                Block(-0.32f, 0.06f, 0.32f, 0.26f, 0.01f, Dark.Tint(0.08f));
                Block(0.2f, 0.34f, 0.27f, 0.37f, 0.01f, Metal);
                Disc(0, 0.17f, 0.16f, Metal.Tint(-0.3f));
                Disc(0, 0.17f, 0.12f, Dark);
                Disc(0, 0.17f, 0.08f, Glass.Mix(Accent, 0.3f).Tint(-0.45f));
                Glint(-0.03f, 0.2f, 0.03f, 0.02f);
                break;
            case DemoPhotoSubject.Chair:
                Shadow(0.3f);
                Rod(-0.15f, 0.04f, -0.14f, 0.66f, 0.03f, C.Tint(-0.15f));
                Rod(0.15f, 0.04f, 0.14f, 0.66f, 0.03f, C.Tint(-0.15f));
                Block(-0.18f, 0.42f, 0.18f, 0.64f, 0.04f, C);
                Rod(-0.22f, 0, -0.2f, 0.3f, 0.032f, C.Tint(-0.1f));
                Rod(0.22f, 0, 0.2f, 0.3f, 0.032f, C.Tint(-0.1f));
                Block(-0.25f, 0.28f, 0.25f, 0.34f, 0.02f, C.Tint(0.05f));
                break;
            case DemoPhotoSubject.Table:
                Shadow(0.45f);
                foreach (var u in new[] { -0.37f, 0.37f })
                {
                    Rod(u, 0, u, 0.38f, 0.04f, C.Tint(-0.15f));
                }

                Block(-0.4f, 0.32f, 0.4f, 0.37f, 0.005f, C.Tint(-0.1f));
                Block(-0.45f, 0.36f, 0.45f, 0.41f, 0.01f, C);
                Oval(0.15f, 0.47f, 0.05f, 0.065f, Accent);
                Rod(0.15f, 0.52f, 0.17f, 0.6f, 0.008f, Rgb.Hex(0x4F7A46));
                Disc(0.17f, 0.61f, 0.02f, Rgb.Hex(0xE5C54A));
                break;
            case DemoPhotoSubject.Sofa:
                Shadow(0.48f);
                Rod(-0.38f, 0, -0.38f, 0.05f, 0.03f, Dark);
                Rod(0.38f, 0, 0.38f, 0.05f, 0.03f, Dark);
                Block(-0.42f, 0.17f, 0.42f, 0.44f, 0.07f, C.Tint(-0.06f));
                Block(-0.43f, 0.04f, 0.43f, 0.2f, 0.04f, C);
                Block(-0.34f, 0.16f, -0.01f, 0.27f, 0.045f, C.Tint(0.06f));
                Block(0.01f, 0.16f, 0.34f, 0.27f, 0.045f, C.Tint(0.06f));
                Block(-0.48f, 0.04f, -0.34f, 0.31f, 0.05f, C.Tint(-0.02f));
                Block(0.34f, 0.04f, 0.48f, 0.31f, 0.05f, C.Tint(-0.02f));
                Block(-0.3f, 0.25f, -0.12f, 0.4f, 0.05f, Accent, 0.25f);
                break;
            case DemoPhotoSubject.Lamp:
                Shadow(0.14f);
                _canvas.Fill(PhotoShape.Ellipse(X(0), Y(0.35f), 0.35f * _unit, 0.3f * _unit), Rgb.Hex(0xFFE7B0), 0.35f, 0.3f * _unit);
                Oval(0, 0.015f, 0.13f, 0.025f, Metal.Tint(-0.3f));
                Rod(0, 0.02f, 0, 0.46f, 0.018f, Metal.Tint(-0.1f));
                Block(-0.17f, 0.42f, 0.17f, 0.64f, 0.03f, C);
                Block(-0.15f, 0.42f, 0.15f, 0.45f, 0.01f, Rgb.Hex(0xFFF2CF));
                break;
            case DemoPhotoSubject.Shirt:
                Arc(0, 0.6f, 0.05f, -0.3f, MathF.PI + 0.3f, 0.012f, Metal.Tint(-0.2f));
                Rod(-0.2f, 0.55f, 0.2f, 0.55f, 0.02f, Rgb.Hex(0x9C7650));
                Block(-0.33f, 0.38f, -0.15f, 0.5f, 0.04f, C.Tint(-0.05f), -0.6f);
                Block(0.15f, 0.38f, 0.33f, 0.5f, 0.04f, C.Tint(-0.05f), 0.6f);
                Block(-0.21f, 0.02f, 0.21f, 0.55f, 0.04f, C);
                Oval(0, 0.55f, 0.075f, 0.04f, C.Tint(-0.3f));
                Rod(-0.21f, 0.1f, 0.21f, 0.1f, 0.008f, Accent, 0.5f);
                break;
            case DemoPhotoSubject.Shoe:
                Shadow(0.32f);
                Block(-0.3f, 0.04f, -0.12f, 0.26f, 0.07f, C);
                Oval(-0.02f, 0.12f, 0.28f, 0.1f, C);
                Oval(0.18f, 0.08f, 0.14f, 0.07f, C.Tint(0.05f));
                Block(-0.32f, 0, 0.33f, 0.05f, 0.025f, Rgb.Hex(0xF4F2EE));
                Rod(-0.22f, 0.08f, 0.12f, 0.16f, 0.02f, Accent);
                for (var i = 0; i < 4; i++)
                {
                    Rod(-0.06f + (i * 0.05f), 0.2f - (i * 0.02f), -0.02f + (i * 0.05f), 0.22f - (i * 0.02f), 0.01f, Rgb.White);
                }

                break;
            case DemoPhotoSubject.Bag:
                Shadow(0.3f);
                Arc(0, 0.33f, 0.15f, 0, MathF.PI, 0.028f, C.Tint(-0.25f));
                Block(-0.28f, 0, 0.28f, 0.35f, 0.05f, C);
                Block(-0.28f, 0.17f, 0.28f, 0.35f, 0.05f, C.Tint(-0.08f));
                Block(-0.035f, 0.15f, 0.035f, 0.2f, 0.01f, Rgb.Hex(0xD4AF37));
                break;
            case DemoPhotoSubject.Cap:
                Shadow(0.3f);
                Oval(0.16f, 0.03f, 0.2f, 0.035f, C.Tint(-0.15f));
                Oval(-0.03f, 0.1f, 0.22f, 0.16f, C);
                Block(-0.26f, 0.01f, 0.2f, 0.05f, 0.02f, C.Tint(-0.1f));
                Disc(-0.03f, 0.26f, 0.02f, C.Tint(-0.2f));
                Rod(-0.2f, 0.08f, 0.16f, 0.08f, 0.012f, Accent);
                break;
            case DemoPhotoSubject.Bicycle:
                Shadow(0.5f);
                DrawWheel(-0.3f, 0.2f, 0.2f, thin: true);
                DrawWheel(0.3f, 0.2f, 0.2f, thin: true);
                foreach (var (u0, v0, u1, v1) in new[]
                         {
                             (-0.3f, 0.2f, -0.02f, 0.2f), (-0.02f, 0.2f, -0.09f, 0.48f), (-0.09f, 0.48f, 0.2f, 0.47f),
                             (-0.02f, 0.2f, 0.2f, 0.47f), (0.2f, 0.47f, 0.3f, 0.2f), (-0.3f, 0.2f, -0.09f, 0.48f),
                         })
                {
                    Rod(u0, v0, u1, v1, 0.022f, C);
                }

                Rod(-0.09f, 0.48f, -0.1f, 0.53f, 0.015f, Metal);
                Block(-0.16f, 0.52f, -0.04f, 0.55f, 0.012f, Dark);
                Rod(0.2f, 0.47f, 0.22f, 0.57f, 0.015f, Metal);
                Rod(0.17f, 0.57f, 0.29f, 0.58f, 0.018f, Dark);
                Disc(-0.02f, 0.2f, 0.035f, Metal.Tint(-0.2f));
                break;
            case DemoPhotoSubject.Car:
            case DemoPhotoSubject.ToyCar:
                DrawCar(_photo.Subject == DemoPhotoSubject.ToyCar ? 0.6f : 1f);
                break;
            case DemoPhotoSubject.Wheel:
                Shadow(0.26f);
                DrawWheel(0, 0.27f, 0.26f, thin: false);
                break;
            case DemoPhotoSubject.Plant:
                Shadow(0.16f);
                var greens = new[] { Rgb.Hex(0x3E7D4A), Rgb.Hex(0x4F9A5B), Rgb.Hex(0x2F6B3B), Rgb.Hex(0x5DAA68) };
                for (var i = 0; i < 9; i++)
                {
                    var angle = -1.2f + (i * 0.3f);
                    var length = 0.14f + (0.06f * MathF.Abs(MathF.Sin(i * 1.7f)));
                    var (u, v) = (MathF.Sin(angle) * length, 0.27f + (MathF.Cos(angle) * length));
                    _canvas.Fill(PhotoShape.Ellipse(X(u), Y(v), length * 0.45f * _unit, length * 1.05f * _unit, angle), Shading(greens[i % greens.Length], v + length, v - length));
                }

                Block(-0.13f, 0, 0.13f, 0.22f, 0.03f, C);
                Block(-0.15f, 0.19f, 0.15f, 0.26f, 0.02f, C.Tint(0.06f));
                break;
            case DemoPhotoSubject.Vase:
                Shadow(0.17f);
                Rod(-0.02f, 0.4f, -0.08f, 0.66f, 0.01f, Rgb.Hex(0x4F7A46));
                Rod(0.02f, 0.4f, 0.09f, 0.6f, 0.01f, Rgb.Hex(0x4F7A46));
                Disc(-0.08f, 0.67f, 0.045f, Accent);
                Disc(0.09f, 0.61f, 0.04f, Accent.Tint(0.2f));
                Block(-0.06f, 0.3f, 0.06f, 0.47f, 0.03f, C);
                Oval(0, 0.19f, 0.16f, 0.19f, C);
                Oval(0, 0.47f, 0.08f, 0.018f, C.Tint(-0.3f));
                break;
            case DemoPhotoSubject.Kettle:
                Shadow(0.25f);
                Arc(0, 0.3f, 0.13f, 0.1f, MathF.PI - 0.1f, 0.03f, Dark);
                Rod(0.14f, 0.16f, 0.3f, 0.3f, 0.05f, C.Tint(-0.05f));
                Oval(0, 0.17f, 0.21f, 0.17f, C);
                Oval(0, 0.33f, 0.11f, 0.03f, C.Tint(-0.1f));
                Disc(0, 0.37f, 0.03f, Dark);
                Glint(-0.08f, 0.23f, 0.05f, 0.08f);
                break;
            case DemoPhotoSubject.Toolbox:
                Shadow(0.32f);
                Rod(-0.12f, 0.27f, -0.12f, 0.34f, 0.02f, Dark);
                Rod(0.12f, 0.27f, 0.12f, 0.34f, 0.02f, Dark);
                Rod(-0.13f, 0.34f, 0.13f, 0.34f, 0.035f, Dark);
                Block(-0.3f, 0, 0.3f, 0.22f, 0.02f, C);
                Block(-0.31f, 0.2f, 0.31f, 0.27f, 0.02f, C.Tint(-0.12f));
                Block(-0.22f, 0.17f, -0.17f, 0.23f, 0.008f, Metal);
                Block(0.17f, 0.17f, 0.22f, 0.23f, 0.008f, Metal);
                break;
            case DemoPhotoSubject.Ball:
                Shadow(0.2f);
                Disc(0, 0.22f, 0.22f, C);
                Arc(0.16f, 0.22f, 0.2f, MathF.PI * 0.65f, MathF.PI * 1.35f, 0.008f, Accent);
                Arc(-0.16f, 0.22f, 0.2f, -MathF.PI * 0.35f, MathF.PI * 0.35f, 0.008f, Accent);
                break;
            case DemoPhotoSubject.Dumbbell:
                Shadow(0.36f);
                Rod(-0.33f, 0.09f, 0.33f, 0.09f, 0.035f, Metal);
                foreach (var side in new[] { -1f, 1f })
                {
                    Block((side * 0.2f) - 0.04f, 0, (side * 0.2f) + 0.04f, 0.18f, 0.015f, C);
                    Block((side * 0.27f) - 0.03f, 0.02f, (side * 0.27f) + 0.03f, 0.16f, 0.015f, C.Tint(-0.1f));
                }

                break;
            case DemoPhotoSubject.Racket:
                Shadow(0.28f);
                Rod(-0.02f, 0.02f, 0.06f, 0.3f, 0.045f, Dark.Tint(0.15f));
                _canvas.Fill(PhotoShape.Ellipse(X(0.12f), Y(0.5f), 0.17f * _unit, 0.23f * _unit, 0.28f), Shading(C, 0.73f, 0.27f));
                var grid = Math.Max(4, _unit * 0.022f);
                var strings = Rgb.Hex(0xEDEDE4);
                _canvas.Fill(PhotoShape.Ellipse(X(0.12f), Y(0.5f), 0.145f * _unit, 0.205f * _unit, 0.28f),
                    (x, y) => (x % grid) < 1.5f || (y % grid) < 1.5f ? strings : Rgb.Hex(0xD9D5CC).Tint(-0.08f));
                break;
            case DemoPhotoSubject.Backpack:
                Shadow(0.26f);
                Arc(0, 0.5f, 0.09f, 0, MathF.PI, 0.025f, Dark);
                Block(-0.23f, 0, 0.23f, 0.55f, 0.09f, C);
                Block(-0.17f, 0.04f, 0.17f, 0.24f, 0.05f, C.Tint(-0.1f));
                Rod(-0.15f, 0.24f, 0.15f, 0.24f, 0.01f, Dark);
                Rod(-0.16f, 0.44f, 0.16f, 0.47f, 0.01f, Accent);
                break;
            case DemoPhotoSubject.Books:
                Shadow(0.34f);
                var covers = new[] { C, Accent, C.Mix(Accent, 0.5f).Tint(-0.2f), Rgb.Hex(0x2E4A62) };
                var bottom = 0f;
                for (var i = 0; i < 4; i++)
                {
                    var (offset, thickness, halfWidth) = (((i * 7) % 5 * 0.012f) - 0.02f, 0.07f + (i % 2 * 0.025f), 0.3f - (i * 0.025f));
                    Block(offset - halfWidth, bottom, offset + halfWidth, bottom + thickness, 0.008f, covers[i]);
                    Block(offset + halfWidth - 0.02f, bottom + 0.01f, offset + halfWidth - 0.005f, bottom + thickness - 0.01f, 0.002f, Rgb.Hex(0xF3ECD8));
                    bottom += thickness;
                }

                break;
            case DemoPhotoSubject.Record:
                Shadow(0.34f);
                Disc(0.12f, 0.3f, 0.28f, Dark);
                for (var r = 0.1f; r < 0.27f; r += 0.035f)
                {
                    _canvas.Fill(PhotoShape.Ring(X(0.12f), Y(0.3f), r * _unit, 1.2f), Rgb.White, 0.08f);
                }

                Disc(0.12f, 0.3f, 0.08f, Accent);
                Block(-0.38f, 0, 0.2f, 0.58f, 0.006f, C);
                Disc(-0.09f, 0.29f, 0.17f, Accent.Tint(0.3f));
                Disc(-0.09f, 0.29f, 0.09f, C.Tint(-0.2f));
                break;
            case DemoPhotoSubject.Controller:
                Shadow(0.34f);
                Oval(-0.2f, 0.08f, 0.1f, 0.12f, C, 0.5f);
                Oval(0.2f, 0.08f, 0.1f, 0.12f, C, -0.5f);
                Oval(0, 0.15f, 0.3f, 0.11f, C);
                Block(-0.2f, 0.15f, -0.12f, 0.17f, 0.004f, Dark);
                Block(-0.17f, 0.12f, -0.15f, 0.2f, 0.004f, Dark);
                var buttons = new[] { Rgb.Hex(0x2E9E5B), Rgb.Hex(0xD94141), Rgb.Hex(0x3A78D4), Rgb.Hex(0xE3B23C) };
                for (var i = 0; i < 4; i++)
                {
                    Disc(0.16f + ((i % 2 == 0 ? 0 : 1) * (i == 1 ? 0.035f : -0.035f)), 0.16f + ((i % 2 == 0 ? 1 : 0) * (i == 0 ? 0.035f : -0.035f)), 0.016f, buttons[i]);
                }

                Disc(-0.07f, 0.09f, 0.035f, Dark.Tint(0.1f));
                Disc(0.07f, 0.09f, 0.035f, Dark.Tint(0.1f));
                break;
            case DemoPhotoSubject.Blocks:
                Shadow(0.3f);
                var bright = new[] { Rgb.Hex(0xD7263D), Rgb.Hex(0x1B998B), Rgb.Hex(0xF4B400), Rgb.Hex(0x2E86DE), C, Accent };
                var cubes = new[] { (-0.2f, 0f), (0f, 0f), (0.2f, 0f), (-0.1f, 0.19f), (0.1f, 0.19f), (0f, 0.38f) };
                for (var i = 0; i < cubes.Length; i++)
                {
                    var (u, v) = cubes[i];
                    Block(u - 0.05f, v + 0.17f, u - 0.01f, v + 0.2f, 0.008f, bright[i].Tint(-0.05f));
                    Block(u + 0.01f, v + 0.17f, u + 0.05f, v + 0.2f, 0.008f, bright[i].Tint(-0.05f));
                    Block(u - 0.095f, v, u + 0.095f, v + 0.18f, 0.012f, bright[i]);
                }

                break;
            case DemoPhotoSubject.Teddy:
                Shadow(0.24f);
                Oval(-0.12f, 0.05f, 0.07f, 0.05f, C.Tint(-0.05f));
                Oval(0.12f, 0.05f, 0.07f, 0.05f, C.Tint(-0.05f));
                Oval(0, 0.2f, 0.17f, 0.19f, C);
                Oval(0, 0.2f, 0.09f, 0.11f, C.Tint(0.25f));
                Oval(-0.17f, 0.27f, 0.05f, 0.1f, C.Tint(-0.08f), 0.5f);
                Oval(0.17f, 0.27f, 0.05f, 0.1f, C.Tint(-0.08f), -0.5f);
                Disc(-0.11f, 0.58f, 0.055f, C.Tint(-0.05f));
                Disc(0.11f, 0.58f, 0.055f, C.Tint(-0.05f));
                Disc(0, 0.47f, 0.14f, C);
                Oval(0, 0.43f, 0.065f, 0.05f, C.Tint(0.3f));
                Oval(0, 0.45f, 0.022f, 0.015f, Dark);
                Disc(-0.05f, 0.5f, 0.014f, Dark);
                Disc(0.05f, 0.5f, 0.014f, Dark);
                Block(-0.07f, 0.34f, 0.07f, 0.36f, 0.01f, Accent);
                break;
            case DemoPhotoSubject.Coins:
                Shadow(0.3f);
                var gold = C.Mix(Rgb.Hex(0xD4AF37), 0.7f);
                for (var i = 0; i < 6; i++)
                {
                    Oval(-0.15f, 0.02f + (i * 0.028f), 0.12f, 0.032f, gold.Tint(i % 2 == 0 ? -0.1f : 0f));
                }

                Disc(0.14f, 0.17f, 0.16f, gold);
                _canvas.Fill(PhotoShape.Ring(X(0.14f), Y(0.17f), 0.14f * _unit, 0.012f * _unit), gold.Tint(-0.2f));
                _canvas.Fill(PhotoShape.Ring(X(0.14f), Y(0.17f), 0.07f * _unit, 0.01f * _unit), gold.Tint(-0.15f));
                Glint(0.1f, 0.22f, 0.04f, 0.03f);
                break;
            case DemoPhotoSubject.Painting:
                Shadow(0.34f);
                Block(-0.34f, 0.02f, 0.34f, 0.62f, 0.006f, C);
                var (left, right, top, foot) = (X(-0.3f), X(0.3f), Y(0.58f), Y(0.06f));
                var sky = Accent.Mix(Rgb.Hex(0x8EC5E8), 0.6f);
                _canvas.Fill(PhotoShape.Box((left + right) / 2, (top + foot) / 2, (right - left) / 2, (foot - top) / 2), (x, y) =>
                {
                    var across = (x - left) / (right - left);
                    var down = (y - top) / (foot - top);
                    var hill = 0.62f + (0.08f * MathF.Sin((across * 5) + _photo.Seed)) + (0.04f * MathF.Sin(across * 13));
                    if (down > hill)
                    {
                        return Rgb.Hex(0x5C8A4A).Tint(-(down - hill) * 0.8f);
                    }

                    var sun = MathF.Sqrt(((across - 0.7f) * (across - 0.7f)) + ((down - 0.3f) * (down - 0.3f)));
                    return sun < 0.07f ? Rgb.Hex(0xF6D36B) : sky.Tint(0.35f - (down * 0.4f));
                });
                break;
            case DemoPhotoSubject.Watch:
                Shadow(0.18f);
                Block(-0.065f, 0, 0.065f, 0.62f, 0.03f, C);
                Block(0.12f, 0.3f, 0.15f, 0.34f, 0.008f, Metal);
                Disc(0, 0.32f, 0.14f, Metal);
                Disc(0, 0.32f, 0.115f, Rgb.Hex(0xF5F3EE));
                Rod(0, 0.32f, 0.05f, 0.38f, 0.012f, Dark);
                Rod(0, 0.32f, -0.02f, 0.42f, 0.008f, Dark);
                Disc(0, 0.32f, 0.012f, Accent);
                Glint(-0.05f, 0.37f, 0.04f, 0.025f);
                break;
            case DemoPhotoSubject.Box:
                Shadow(0.32f);
                var cardboard = Rgb.Hex(0xC49A6C).Mix(C, 0.15f);
                Block(-0.3f, 0, 0.3f, 0.4f, 0.01f, cardboard);
                Block(-0.3f, 0.36f, 0.3f, 0.4f, 0.005f, cardboard.Tint(-0.12f));
                Block(-0.05f, 0, 0.05f, 0.4f, 0.002f, Rgb.Hex(0xE2D2AE), 0, 0.8f);
                Block(0.1f, 0.1f, 0.25f, 0.2f, 0.004f, Rgb.Hex(0xF7F5F0));
                break;
            case DemoPhotoSubject.Suitcase:
                Shadow(0.26f);
                Rod(-0.06f, 0.52f, -0.06f, 0.58f, 0.02f, Dark);
                Rod(0.06f, 0.52f, 0.06f, 0.58f, 0.02f, Dark);
                Rod(-0.07f, 0.58f, 0.07f, 0.58f, 0.025f, Dark);
                Disc(-0.17f, 0.025f, 0.025f, Dark);
                Disc(0.17f, 0.025f, 0.025f, Dark);
                Block(-0.23f, 0.03f, 0.23f, 0.53f, 0.05f, C);
                foreach (var u in new[] { -0.12f, 0f, 0.12f })
                {
                    Block(u - 0.012f, 0.07f, u + 0.012f, 0.49f, 0.01f, C.Tint(-0.12f));
                }

                break;
            default:
                Shadow(0.16f);
                DrawGuitar();
                break;
        }
    }

    private void DrawCar(float scale)
    {
        Shadow(0.46f * scale);
        Block(-0.45f * scale, 0.05f * scale, 0.45f * scale, 0.22f * scale, 0.06f * scale, C);
        Block(-0.26f * scale, 0.18f * scale, 0.22f * scale, 0.36f * scale, 0.08f * scale, C);
        Block(-0.22f * scale, 0.22f * scale, -0.03f * scale, 0.32f * scale, 0.04f * scale, Glass);
        Block(0f, 0.22f * scale, 0.18f * scale, 0.32f * scale, 0.04f * scale, Glass);
        Oval(0.42f * scale, 0.16f * scale, 0.025f * scale, 0.02f * scale, Rgb.Hex(0xFFF4D0));
        foreach (var u in new[] { -0.27f, 0.27f })
        {
            Disc(u * scale, 0.085f * scale, 0.085f * scale, Dark);
            Disc(u * scale, 0.085f * scale, 0.045f * scale, Metal);
        }
    }

    private void DrawWheel(float u, float v, float radius, bool thin)
    {
        _canvas.Fill(PhotoShape.Ring(X(u), Y(v), radius * _unit * (thin ? 1 : 0.8f), radius * _unit * (thin ? 0.09f : 0.4f)), Shading(Dark.Tint(0.08f), v + radius, v - radius));
        for (var i = 0; i < (thin ? 12 : 5); i++)
        {
            var angle = i * MathF.Tau / (thin ? 12 : 5);
            var reach = radius * (thin ? 0.95f : 0.6f);
            Rod(u, v, u + (MathF.Cos(angle) * reach), v + (MathF.Sin(angle) * reach), thin ? 0.004f : 0.03f, Metal);
        }

        if (!thin)
        {
            _canvas.Fill(PhotoShape.Ring(X(u), Y(v), radius * 0.6f * _unit, radius * 0.08f * _unit), Metal.Tint(-0.1f));
            Disc(u, v, radius * 0.15f, Metal.Tint(-0.2f));
        }
    }

    private void DrawGuitar()
    {
        Block(-0.03f, 0.4f, 0.03f, 0.74f, 0.01f, Rgb.Hex(0x5A3A22));
        Block(-0.045f, 0.72f, 0.045f, 0.82f, 0.02f, Dark.Tint(0.1f));
        Disc(0, 0.15f, 0.16f, C);
        Disc(0, 0.33f, 0.12f, C);
        Disc(0, 0.28f, 0.045f, Dark);
        Block(-0.06f, 0.1f, 0.06f, 0.12f, 0.005f, Dark);
        for (var i = -2; i <= 2; i++)
        {
            Rod(i * 0.008f, 0.11f, i * 0.008f, 0.8f, 0.0025f, Metal.Tint(0.3f));
        }
    }

    /// <summary>A screen that is on: a wallpaper gradient in the accent colour with the reflection of a window.</summary>
    private void Screen(float u0, float v0, float u1, float v1, float radius)
    {
        var top = Y(v1);
        var height = Y(v0) - top;
        _canvas.Fill(RoundedBox(u0, v0, u1, v1, radius), y => Accent.Mix(Dark, 0.25f).Tint(0.15f - (0.5f * (y - top) / height)));
        _canvas.Fill(PhotoShape.Box(X((u0 * 0.3f) + (u1 * 0.7f)), Y((v0 + v1) / 2), (u1 - u0) * 0.12f * _unit, (v1 - v0) * 0.7f * _unit, 0, 0.5f), Rgb.White, 0.08f, 3);
    }

    private void Shadow(float halfWidth) =>
        _canvas.Fill(PhotoShape.Ellipse(X(0.03f), Y(0), halfWidth * 1.15f * _unit, 0.05f * _unit), Rgb.Black, 0.38f, 0.07f * _unit);

    private void Glint(float u, float v, float ru, float rv) =>
        _canvas.Fill(PhotoShape.Ellipse(X(u), Y(v), ru * _unit, rv * _unit, -0.5f), Rgb.White, 0.35f, Math.Max(2, rv * _unit * 0.8f));

    /// <summary>A rounded box from its lower left to its upper right corner, lit from above.</summary>
    private void Block(float u0, float v0, float u1, float v1, float radius, Rgb colour, float angle = 0, float opacity = 1) =>
        _canvas.Fill(RoundedBox(u0, v0, u1, v1, radius, angle), Shading(colour, v1, v0), opacity);

    private PhotoShape RoundedBox(float u0, float v0, float u1, float v1, float radius, float angle = 0) =>
        PhotoShape.Box(X((u0 + u1) / 2), Y((v0 + v1) / 2), (u1 - u0) / 2 * _unit, (v1 - v0) / 2 * _unit, radius * _unit, angle);

    private void Oval(float u, float v, float ru, float rv, Rgb colour, float angle = 0) =>
        _canvas.Fill(PhotoShape.Ellipse(X(u), Y(v), ru * _unit, rv * _unit, angle), Shading(colour, v + rv, v - rv));

    /// <summary>A sphere-like disc: lightest up and to the left, where the light comes from.</summary>
    private void Disc(float u, float v, float radius, Rgb colour)
    {
        var (lx, ly, reach) = (X(u - (radius * 0.35f)), Y(v + (radius * 0.4f)), 2 * radius * _unit);
        _canvas.Fill(PhotoShape.Circle(X(u), Y(v), radius * _unit), (x, y) =>
            colour.Tint(0.3f - (0.75f * MathF.Min(1, MathF.Sqrt(((x - lx) * (x - lx)) + ((y - ly) * (y - ly))) / reach))));
    }

    private void Rod(float u0, float v0, float u1, float v1, float thickness, Rgb colour, float opacity = 1) =>
        _canvas.Fill(PhotoShape.Capsule(X(u0), Y(v0), X(u1), Y(v1), Math.Max(1.5f, thickness * _unit)), Shading(colour, Math.Max(v0, v1) + thickness, Math.Min(v0, v1) - thickness), opacity);

    /// <summary>An arc of the circle of <paramref name="radius"/> from angle <paramref name="from"/> to <paramref name="to"/> (radians, counter-clockwise from the right).</summary>
    private void Arc(float u, float v, float radius, float from, float to, float thickness, Rgb colour)
    {
        const int Steps = 16;
        for (var i = 0; i < Steps; i++)
        {
            var (a, b) = (from + ((to - from) * i / Steps), from + ((to - from) * (i + 1) / Steps));
            Rod(u + (MathF.Cos(a) * radius), v + (MathF.Sin(a) * radius), u + (MathF.Cos(b) * radius), v + (MathF.Sin(b) * radius), thickness, colour);
        }
    }

    /// <summary>The colour lit from above: lighter at the top edge <paramref name="vTop"/>, darker at the bottom <paramref name="vBottom"/>.</summary>
    private Func<float, Rgb> Shading(Rgb colour, float vTop, float vBottom)
    {
        var (top, bottom) = (Y(vTop), Y(vBottom));
        var height = Math.Max(1, bottom - top);
        return y => colour.Tint(0.14f - (0.32f * Math.Clamp((y - top) / height, 0, 1)));
    }

    private float X(float u) => _centreX + (u * _unit);

    private float Y(float v) => _base - (v * _unit);
}
