// SPDX-License-Identifier: Apache-2.0
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Osc.Model;
using Osc.Model.Diagnostics;
using Osc.Model.Kubernetes;
using Osc.Model.Syntax;
using Osc.Renderers.OperatingSystems.Bash;

namespace Osc.Renderers.OperatingSystems;

/// <summary>
/// spec.files of a provision OSC as the script writes them: decoded inline data or the Secret's bytes
/// (resolved as <see cref="SecretScope"/> says; validation refused unresolved ones before rendering).
/// </summary>
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
            byte[]? data = null;
            if (file.Content.Inline is { } inline)
            {
                if (inline.Encoding != InlineEncoding.B64)
                {
                    data = Encoding.UTF8.GetBytes(inline.Data);
                }
                else if (SecretBinder.TryDecodeBase64(inline.Data, out var bytes))
                {
                    data = bytes;
                }
                else
                {
                    Node.FileContentResolver.ReportUndecodable(source + ".content.inline.data", "the OS extension fails to decode it and renders no user-data", report, positions);
                }
            }
            else if (file.Content.SecretRef is { } secretRef)
            {
                data = SecretScope.Resolve(osc.Metadata?.Namespace, secretRef.Name, secrets)?.Data.GetValueOrDefault(secretRef.DataKey)
                    ?? throw new System.InvalidOperationException($"secretRef {secretRef.Name}/{secretRef.DataKey} at {source} reached rendering unresolved; validation should have refused it");
            }
            else if (file.Content.ImageRef is not null)
            {
                // Upstream dereferences a nil secretRef here; images cannot be pulled before the node exists.
                report.Add(DiagnosticCatalog.ImageRefNotRenderable, "imageRef content cannot be written by a provision script; the file is left out",
                    source + ".content.imageRef", positions.Locate(source + ".content.imageRef"), "use inline or secretRef content in provision OSCs");
            }
            if (data is not null)
            {
                files.Add(new ScriptFile(file.Path, data, file.Permissions, file.Content.TransmitUnencoded == true, source));
            }
        }
        return files;
    }
}
