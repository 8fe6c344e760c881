// SPDX-License-Identifier: Apache-2.0
using System.Collections.Generic;
using Osc.Model;
using Osc.Model.Diagnostics;
using Osc.Model.Kubernetes;
using Osc.Model.Syntax;

namespace Osc.Renderers.OperatingSystems.Bash;

/// <summary>spec.files of a provision OSC as the script writes them: their bytes from <see cref="FileContentResolver"/>, in spec order.</summary>
internal static class ProvisionFiles
{
    public static List<ScriptFile> Resolve(OperatingSystemConfig osc, IReadOnlyList<Secret> secrets, Report report, SourceMap positions)
    {
        var files = new List<ScriptFile>();
        var specFiles = osc.Spec.Files ?? [];
        for (var i = 0; i < specFiles.Count; i++)
        {
            var file = specFiles[i];
            var source = $"$.spec.files[{i}]";
            if (FileContentResolver.Resolve(file.Content, source + ".content", osc.Metadata?.Namespace, secrets, ContentReader.OsExtension, report, positions) is { } data)
            {
                files.Add(new ScriptFile(file.Path, data, file.Permissions, file.Content.TransmitUnencoded == true, source));
            }
        }
        return files;
    }
}
