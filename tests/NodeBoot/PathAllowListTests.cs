// SPDX-License-Identifier: Apache-2.0
namespace Osc.NodeBoot.Tests;

/// <summary>The allow-list that decides whether a node changed something nobody declared.</summary>
public sealed class PathAllowListTests
{
    private static readonly PathAllowList List = new(["etc/osc/app.conf"], ["var/lib/cloud/**", "etc/ssh/ssh_host_*", "etc/systemd/system/*.wants/a.service"]);

    [Theory]
    [InlineData("etc/osc/app.conf", 'f', true)]
    [InlineData("etc/osc", 'd', true)] // the parent of a declared file
    [InlineData("etc", 'd', true)]
    [InlineData("etc/osc/other.conf", 'f', false)]
    [InlineData("etc/osc/app.conf.bak", 'f', false)]
    [InlineData("etc/osc", 'f', false)] // only a directory is allowed as a parent
    [InlineData("var/lib/cloud/instances/x/boot-finished", 'f', true)]
    [InlineData("var/lib/cloud", 'd', true)]
    [InlineData("var/lib/cloudy", 'f', false)]
    [InlineData("etc/ssh/ssh_host_rsa_key", 'f', true)]
    [InlineData("etc/ssh/sshd_config", 'f', false)]
    [InlineData("etc/systemd/system/multi-user.target.wants/a.service", 'l', true)]
    [InlineData("etc/systemd/system/multi-user.target.wants", 'd', true)]
    [InlineData("etc/systemd/system/multi-user.target.wants/b.service", 'l', false)]
    [InlineData("etc/systemd/system/b.service", 'f', false)]
    public void Allows_declared_paths_their_parents_and_patterns_only(string path, char type, bool allowed) =>
        Assert.Equal(allowed, List.Allows(path, type));
}

/// <summary>The journal filter that finds systemd rejecting parts of our unit files.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class UnitComplaintTests
{
    [Fact]
    public void Finds_systemds_complaints_about_files_under_etc_systemd_system_only()
    {
        var journal = string.Join('\n',
            "[ 1.0] n systemd[1]: /etc/systemd/system/osc-app.service:5: Unknown key name 'ExecStrat' in section 'Service', ignoring.",
            "[ 1.1] n systemd[1]: /lib/systemd/system/other.service:3: Unknown key name 'X' in section 'Unit', ignoring.",
            "[ 1.2] n systemd[1]: Started osc-app.service - a long-running service declared by the OSC.");

        var complaint = Assert.Single(NodeBootTests.UnitComplaints(journal));
        Assert.Contains("ExecStrat", complaint, StringComparison.Ordinal);
    }
}
