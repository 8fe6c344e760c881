// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.Text;
using Osc.Model;
using Osc.Model.Diagnostics;
using Osc.Model.Kubernetes;
using Osc.Model.Syntax;

namespace Osc.Renderers;

/// <summary>Who decodes a file's content on its way to the node: the message of a problem names it.</summary>
internal enum ContentReader
{
    /// <summary>gardener-node-agent, for a reconcile OSC.</summary>
    NodeAgent,

    /// <summary>The OS extension, which puts a provision OSC's files into the user-data.</summary>
    OsExtension,
}

/// <summary>
/// The exact bytes of a file's content (inline plain or base64, secretRef, imageRef), for every renderer:
/// the one place that decodes them and words each problem.
/// </summary>
internal static class FileContentResolver
{
    /// <summary>
    /// The bytes, or null when they cannot be had: imageRef content (offline, a warning) or b64 data that does
    /// not decode (an error: the node would not get the file either). A secretRef resolves as
    /// <see cref="SecretScope"/> says; validation with secrets required refused the input before rendering when
    /// one does not, so reaching that here is Osc's bug. <paramref name="contentPath"/> is the content's input path
    /// (<c>$.spec.files[3].content</c>), where a problem is reported.
    /// </summary>
    public static byte[]? Resolve(FileContent content, string contentPath, string? oscNamespace, IReadOnlyList<Secret> secrets, ContentReader reader,
        Report report, SourceMap positions)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.Inline is { } inline)
        {
            if (inline.Encoding != InlineEncoding.B64)
            {
                return Encoding.UTF8.GetBytes(inline.Data);
            }
            if (SecretBinder.TryDecodeBase64(inline.Data, out var bytes))
            {
                return bytes;
            }
            var dataPath = contentPath + ".inline.data";
            var consequence = reader == ContentReader.NodeAgent
                ? "gardener-node-agent fails to decode it and its reconcile fails"
                : "the OS extension fails to decode it and renders no user-data";
            report.Add(DiagnosticCatalog.ContentNotDecodable, $"data is not valid base64: {consequence}, so the node does not get this file and Osc cannot render it",
                dataPath, positions.Locate(dataPath), "encode the content with base64 (padded, standard alphabet), or use encoding: \"\" for plain text");
            return null;
        }
        if (content.SecretRef is { } secretRef)
        {
            var secret = SecretScope.Resolve(oscNamespace, secretRef.Name, secrets);
            return secret is not null && secret.Data.TryGetValue(secretRef.DataKey, out var data)
                ? data
                : throw new InvalidOperationException($"secretRef {secretRef.Name}/{secretRef.DataKey} at {contentPath} reached rendering unresolved; validation should have refused it");
        }
        if (content.ImageRef is { } imageRef)
        {
            // Provision OSCs of the known OS types never get here: validation refuses their imageRef content (OSC1261).
            var at = contentPath + ".imageRef";
            report.Add(DiagnosticCatalog.ImageRefNotRenderable,
                $"{imageRef.FilePathInImage} of {imageRef.Image} is copied out of the image on the node; the rootfs view leaves it out",
                at, positions.Locate(at), "use inline or secretRef content to see the file in the rendered view");
        }
        return null;
    }
}
