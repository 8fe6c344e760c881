// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.Text;
using Osc.Model;
using Osc.Model.Diagnostics;
using Osc.Model.Kubernetes;
using Osc.Model.Syntax;

namespace Osc.Renderers.Node;

/// <summary>The exact bytes of a file's content, as gardener-node-agent decodes them.</summary>
internal static class FileContentResolver
{
    /// <summary>
    /// The bytes, or null when they cannot be had: imageRef content (offline, a warning) or b64 data that
    /// does not decode (an error: the node would not get the file either). A secretRef resolves as
    /// <see cref="SecretScope"/> says; validation with secrets required refused the input before
    /// rendering when one does not, so reaching that here is Osc's bug.
    /// </summary>
    public static byte[]? Resolve(FileContent content, string path, string? oscNamespace, IReadOnlyList<Secret> secrets, Report report, SourceMap positions)
    {
        if (content.Inline is { } inline)
        {
            if (inline.Encoding == InlineEncoding.B64)
            {
                if (SecretBinder.TryDecodeBase64(inline.Data, out var bytes))
                {
                    return bytes;
                }
                ReportUndecodable(path + ".inline.data", "gardener-node-agent fails to decode it and its reconcile fails", report, positions);
                return null;
            }
            return Encoding.UTF8.GetBytes(inline.Data);
        }
        if (content.SecretRef is { } secretRef)
        {
            var secret = SecretScope.Resolve(oscNamespace, secretRef.Name, secrets);
            return secret is not null && secret.Data.TryGetValue(secretRef.DataKey, out var data)
                ? data
                : throw new InvalidOperationException($"secretRef {secretRef.Name}/{secretRef.DataKey} at {path} reached rendering unresolved; validation should have refused it");
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

    /// <summary>OSC2013 at <paramref name="dataPath"/>: what happens to b64 data that does not decode.</summary>
    public static void ReportUndecodable(string dataPath, string consequence, Report report, SourceMap positions) =>
        report.Add(DiagnosticCatalog.ContentNotDecodable, $"data is not valid base64: {consequence}, so the node does not get this file and Osc cannot render it",
            dataPath, positions.Locate(dataPath), "encode the content with base64 (padded, standard alphabet), or use encoding: \"\" for plain text");
}
