namespace Marketplace.AppHost.Tests.Browser;

/// <summary>The two screens every page is designed for and checked at: a phone (390 px wide) and a laptop.</summary>
public static class Viewports
{
    public const int PhoneWidth = 390;
    public const int PhoneHeight = 844;
    public const int DesktopWidth = 1280;
    public const int DesktopHeight = 800;

    public static readonly (int Width, int Height)[] Both = [(DesktopWidth, DesktopHeight), (PhoneWidth, PhoneHeight)];
}
