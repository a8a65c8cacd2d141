namespace Marketplace.MigrationWorker.Demo;

/// <summary>
/// A shape of a demo photo as a signed distance (negative inside, in pixels), which gives smooth edges and soft
/// shadows from one formula: a rounded box, an ellipse, a ring or a capsule, each possibly turned.
/// </summary>
public readonly record struct PhotoShape
{
    private enum Kind
    {
        Box,
        Ellipse,
        Ring,
        Capsule,
    }

    private Kind Form { get; init; }

    private float X { get; init; }

    private float Y { get; init; }

    private float A { get; init; }

    private float B { get; init; }

    private float C { get; init; }

    private float D { get; init; }

    private float Cos { get; init; }

    private float Sin { get; init; }

    /// <summary>Half its extent across and down from its centre (for a turned shape, its circumscribed circle's).</summary>
    private float ReachX { get; init; }

    private float ReachY { get; init; }

    /// <summary>A box centred on (x, y), of half-width <paramref name="halfWidth"/> and half-height <paramref name="halfHeight"/>, corners rounded by <paramref name="radius"/>, turned by <paramref name="angle"/> radians.</summary>
    public static PhotoShape Box(float x, float y, float halfWidth, float halfHeight, float radius = 0, float angle = 0) => new()
    {
        Form = Kind.Box, X = x, Y = y, A = halfWidth, B = halfHeight, C = Math.Min(radius, Math.Min(halfWidth, halfHeight)),
        Cos = MathF.Cos(angle), Sin = MathF.Sin(angle),
        ReachX = angle == 0 ? halfWidth : MathF.Sqrt((halfWidth * halfWidth) + (halfHeight * halfHeight)),
        ReachY = angle == 0 ? halfHeight : MathF.Sqrt((halfWidth * halfWidth) + (halfHeight * halfHeight)),
    };

    public static PhotoShape Ellipse(float x, float y, float radiusX, float radiusY, float angle = 0) => new()
    {
        Form = Kind.Ellipse, X = x, Y = y, A = Math.Max(radiusX, 0.5f), B = Math.Max(radiusY, 0.5f),
        Cos = MathF.Cos(angle), Sin = MathF.Sin(angle),
        ReachX = angle == 0 ? radiusX : Math.Max(radiusX, radiusY),
        ReachY = angle == 0 ? radiusY : Math.Max(radiusX, radiusY),
    };

    public static PhotoShape Circle(float x, float y, float radius) => Ellipse(x, y, radius, radius);

    /// <summary>A ring of <paramref name="thickness"/> pixels whose middle line is the circle of <paramref name="radius"/>.</summary>
    public static PhotoShape Ring(float x, float y, float radius, float thickness) => new()
    {
        Form = Kind.Ring, X = x, Y = y, A = radius, B = thickness / 2, Cos = 1, ReachX = radius + (thickness / 2), ReachY = radius + (thickness / 2),
    };

    /// <summary>A rod from (x1, y1) to (x2, y2) with round ends, <paramref name="thickness"/> pixels across.</summary>
    public static PhotoShape Capsule(float x1, float y1, float x2, float y2, float thickness) => new()
    {
        Form = Kind.Capsule, X = x1, Y = y1, A = x2, B = y2, C = thickness / 2, Cos = 1,
        ReachX = (MathF.Abs(x2 - x1) / 2) + (thickness / 2), ReachY = (MathF.Abs(y2 - y1) / 2) + (thickness / 2),
    };

    /// <summary>The pixels it may cover, widened by <paramref name="margin"/>, clipped to a canvas.</summary>
    public (int Left, int Top, int Right, int Bottom) Bounds(float margin, int width, int height)
    {
        var (cx, cy) = Form == Kind.Capsule ? ((X + A) / 2, (Y + B) / 2) : (X, Y);
        var (reachX, reachY) = (ReachX + margin + 1, ReachY + margin + 1);
        return (Math.Clamp((int)(cx - reachX), 0, width), Math.Clamp((int)(cy - reachY), 0, height),
            Math.Clamp((int)MathF.Ceiling(cx + reachX), 0, width), Math.Clamp((int)MathF.Ceiling(cy + reachY), 0, height));
    }

    public float Distance(float px, float py)
    {
        if (Form == Kind.Capsule)
        {
            var (dx, dy, ex, ey) = (px - X, py - Y, A - X, B - Y);
            var along = Math.Clamp(((dx * ex) + (dy * ey)) / Math.Max((ex * ex) + (ey * ey), 1e-6f), 0, 1);
            return Length(dx - (ex * along), dy - (ey * along)) - C;
        }

        // Into the shape's own turned frame.
        var (ox, oy) = (px - X, py - Y);
        var (x, y) = ((ox * Cos) + (oy * Sin), (oy * Cos) - (ox * Sin));
        switch (Form)
        {
            case Kind.Box:
                var qx = MathF.Abs(x) - A + C;
                var qy = MathF.Abs(y) - B + C;
                return Length(Math.Max(qx, 0), Math.Max(qy, 0)) + Math.Min(Math.Max(qx, qy), 0) - C;
            case Kind.Ring:
                return MathF.Abs(Length(x, y) - A) - B;
            default:
                // The usual first-order estimate of the distance to an ellipse: exact enough for edges a pixel wide.
                var k0 = Length(x / A, y / B);
                var k1 = Length(x / (A * A), y / (B * B));
                return k1 < 1e-6f ? -Math.Min(A, B) : k0 * (k0 - 1) / k1;
        }
    }

    private static float Length(float x, float y) => MathF.Sqrt((x * x) + (y * y));
}
