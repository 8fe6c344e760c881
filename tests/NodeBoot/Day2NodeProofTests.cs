// SPDX-License-Identifier: Apache-2.0
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Osc.Cli;
using Osc.TestUtil;
using Xunit.Abstractions;

namespace Osc.NodeBoot.Tests;

/// <summary>
/// Day 2 on a real node: a node boots with OLD's rootfs/ and gets OLD's first reconcile as
/// <c>osc plan OLD</c> lists it; then only what <c>osc plan NEW --last-applied OLD</c> lists is applied,
/// in gardener-node-agent's order (<see cref="PlanApplier"/>). The native <c>osc check NEW --root /</c>
/// inside the node must then find no drift, and every unit the plan restarts must be active. A negative
/// control holds back one entry of the plan first: check must name exactly what it left undone. Last,
/// the node is tampered with (a file's bytes, another file's mode, a drop-in deleted, a unit disabled)
/// and check must name exactly those four.
/// </summary>
[Collection(NodeBootCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class Day2NodeProofTests(ITestOutputHelper output)
{
    private const string Proof = "/var/lib/osc-proof";

    /// <summary>Pair name (cases/day2-NAME-old.yaml → -new.yaml), the plan entry the negative control holds back, and the node path its absence leaves wrong.</summary>
    public static TheoryData<string, string, string> Pairs => new()
    {
        // A changed file a unit references (filePaths): the unit restarts; a config file changes bytes and mode.
        { "file", "files.changed[/etc/osc/app.conf]", "/etc/osc/app.conf" },
        // A removed unit with a drop-in, and a unit that loses one of its drop-ins.
        { "unit", "units.changed[osc-keep.service].dropInsChanges.deleted[20-nice.conf]", "/etc/systemd/system/osc-keep.service.d/20-nice.conf" },
        // A registry mirror added, one removed, the sandbox image changed (config.toml changes, containerd restarts).
        { "registry", "containerd.registries.desired[ghcr.io]", "/etc/containerd/certs.d/ghcr.io/hosts.toml" },
    };

    [SkippableTheory]
    [MemberData(nameof(Pairs))]
    public void Applying_only_the_plan_leaves_a_node_osc_check_finds_clean(string pair, string heldBack, string heldBackPath)
    {
        NodeHarness.SkipUnlessHostCanBoot();
        var native = NativeOsc.Get();
        Assert.True(native.ExitCode == 0 && File.Exists(native.Binary), "the native osc did not publish:\n" + native.Output);
        var clock = Stopwatch.StartNew();
        var (oldCase, newCase) = ($"day2-{pair}-old.yaml", $"day2-{pair}-new.yaml");
        using var oldRender = new OscRender(oldCase);
        using var newRender = new OscRender(newCase);
        var firstReconcile = Plan(OscRender.CasePath(oldCase));
        var plan = Plan(OscRender.CasePath(newCase), "--last-applied", OscRender.CasePath(oldCase));
        var oldApply = PlanApplier.Actions(firstReconcile, oldRender.Rootfs, $"{Proof}/old-rootfs");
        var newApply = PlanApplier.Actions(plan, newRender.Rootfs, $"{Proof}/new-rootfs");
        Assert.Contains(newApply, a => a.Entry == heldBack);
        var newOsc = NodeBootTests.LoadOsc(newCase);
        var tamper = Tampering.Choose(newRender, newOsc);
        var restarted = PlanApplier.RestartedUnits(plan);
        var stopped = PlanApplier.StoppedUnits(plan);

        // The node's root gets OLD's view (as the harness copies it) and, under /var/lib/osc-proof, the
        // native osc, both OSCs and both views to copy from.
        var staging = Directory.CreateTempSubdirectory("osc-day2-").FullName;
        try
        {
            CopyTree(oldRender.Rootfs, staging);
            var proof = Path.Combine(staging, Proof.TrimStart('/'));
            Directory.CreateDirectory(proof);
            File.Copy(native.Binary, Path.Combine(proof, "osc"));
            File.SetUnixFileMode(Path.Combine(proof, "osc"), (UnixFileMode)0x1ED); // 0755
            File.Copy(OscRender.CasePath(oldCase), Path.Combine(proof, "old.yaml"));
            File.Copy(OscRender.CasePath(newCase), Path.Combine(proof, "new.yaml"));
            CopyTree(oldRender.Rootfs, Path.Combine(proof, "old-rootfs"));
            CopyTree(newRender.Rootfs, Path.Combine(proof, "new-rootfs"));

            var script = new StringBuilder();
            script.Append($$"""
                set -u
                out={{Proof}}/out
                mkdir -p "$out"
                run() { "$@" || echo "failed ($?): $*" >>"$out/errors"; }
                check() { {{Proof}}/osc check "{{Proof}}/$2.yaml" --root / --format json >"$out/$1.json" 2>"$out/$1.err"; echo $? >"$out/$1.rc"; }

                """);
            script.Append("# OLD's first reconcile (osc plan OLD)\n").Append(PlanApplier.Script(oldApply));
            script.Append("check old old\n");
            script.Append($"# NEW over OLD (osc plan NEW --last-applied OLD), without {heldBack}\n").Append(PlanApplier.Script(newApply.Where(a => a.Entry != heldBack)));
            script.Append("check held-back new\n");
            script.Append($"# {heldBack}, late\n").Append(PlanApplier.Script(newApply.Where(a => a.Entry == heldBack))).Append("run systemctl daemon-reload\n");
            script.Append("check applied new\n");
            script.Append(": >\"$out/states\"\n");
            foreach (var unit in restarted.Concat(stopped).Distinct())
            {
                script.Append($"printf '%s %s\\n' {PlanApplier.Quote(unit)} \"$(systemctl is-active {PlanApplier.Quote(unit)})\" >>\"$out/states\"\n");
            }
            script.Append("containerd config dump >\"$out/containerd-dump\" 2>&1\n");
            script.Append("# tampering\n").Append(tamper.Script);
            script.Append("check tampered new\n");

            using var node = NodeHarness.Boot($"day2-{pair}", Encoding.UTF8.GetBytes("#cloud-config\n{}\n"), rootfs: staging, exec: script.ToString());
            string Out(string name) => Encoding.UTF8.GetString(node.ReadNodeFile($"{Proof}/out/{name}"));
            string Context() => $"\nexec: {node.Read("exec.err")}\nerrors: {(File.Exists(Path.Combine(node.Root, Proof.TrimStart('/'), "out", "errors")) ? Out("errors") : "")}\n{node.Tail("journal", 40)}";

            Assert.True(node.Read("exec.rc").Trim() == "0", "the proof script failed" + Context());
            Assert.False(File.Exists(Path.Combine(node.Root, Proof.TrimStart('/'), "out", "errors")), "a step of a plan failed on the node" + Context());

            // OLD's first reconcile leaves a node that matches OLD.
            Assert.True(Out("old.rc").Trim() == "0", $"osc check OLD after OLD's first reconcile ({Out("old.rc").Trim()}):\n{Out("old.json")}{Out("old.err")}{Context()}");

            // Negative control: the entry held back is exactly what check reports.
            var heldBackDrifts = Drifts(Out("held-back.json"));
            Assert.True(Out("held-back.rc").Trim() == "1" && heldBackDrifts.Count > 0,
                $"the plan without {heldBack} left no drift ({Out("held-back.rc").Trim()}):\n{Out("held-back.json")}{Out("held-back.err")}");
            Assert.All(heldBackDrifts, d => Assert.Equal(heldBackPath, d.Path));

            // The whole plan: no drift, and every unit it restarts runs (every unit it stops does not).
            Assert.True(Out("applied.rc").Trim() == "0", $"osc check NEW after the plan ({Out("applied.rc").Trim()}):\n{Out("applied.json")}{Out("applied.err")}{Context()}");
            var states = Out("states").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
            foreach (var unit in restarted)
            {
                Assert.True(states[unit] == "active", $"{unit} is {states[unit]} after the plan restarted it{Context()}");
            }
            foreach (var unit in stopped)
            {
                Assert.True(states[unit] != "active", $"{unit} is still active after the plan stopped it{Context()}");
            }

            // The restarted containerd runs with NEW's config.toml.
            if (newOsc.Spec.CriConfig?.Containerd?.SandboxImage is { } sandboxImage)
            {
                Assert.Contains($"sandbox_image = \"{sandboxImage}\"", Out("containerd-dump"), StringComparison.Ordinal);
            }

            // Tampering: check names exactly the four changes.
            var tampered = Drifts(Out("tampered.json")).Select(d => (d.Kind, d.Path)).Order().ToList();
            Assert.Equal("1", Out("tampered.rc").Trim());
            Assert.Equal(tamper.Expected.Order().ToList(), tampered);

            output.WriteLine($"day2 {pair}: plan entries {PlanApplier.EntryCount(plan)} ({string.Join(", ", newApply.Select(a => a.Entry).Distinct())}); "
                + $"held back {heldBack}: {heldBackDrifts.Count} drift(s) at {heldBackPath}; tampering: {tampered.Count} drifts; "
                + $"booted in {node.BootSeconds:0.0} s, node {node.TotalSeconds:0} s, pair {clock.Elapsed.TotalSeconds:0} s");
        }
        finally
        {
            ExternalTool.Run("/bin/rm", ["-rf", staging]);
        }
    }

    /// <summary><c>osc plan ... --format json</c> through the CLI, in-process.</summary>
    private static JsonElement Plan(params string[] arguments)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var app = new OscApp(new MemoryStream(), stdout, stderr, new OscRender.QuietEnvironment());
        var code = app.Run(["plan", .. arguments, "--format", "json"]);
        Assert.True(code == 0, $"osc plan {string.Join(' ', arguments)} failed ({code}):\n{stderr}");
        using var document = JsonDocument.Parse(stdout.ToString());
        return document.RootElement.Clone();
    }

    private static List<(string Kind, string Path)> Drifts(string jsonLines) => jsonLines.Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Select(line => JsonDocument.Parse(line).RootElement)
        .Select(d => (d.GetProperty("drift").GetString()!, d.GetProperty("path").GetString()!)).ToList();

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        var copy = ExternalTool.Run("/bin/cp", ["-a", from + "/.", to + "/"]);
        Assert.True(copy.ExitCode == 0, copy.Stderr);
    }
}

