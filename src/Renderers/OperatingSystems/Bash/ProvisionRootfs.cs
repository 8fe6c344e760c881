// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Osc.Model;

namespace Osc.Renderers.OperatingSystems.Bash;

/// <summary>
/// The rootfs view of a provision script: every file it writes with the bytes and mode the node
/// gets, added in script order so a later write of the same path wins. Files a script writes only
/// on some images (containerd's default config.toml, SUSE's /etc/hostname) or appends to
/// (/etc/modules) are not predictable and stay out.
/// </summary>
internal sealed class ProvisionRootfs
{
    /// <summary>What a file written by cat or base64 without chmod gets under the default umask 0022.</summary>
    private const uint DefaultMode = FileModes.Octal0644;

    private readonly Dictionary<string, RenderedArtifact> _byPath = new(StringComparer.Ordinal);

    /// <summary>A file of the OS extension's own script, with fixed text.</summary>
    public ProvisionRootfs Os(FixedFile file)
    {
        _byPath[file.Path] = new RenderedArtifact(file.Path, Encoding.UTF8.GetBytes(file.NodeText), DefaultMode, "$.spec.type");
        return this;
    }

    public ProvisionRootfs Files(IEnumerable<ScriptFile> files, bool yamlEmbedded = false)
    {
        foreach (var file in files)
        {
            // chmod "%04o" of a value above 07777 fails, and the file keeps the mode it was created with.
            var mode = file.Permissions is { } permissions && permissions <= FileModes.Octal7777 ? permissions : DefaultMode;
            _byPath[file.Path] = new RenderedArtifact(file.Path, ProvisionScript.NodeBytes(file, yamlEmbedded), mode, file.SourcePath);
        }
        return this;
    }

    public ProvisionRootfs Units(IEnumerable<(Unit Unit, string SourcePath)> units)
    {
        foreach (var (unit, source) in units)
        {
            var path = Systemd.SystemdUnitsRenderer.UnitDirectory + "/" + unit.Name;
            if (unit.Content is { } content)
            {
                _byPath[path] = new RenderedArtifact(path, Encoding.UTF8.GetBytes(content), DefaultMode, source);
            }
            for (var i = 0; i < (unit.DropIns?.Count ?? 0); i++)
            {
                var dropIn = unit.DropIns![i];
                var dropInPath = path + ".d/" + dropIn.Name;
                _byPath[dropInPath] = new RenderedArtifact(dropInPath, Encoding.UTF8.GetBytes(dropIn.Content), DefaultMode, $"{source}.dropIns[{i}]");
            }
        }
        return this;
    }

    /// <summary>The run-once marker the wrapper touches last, then everything in path order into <paramref name="target"/>.</summary>
    public void CompleteInto(ICollection<RenderedArtifact>? target)
    {
        if (target is null)
        {
            return;
        }
        _byPath[ProvisionScript.AppliedMarker] = new RenderedArtifact(ProvisionScript.AppliedMarker, [], DefaultMode, "$.spec.purpose");
        foreach (var artifact in _byPath.Values.OrderBy(a => a.Path, StringComparer.Ordinal))
        {
            target.Add(artifact);
        }
    }
}
