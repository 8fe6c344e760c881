// SPDX-License-Identifier: Apache-2.0
using System.Text;
using System.Text.Json;

namespace Osc.NodeBoot.Tests;

/// <summary>
/// The node checks can fail: a user-data that writes a file nobody declared and exits non-zero
/// is reported by cloud-init as an error, and the allow-list rejects the stray file.
/// </summary>
[Collection(NodeBootCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class HarnessDetectsTests
{
    [SkippableFact]
    public void A_script_that_fails_and_writes_undeclared_files_is_caught()
    {
        NodeHarness.SkipUnlessHostCanBoot();
        var userData = "#!/bin/bash\nmkdir -p /etc/osc\necho stray > /etc/osc/undeclared.conf\nexit 3\n";

        using var node = NodeHarness.Boot("broken", Encoding.UTF8.GetBytes(userData));

        using var status = JsonDocument.Parse(node.Read("cloud-init-status.json"));
        var errors = status.RootElement.GetProperty("errors");
        Assert.Contains(errors.EnumerateArray(), e => e.GetString()!.Contains("scripts-user", StringComparison.Ordinal));
        var changed = node.Changed;
        Assert.True(changed.ContainsKey("etc/osc/undeclared.conf"), "the harness did not list the stray file");
        var touched = new PathAllowList([], NodeCases.BootTouches);
        Assert.False(touched.Allows("etc/osc/undeclared.conf", changed["etc/osc/undeclared.conf"].Type));
        Assert.False(touched.Allows("etc/osc", 'd'));
    }
}