/// <summary>
/// What gardener-node-agent does with a change set, in its reconciler's order, as shell steps over
/// a rendered view: write changed files (bytes from the view, mode from the plan's permissions or
/// 0600), write desired registries' hosts.toml, write changed units (0600) and their changed
/// drop-ins, remove deleted drop-ins (the whole .d when a unit has none left), enable or disable,
/// remove deleted units, daemon-reload, run each unit command (and restart containerd when its
/// config changed), remove deleted registries and deleted files. Every action names the plan entry
/// it comes from, so a test can hold one back.
/// </summary>
internal static class PlanApplier
{
    private const string UnitDirectory = "/etc/systemd/system";

    /// <summary>One shell step, the plan entry it applies, and its place in the reconciler's order.</summary>
    public sealed record Action(int Order, string Entry, string Script);

    public static List<Action> Actions(JsonElement plan, string hostView, string nodeView)
    {
        var actions = new List<Action>();
        var units = plan.GetProperty("units");
        var files = plan.GetProperty("files");
        var containerd = plan.GetProperty("containerd");
        var configChanged = containerd.GetProperty("configFileChanged").GetBoolean();

        // A-3: containerd's config.toml, written when it changed.
        if (configChanged && File.Exists(Path.Combine(hostView, "etc/containerd/config.toml")))
        {
            actions.Add(new(0, "containerd.configFileChanged", Install(nodeView, "/etc/containerd/config.toml", "0644")));
        }
        // A-6: files (inline and secretRef), mode = permissions or 0600.
        foreach (var file in Items(files, "changed"))
        {
            var path = file.GetProperty("path").GetString()!;
            var mode = file.TryGetProperty("permissions", out var permissions) ? permissions.GetInt32() : 384;
            actions.Add(new(1, $"files.changed[{path}]", Install(nodeView, path, Convert.ToString(mode, 8))));
        }
        // A-7: every desired registry's hosts.toml.
        var registries = containerd.GetProperty("registries");
        foreach (var registry in Items(registries, "desired"))
        {
            var upstream = registry.GetProperty("upstream").GetString()!;
            actions.Add(new(2, $"containerd.registries.desired[{upstream}]", Install(nodeView, $"/etc/containerd/certs.d/{upstream}/hosts.toml", "0644")));
        }
        // A-9: changed units.
        foreach (var unit in Items(units, "changed"))
        {
            var name = unit.GetProperty("name").GetString()!;
            var entry = $"units.changed[{name}]";
            var step = new StringBuilder();
            if (unit.TryGetProperty("content", out _))
            {
                step.Append(Install(nodeView, $"{UnitDirectory}/{name}", "0600"));
            }
            var dropIns = Items(unit, "dropIns").ToList();
            var changes = unit.GetProperty("dropInsChanges");
            if (dropIns.Count == 0)
            {
                step.Append($"run rm -rf {Quote($"{UnitDirectory}/{name}.d")}\n");
            }
            else
            {
                step.Append($"run mkdir -p -m 0755 {Quote($"{UnitDirectory}/{name}.d")}\n");
                foreach (var dropIn in Items(changes, "changed"))
                {
                    var dropInName = dropIn.GetProperty("name").GetString()!;
                    actions.Add(new(3, $"{entry}.dropInsChanges.changed[{dropInName}]", Install(nodeView, $"{UnitDirectory}/{name}.d/{dropInName}", "0600")));
                }
                foreach (var dropIn in Items(changes, "deleted"))
                {
                    var dropInName = dropIn.GetProperty("name").GetString()!;
                    actions.Add(new(3, $"{entry}.dropInsChanges.deleted[{dropInName}]", $"run rm -f {Quote($"{UnitDirectory}/{name}.d/{dropInName}")}\n"));
                }
            }
            var enable = name == "gardener-node-agent.service" || !(unit.TryGetProperty("enable", out var enabled) && !enabled.GetBoolean());
            step.Append($"run systemctl {(enable ? "enable" : "disable")} {Quote(name)}\n");
            actions.Add(new(3, entry, step.ToString()));
        }
        // A-10: deleted units: a unit node-agent wrote (it had content) is disabled, stopped and removed;
        // one it did not write but that exists there is restarted; the unit's own drop-ins go.
        foreach (var unit in Items(units, "deleted"))
        {
            var name = unit.GetProperty("name").GetString()!;
            var file = Quote($"{UnitDirectory}/{name}");
            var step = new StringBuilder();
            if (unit.TryGetProperty("content", out _))
            {
                step.Append($"if [ -e {file} ]; then run systemctl disable {Quote(name)}; run systemctl stop {Quote(name)}; run rm -f {file}; fi\n");
            }
            else
            {
                step.Append($"if [ -e {file} ]; then run systemctl restart {Quote(name)}; fi\n");
            }
            var directory = Quote($"{UnitDirectory}/{name}.d");
            foreach (var dropIn in Items(unit, "dropIns"))
            {
                step.Append($"run rm -f {Quote($"{UnitDirectory}/{name}.d/{dropIn.GetProperty("name").GetString()}")}\n");
            }
            step.Append($"if [ -d {directory} ]; then rmdir --ignore-fail-on-non-empty {directory}; fi\n");
            actions.Add(new(4, $"units.deleted[{name}]", step.ToString()));
        }
        // A-11: daemon-reload, always.
        actions.Add(new(5, "daemon-reload", "run systemctl daemon-reload\n"));
        // A-12: unit commands, and containerd's restart for its new config when no command names it.
        foreach (var command in Items(units, "commands"))
        {
            var name = command.GetProperty("name").GetString()!;
            var verb = command.GetProperty("command").GetString() switch { "stop" => "stop", "restart" => "restart", var other => throw new InvalidOperationException("unknown command " + other) };
            actions.Add(new(6, $"units.commands[{name}]", $"run systemctl {verb} {Quote(name)}\n"));
        }
        if (configChanged && !Items(units, "commands").Any(c => c.GetProperty("name").GetString() == "containerd.service"))
        {
            actions.Add(new(6, "containerd.configFileChanged", "run systemctl restart containerd.service\n"));
        }
        // A-14, A-15: deleted registries, deleted files.
        foreach (var registry in Items(registries, "deleted"))
        {
            var upstream = registry.GetProperty("upstream").GetString()!;
            actions.Add(new(7, $"containerd.registries.deleted[{upstream}]", $"run rm -rf {Quote($"/etc/containerd/certs.d/{upstream}")}\n"));
        }
        foreach (var file in Items(files, "deleted"))
        {
            var path = file.GetProperty("path").GetString()!;
            actions.Add(new(8, $"files.deleted[{path}]", $"run rm -f {Quote(path)}\n"));
        }
        return actions;
    }

