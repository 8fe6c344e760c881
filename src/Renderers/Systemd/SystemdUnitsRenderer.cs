// SPDX-License-Identifier: Apache-2.0
using System.Collections.Generic;
using System.Text;

namespace Osc.Renderers.Systemd;

/// <summary>
/// Unit files and drop-ins under /etc/systemd/system, mode 0600, as gardener-node-agent writes
/// them: a unit file only when content is set (otherwise it is an OS unit that gets drop-ins).
/// </summary>
internal static class SystemdUnitsRenderer
{
    public const string UnitDirectory = "/etc/systemd/system";
    public const uint UnitMode = FileModes.Octal0600;

    public static IEnumerable<RenderedArtifact> Render(IReadOnlyList<MergedUnit> units)
    {
        foreach (var unit in units)
        {
            if (unit.Content is { } content)
            {
                yield return new RenderedArtifact($"{UnitDirectory}/{unit.Name}", Encoding.UTF8.GetBytes(content), UnitMode, unit.SourcePath);
            }
            foreach (var source in unit.DropIns)
            {
                yield return new RenderedArtifact($"{UnitDirectory}/{unit.Name}.d/{source.DropIn.Name}", Encoding.UTF8.GetBytes(source.DropIn.Content),
                    UnitMode, source.SourcePath, source.SourceDocument);
            }
        }
    }
}
