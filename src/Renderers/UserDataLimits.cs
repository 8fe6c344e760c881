// SPDX-License-Identifier: Apache-2.0
using System.IO;
using System.IO.Compression;
using System.Text;
using Osc.Model.Diagnostics;
using Osc.Model.Syntax;
using Osc.Renderers.OperatingSystems;

namespace Osc.Renderers;

/// <summary>
/// The size of provision user-data: gardener notes that most cloud providers take about 16 KB.
/// cloud-init unpacks gzip-compressed user-data, so for the OS families whose user-data cloud-init reads
/// as a whole (<see cref="IOsFamily.UserDataMayBeCompressed"/>: ubuntu) it can be compressed. Garden Linux and
/// SUSE CHost scripts and the memoryone MIME envelopes go to consumers that read them as text, and Ignition
/// takes no compressed config.
/// </summary>
internal static class UserDataLimits
{
    public const int MaxBytes = 16 * 1024;

    public static RenderedObject Apply(RenderedObject rendered, string osType, IOsFamily family, RenderOptions options, Report report, SourceMap positions)
    {
        System.ArgumentNullException.ThrowIfNull(rendered);
        System.ArgumentNullException.ThrowIfNull(options);
        var text = Encoding.UTF8.GetBytes(rendered.UserData ?? "");
        if (options.CompressUserData && !family.UserDataMayBeCompressed)
        {
            report.Add(DiagnosticCatalog.CompressionNotSupported,
                $"user-data of OS type '{osType}' is not read by cloud-init as a whole, so gzip would break it", "$.spec.type", positions.Locate("$.spec.type"),
                "drop --compress for this OSC; only ubuntu and ubuntu-pro user-data can be gzip-compressed");
            return rendered;
        }
        var result = options.CompressUserData ? rendered with { CompressedUserData = Gzip(text) } : rendered;
        var size = result.CompressedUserData?.Length ?? text.Length;
        if (size > MaxBytes)
        {
            report.Add(DiagnosticCatalog.UserDataTooLarge, $"the user-data has {size} bytes; most cloud providers accept about {MaxBytes}",
                "$.spec.files", positions.Locate("$.spec.files"),
                family.UserDataMayBeCompressed && !options.CompressUserData ? "pass --compress gzip (cloud-init unpacks it)" : "move large files into the reconcile OSC");
        }
        return result;
    }

    /// <summary>Gzip with a fixed header (no name, no time), so the same input gives the same bytes.</summary>
    internal static byte[] Gzip(byte[] data)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(data);
        }
        return buffer.ToArray();
    }
}
