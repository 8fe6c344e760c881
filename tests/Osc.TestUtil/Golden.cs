// SPDX-License-Identifier: Apache-2.0
using System.Text;
using DiffPlex.Renderer;

namespace Osc.TestUtil;

/// <summary>
/// Golden snapshots: compares text with <c>snapshots/&lt;suite&gt;/&lt;name&gt;.verified.&lt;ext&gt;</c>.
/// On a mismatch or a missing snapshot it writes <c>.received.</c> beside it and fails with a unified
/// diff; <c>OSC_ACCEPT=1</c> accepts instead (never in CI).
/// </summary>
public static class Golden
{
    public static void Verify(string actual, string suite, string name, string ext)
    {
        var dir = Path.Combine(RepoPaths.Snapshots, suite);
        var verified = Path.Combine(dir, $"{name}.verified.{ext}");
        var received = Path.Combine(dir, $"{name}.received.{ext}");
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal);
        var expected = System.IO.File.Exists(verified) ? System.IO.File.ReadAllText(verified, Encoding.UTF8) : null;
        if (expected == actual)
        {
            if (System.IO.File.Exists(received))
            {
                System.IO.File.Delete(received);
            }
            return;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(verified)!);
        var accept = Environment.GetEnvironmentVariable("OSC_ACCEPT") == "1"
            && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (accept)
        {
            System.IO.File.WriteAllText(verified, actual, new UTF8Encoding(false));
            System.IO.File.Delete(received);
            return;
        }
        System.IO.File.WriteAllText(received, actual, new UTF8Encoding(false));
        var diff = expected is null
            ? "(no verified snapshot yet)"
            : UnidiffRenderer.GenerateUnidiff(expected, actual, "verified", "received", ignoreWhitespace: false, contextLines: 3);
        throw new Xunit.Sdk.XunitException(
            $"Snapshot {suite}/{name}.{ext} differs.\n{diff}\nReview, then accept with: mv '{received}' '{verified}' (or OSC_ACCEPT=1)");
    }

    /// <summary>The names of snapshot files of <paramref name="suite"/> starting with <paramref name="prefix"/> (to assert the set).</summary>
    public static IReadOnlyList<string> Existing(string suite, string prefix)
    {
        var dir = Path.Combine(RepoPaths.Snapshots, suite);
        if (!Directory.Exists(dir))
        {
            return [];
        }
        return Directory.GetFiles(dir, prefix + "*.verified.*").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
    }
}
