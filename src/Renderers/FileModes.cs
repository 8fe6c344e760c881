// SPDX-License-Identifier: Apache-2.0
namespace Osc.Renderers;

/// <summary>
/// The file modes the renderers write, once each: C# has no octal literals, so each is named by its
/// octal value. What a file gets stays with the file (<c>NtpConfRenderer.Mode</c>, <c>SystemdUnitsRenderer.UnitMode</c>, …).
/// </summary>
internal static class FileModes
{
    /// <summary>rw-------.</summary>
    public const uint Octal0600 = 0x180;

    /// <summary>rw-r--r--.</summary>
    public const uint Octal0644 = 0x1A4;

    /// <summary>rwxr--r--.</summary>
    public const uint Octal0744 = 0x1E4;

    /// <summary>rwxr-xr-x.</summary>
    public const uint Octal0755 = 0x1ED;

    /// <summary>The permission, set-id and sticky bits (07777): chmod and Ignition take no more.</summary>
    public const uint Octal7777 = 0xFFF;

    /// <summary>The permission bits (0777): what Go's os.FileMode keeps of a larger value.</summary>
    public const uint Octal0777 = 0x1FF;
}
