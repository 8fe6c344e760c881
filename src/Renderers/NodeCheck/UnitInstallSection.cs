// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.Linq;

namespace Osc.Renderers.NodeCheck;

/// <summary>
/// The links <c>systemctl enable</c> (and gardener-node-agent's <c>EnableUnitFiles</c>) makes for a
/// unit, read from the [Install] sections of its unit file and then its drop-ins (systemd reads
/// [Install] in drop-ins since v236): <c>WantedBy=</c>, <c>RequiredBy=</c>, <c>UpheldBy=</c> and
/// <c>Alias=</c>. An empty assignment clears the list, as in systemd. Entries with a specifier
/// (<c>%i</c>) are left out: systemd expands them from the unit name, which Osc does not repeat.
/// </summary>
internal sealed record UnitInstallSection(IReadOnlyList<string> WantedBy, IReadOnlyList<string> RequiredBy, IReadOnlyList<string> UpheldBy, IReadOnlyList<string> Alias)
{
    public static UnitInstallSection Empty { get; } = new([], [], [], []);

    public bool IsEmpty => WantedBy.Count == 0 && RequiredBy.Count == 0 && UpheldBy.Count == 0 && Alias.Count == 0;

    /// <summary>The node paths of the links enabling <paramref name="unitName"/> makes under <paramref name="directory"/>.</summary>
    public IEnumerable<string> LinkPaths(string directory, string unitName) =>
        WantedBy.Select(t => $"{directory}/{t}.wants/{unitName}")
            .Concat(RequiredBy.Select(t => $"{directory}/{t}.requires/{unitName}"))
            .Concat(UpheldBy.Select(t => $"{directory}/{t}.upholds/{unitName}"))
            .Concat(Alias.Select(a => $"{directory}/{a}"))
            .Distinct(StringComparer.Ordinal);

    /// <summary>Reads the [Install] settings of <paramref name="texts"/> in order (the unit file first, then its drop-ins by name).</summary>
    public static UnitInstallSection Parse(IEnumerable<string> texts)
    {
        var lists = new Dictionary<string, List<string>>(StringComparer.Ordinal)
        {
            ["WantedBy"] = [],
            ["RequiredBy"] = [],
            ["UpheldBy"] = [],
            ["Alias"] = [],
        };
        foreach (var text in texts)
        {
            var inInstall = false;
            foreach (var line in LogicalLines(text))
            {
                var trimmed = line.Trim(' ', '\t');
                if (trimmed.Length == 0 || trimmed[0] is '#' or ';')
                {
                    continue;
                }
                if (trimmed[0] == '[')
                {
                    inInstall = trimmed == "[Install]";
                    continue;
                }
                var equals = trimmed.IndexOf('=', StringComparison.Ordinal);
                if (!inInstall || equals < 0 || !lists.TryGetValue(trimmed[..equals].TrimEnd(' ', '\t'), out var list))
                {
                    continue;
                }
                var value = trimmed[(equals + 1)..].Trim(' ', '\t');
                if (value.Length == 0)
                {
                    list.Clear();
                    continue;
                }
                foreach (var word in value.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
                {
                    var name = word.Trim('"', '\'');
                    // A specifier needs the unit's instance; a name with a slash would leave the unit directory.
                    if (name.Length > 0 && !name.Contains('%', StringComparison.Ordinal) && !name.Contains('/', StringComparison.Ordinal)
                        && name is not "." and not ".." && !list.Contains(name, StringComparer.Ordinal))
                    {
                        list.Add(name);
                    }
                }
            }
        }
        return new UnitInstallSection(lists["WantedBy"], lists["RequiredBy"], lists["UpheldBy"], lists["Alias"]);
    }

    /// <summary>Lines with systemd's continuation: a line ending in a backslash goes on in the next (comment lines in between are skipped).</summary>
    private static IEnumerable<string> LogicalLines(string text)
    {
        string? pending = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (pending is not null && line.TrimStart(' ', '\t') is { Length: > 0 } t && t[0] is '#' or ';')
            {
                continue;
            }
            if (line.EndsWith('\\'))
            {
                pending = (pending is null ? "" : pending + " ") + line[..^1];
                continue;
            }
            yield return pending is null ? line : pending + " " + line;
            pending = null;
        }
        if (pending is not null)
        {
            yield return pending;
        }
    }
}
