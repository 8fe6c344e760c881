// SPDX-License-Identifier: Apache-2.0
using Osc.Renderers.NodeCheck;

namespace Osc.Renderers.Tests.NodeCheck;

/// <summary>
/// The links enabling a unit makes, read from [Install] as systemctl reads it: unit file first, then
/// drop-ins; lists add up, an empty assignment clears; continuation lines; other sections ignored.
/// </summary>
public sealed class UnitInstallSectionTests
{
    public static TheoryData<string, string[], string[]> Cases => new()
    {
        { "[Install]\nWantedBy=multi-user.target\n", [], ["/etc/systemd/system/multi-user.target.wants/a.service"] },
        { "[Unit]\nWantedBy=nothing.target\n[Service]\nExecStart=/bin/true\n", [], [] },
        { "[Install]\nWantedBy=a.target b.target\nRequiredBy=c.target\nUpheldBy=d.target\nAlias=b.service\n", [],
            ["/etc/systemd/system/a.target.wants/a.service", "/etc/systemd/system/b.target.wants/a.service",
             "/etc/systemd/system/c.target.requires/a.service", "/etc/systemd/system/d.target.upholds/a.service", "/etc/systemd/system/b.service"] },
        { "[Install]\nWantedBy=multi-user.target\n", ["[Install]\nWantedBy=\nWantedBy=timers.target\n"], ["/etc/systemd/system/timers.target.wants/a.service"] },
        { "[Install]\nWantedBy=multi-user.target\n", ["[Install]\nRequiredBy=local-fs.target\n"],
            ["/etc/systemd/system/multi-user.target.wants/a.service", "/etc/systemd/system/local-fs.target.requires/a.service"] },
        { "[Install]\nWantedBy=a.target \\\n  b.target\n", [], ["/etc/systemd/system/a.target.wants/a.service", "/etc/systemd/system/b.target.wants/a.service"] },
        { "[Install]\n# WantedBy=commented.target\n; WantedBy=also.target\n  WantedBy = spaced.target  \r\n", [], ["/etc/systemd/system/spaced.target.wants/a.service"] },
        { "[Install]\nWantedBy=%i.target ../escape.target a/b.target ok.target ok.target\n", [], ["/etc/systemd/system/ok.target.wants/a.service"] },
        { "[Install]\nWantedBy=a.target\n[install]\nWantedBy=lowercase-section.target\nwantedby=lowercase-key.target\n", [], ["/etc/systemd/system/a.target.wants/a.service"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Links_follow_the_install_sections(string unit, string[] dropIns, string[] links)
    {
        var install = UnitInstallSection.Parse(dropIns.Prepend(unit));

        Assert.Equal(links, install.LinkPaths("/etc/systemd/system", "a.service"));
        Assert.Equal(links.Length == 0, install.IsEmpty);
    }
}
