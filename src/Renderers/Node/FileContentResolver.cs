// SPDX-License-Identifier: Apache-2.0
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Osc.Model;
using Osc.Model.Diagnostics;
using Osc.Model.Kubernetes;
using Osc.Model.Syntax;

namespace Osc.Renderers.Node;

/// <summary>The exact bytes of a file's content, as gardener-node-agent decodes them.</summary>
internal static class FileContentResolver
{
    /// <summary>The bytes, or null when they cannot be had offline (imageRef: reported) or the input was invalid (already reported).</summary>
    public static byte[]? Resolve(FileContent content, string path, IReadOnlyList<Secret> secrets, Report report, SourceMap positions)
    {
        if (content.Inline is { } inline)
        {
            if (inline.Encoding == InlineEncoding.B64)
            {
                return SecretBinder.TryDecodeBase64(inline.Data, out var bytes) ? bytes : null;
            }
            return Encoding.UTF8.GetBytes(inline.Data);
        }
        if (content.SecretRef is { } secretRef)
        {
            var secret = secrets.FirstOrDefault(s => s.Metadata.Name == secretRef.Name);
            return secret is not null && secret.Data.TryGetValue(secretRef.DataKey, out var data) ? data : null;
        }
        if (content.ImageRef is { } imageRef)
        {
            var at = path + ".imageRef";
            report.Add(DiagnosticCatalog.ImageRefNotRenderable,
                $"{imageRef.FilePathInImage} of {imageRef.Image} is copied out of the image on the node; the rootfs view leaves it out",
                at, positions.Locate(at), "use inline or secretRef content to see the file in the rendered view");
        }
        return null;
    }
}
