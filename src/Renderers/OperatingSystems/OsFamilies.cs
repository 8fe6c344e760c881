// SPDX-License-Identifier: Apache-2.0
using System.Collections.Generic;
using System.Linq;
using Osc.Renderers.OperatingSystems.Coreos;
using Osc.Renderers.OperatingSystems.GardenLinux;
using Osc.Renderers.OperatingSystems.SuseChost;
using Osc.Renderers.OperatingSystems.Ubuntu;

namespace Osc.Renderers.OperatingSystems;

/// <summary>The registry of OS families: <see cref="OscRenderer"/> asks it once per OSC which family serves its type.</summary>
internal sealed class OsFamilies
{
    /// <summary>Every OS extension Osc renders for: one line each.</summary>
    public static OsFamilies Default { get; } = new(
    [
        new UbuntuFamily(),
        new GardenLinuxFamily(),
        new SuseChostFamily(),
        new CoreosFamily(),
    ]);

    private readonly IReadOnlyList<IOsFamily> _families;

    public OsFamilies(IReadOnlyList<IOsFamily> families) => _families = families;

    /// <summary>These families and <paramref name="family"/> (the seam a test uses to add one).</summary>
    public OsFamilies With(IOsFamily family) => new([.. _families, family]);

    /// <summary>The family that serves <paramref name="type"/>, or null when none does.</summary>
    public IOsFamily? For(string type) => _families.FirstOrDefault(f => f.Handles(type));
}
