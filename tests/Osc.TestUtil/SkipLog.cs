// SPDX-License-Identifier: Apache-2.0
namespace Osc.TestUtil;

/// <summary>
/// Collects skips so .ci/run and developers see them: each skip appends a line to
/// $OSC_SKIP_LOG (when set) besides printing it.
/// </summary>
public static class SkipLog
{
    private static readonly object Gate = new();

    public static void Record(string line)
    {
        var file = Environment.GetEnvironmentVariable("OSC_SKIP_LOG");
        if (string.IsNullOrEmpty(file))
        {
            return;
        }
        lock (Gate)
        {
            System.IO.File.AppendAllText(file, line + "\n");
        }
    }
}