    /// <summary>The steps in the reconciler's order (stable within a step).</summary>
    public static string Script(IEnumerable<Action> actions) => string.Concat(actions.OrderBy(a => a.Order).Select(a => a.Script));

    public static List<string> RestartedUnits(JsonElement plan)
    {
        var units = Items(plan.GetProperty("units"), "commands").Where(c => c.GetProperty("command").GetString() == "restart")
            .Select(c => c.GetProperty("name").GetString()!).ToList();
        if (plan.GetProperty("containerd").GetProperty("configFileChanged").GetBoolean() && !units.Contains("containerd.service"))
        {
            units.Add("containerd.service");
        }
        return units;
    }

    /// <summary>Units the plan stops: stop commands and deleted units node-agent wrote.</summary>
    public static List<string> StoppedUnits(JsonElement plan) =>
        Items(plan.GetProperty("units"), "commands").Where(c => c.GetProperty("command").GetString() == "stop").Select(c => c.GetProperty("name").GetString()!)
            .Concat(Items(plan.GetProperty("units"), "deleted").Where(u => u.TryGetProperty("content", out _)).Select(u => u.GetProperty("name").GetString()!)).ToList();

    /// <summary>Entries of the change set's lists (files, units, commands, drop-in changes, registries).</summary>
    public static int EntryCount(JsonElement plan)
    {
        var units = plan.GetProperty("units");
        var registries = plan.GetProperty("containerd").GetProperty("registries");
        return Items(plan.GetProperty("files"), "changed").Count() + Items(plan.GetProperty("files"), "deleted").Count()
            + Items(units, "changed").Count() + Items(units, "commands").Count() + Items(units, "deleted").Count()
            + Items(registries, "desired").Count() + Items(registries, "deleted").Count()
            + (plan.GetProperty("containerd").GetProperty("configFileChanged").GetBoolean() ? 1 : 0);
    }

    public static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static IEnumerable<JsonElement> Items(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array ? list.EnumerateArray() : [];

    /// <summary>Copy a view's file to its node path through a temporary file (as node-agent writes), parent 0755, then the mode.</summary>
    private static string Install(string nodeView, string path, string mode)
    {
        var target = Quote(path);
        return $"run mkdir -p -m 0755 \"$(dirname {target})\"; run cp {Quote(nodeView + path)} {Quote(path + ".osc-tmp")}; "
            + $"run chmod {mode} {Quote(path + ".osc-tmp")}; run mv -f {Quote(path + ".osc-tmp")} {target}\n";
    }
}

/// <summary>Four changes to a node that matches NEW, chosen from NEW's view, and the drifts check must report for them.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal sealed record Tampering(string Script, List<(string Kind, string Path)> Expected)
{
    public static Tampering Choose(OscRender view, Osc.Model.OperatingSystemConfig osc)
    {
        var files = view.RootfsFiles.Where(p => !p.Contains(".d/", StringComparison.Ordinal)).ToList();
        Assert.True(files.Count >= 2, "the pair's NEW view needs two files to tamper with");
        var (bytes, mode) = (files[0], files[1]);
        var dropIn = view.RootfsFiles.First(p => p.StartsWith("/etc/systemd/system/", StringComparison.Ordinal) && p.Contains(".d/", StringComparison.Ordinal));
        var unit = (osc.Spec.Units ?? []).First(u => u.Enable != false && u.Content is { } content && content.Contains("WantedBy=multi-user.target", StringComparison.Ordinal)).Name;
        var newMode = view.RootfsMode(mode) == 0x184 /* 0604 */ ? "0606" : "0604";
        var script = $"printf 'tampered\\n' >>{PlanApplier.Quote(bytes)}\nchmod {newMode} {PlanApplier.Quote(mode)}\nrm -f {PlanApplier.Quote(dropIn)}\n"
            + $"systemctl disable {PlanApplier.Quote(unit)}\n";
        return new(script, [("content", bytes), ("mode", mode), ("missing", dropIn), ("not-enabled", $"/etc/systemd/system/multi-user.target.wants/{unit}")]);
    }
}
