// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Osc.Model;
using Osc.Model.Binding;
using Osc.Model.Diagnostics;
using Osc.Model.Kubernetes;
using Osc.Model.Loading;
using Osc.Model.Syntax;
using Osc.Renderers.OperatingSystems.Bash;
using Osc.Renderers.OperatingSystems.MemoryOne;
using Osc.Shared;

namespace Osc.Renderers.OperatingSystems.SuseChost;

/// <summary>
/// gardener-extension-os-suse-chost's provision user-data: a bash script (memoryone-chost wraps it in its own
/// MIME format with the vSMP settings).
/// </summary>
internal static class SuseChostRenderer
{
    /// <summary>The user-data; <paramref name="rootfs"/> receives what the script writes on the node (the provision rootfs view).</summary>
    public static string RenderProvision(LoadedDocument<OperatingSystemConfig> document, IReadOnlyList<Secret> secrets, Report report, List<ScriptDeviation> deviations,
        ICollection<RenderedArtifact>? rootfs = null)
    {
        var wrapped = Script(document, secrets, report, deviations, rootfs);
        if (OsTypes.Find(document.Value.Spec.Type)?.MemoryOne != true)
        {
            return wrapped;
        }
        var settings = VsmpSettings(ProviderConfig(document), deviations);
        // Key order (upstream's is Go's random map order).
        var lines = settings.Select(s => s.Key + "=" + s.Value).ToList();
        return MemoryOneEnvelope.Write(MemoryOneEnvelope.Layout.Chost, lines, wrapped, deviations);
    }

    /// <summary>The run-once provision script, before memoryone's envelope (the user-data of suse-chost).</summary>
    internal static string Script(LoadedDocument<OperatingSystemConfig> document, IReadOnlyList<Secret> secrets, Report report, List<ScriptDeviation> deviations,
        ICollection<RenderedArtifact>? rootfs = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        var osc = document.Value;
        var files = ProvisionFiles.Resolve(osc, secrets, report, document.Positions);
        var units = (osc.Spec.Units ?? []).Select((u, i) => (u, $"$.spec.units[{i}]")).ToList();
        var script = new StringBuilder("#!/bin/bash\n")
            .Append(Pieces.ContainerdSetup).Append(ExecDropIn.Heredoc())
            .Append(ProvisionScript.FilesToDisk(files, deviations))
            .Append('\n')
            .Append(ProvisionScript.UnitsToDisk(units, deviations))
            .Append(Pieces.SystemSetup).Append(PersistentJournalWhereAbsent()).Append('\n');
        foreach (var (unit, _) in units)
        {
            script.Append(ScriptPieces.EnableAndRestart(unit.Name));
        }
        // The journald file is written only when absent: a declared file of that path stays, so the view adds it before the files.
        new ProvisionRootfs()
            .Os(ExecDropIn)
            .Os(PersistentJournal)
            .Files(files)
            .Units(units)
            .CompleteInto(rootfs);
        return ProvisionScript.WrapOneshot(script.ToString());
    }

    /// <summary>containerd's ExecStart drop-in, with the config path from the script's variable.</summary>
    private static readonly FixedFile ExecDropIn = ScriptPieces.ContainerdExecDropIn("/usr/sbin/containerd", "${CONTAINERD_CONFIG_PATH}") with
    {
        Expands = [("${CONTAINERD_CONFIG_PATH}", "/etc/containerd/config.toml")],
    };

    /// <summary>journald's persistent storage setting, which the script writes only where no file is.</summary>
    internal static readonly FixedFile PersistentJournal = new("/etc/systemd/journald.conf.d/10-use-persistent-log-storage.conf", "[Journal]\nStorage=persistent\n");

    private static string PersistentJournalWhereAbsent() =>
        $"if [[ ! -f {PersistentJournal.Path} ]]; then\n  mkdir -p {PersistentJournal.Directory}\n  cat <<EOF > {PersistentJournal.Path}\n{PersistentJournal.Text}EOF\n"
        + "  systemctl restart systemd-journald\nfi\n";

    /// <summary>
    /// Upstream's rules: the map's values cut at ';', defaults mem_topology=2 and system_memory=6x,
    /// the legacy fields override without the cut, keys cut at ';'. A line break would start a new
    /// vsmp line or MIME part, so keys and values are cut there too (a deviation, reported). Keys are
    /// taken in ordinal order, so when two of them cut to the same key the later one wins.
    /// </summary>
    internal static SortedDictionary<string, string> VsmpSettings(MemoryOneChostConfiguration? config, List<ScriptDeviation> deviations)
    {
        const string Config = "$.spec.providerConfig";
        var values = new SortedDictionary<string, (string Value, string Source)>(StringComparer.Ordinal);
        foreach (var (key, value) in config?.VsmpConfiguration ?? new Dictionary<string, string>())
        {
            values[key] = (CutAt(value, ';'), OscPath.Property(Config + ".vsmpConfiguration", key));
        }
        values.TryAdd("mem_topology", ("2", Config));
        values.TryAdd("system_memory", ("6x", Config));
        if (config?.SystemMemory is { } systemMemory)
        {
            values["system_memory"] = (systemMemory, Config + ".systemMemory");
        }
        if (config?.MemoryTopology is { } memoryTopology)
        {
            values["mem_topology"] = (memoryTopology, Config + ".memoryTopology");
        }
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, (value, source)) in values)
        {
            var safeKey = MemoryOneEnvelope.LineSafe(CutAt(key, ';'), source, "the vsmp key", deviations);
            result[safeKey] = MemoryOneEnvelope.LineSafe(value, source, $"vsmp setting '{safeKey}'", deviations);
        }
        return result;
    }

    private static string CutAt(string value, char separator)
    {
        var index = value.IndexOf(separator, StringComparison.Ordinal);
        return index < 0 ? value : value[..index];
    }

    private static MemoryOneChostConfiguration? ProviderConfig(LoadedDocument<OperatingSystemConfig> document)
    {
        var node = ProviderConfigNode.Of(document);
        if (BindContext.IsNull(node))
        {
            return null;
        }
        return MemoryOneChostConfigurationBinder.BindMemoryOneChostConfiguration(node, new BindContext(new Report(), new SourceMap(document.Positions.File)), "$.spec.providerConfig");
    }

    internal static class Pieces
    {
        public const string ContainerdSetup = """
            CONTAINERD_CONFIG_PATH=/etc/containerd/config.toml
            if [[ ! -s "${CONTAINERD_CONFIG_PATH}" || $(cat ${CONTAINERD_CONFIG_PATH}) == "# See containerd-config.toml(5) for documentation." ]]; then
              mkdir -p /etc/containerd
              containerd config default > "${CONTAINERD_CONFIG_PATH}"
              chmod 0644 "${CONTAINERD_CONFIG_PATH}"
            fi

            # refer to https://github.com/gardener/gardener-extension-os-suse-chost/tree/master/docs/systemd-units.md
            if systemctl show containerd -p Conflicts | grep -q docker; then
              cp /usr/lib/systemd/system/containerd.service /etc/systemd/system/containerd.service
              sed -re 's/Conflicts=(.*)(docker.service|docker)(.*)/Conflicts=\1 \3/g' -i /etc/systemd/system/containerd.service
            fi


            """;

        public const string SystemSetup = """


            until zypper -q install -y wget socat jq nfs-client; [ $? -ne 7 ]; do sleep 1; done
            ln -s /bin/ip /usr/bin/ip
            if [ ! -s /etc/hostname ]; then hostname > /etc/hostname; fi
            systemctl daemon-reload
            ln -s /usr/sbin/containerd-ctr /usr/sbin/ctr
            systemctl enable containerd && systemctl restart containerd

            systemctl disable docker && systemctl stop docker || echo "No docker service to disable or stop"

            # Set journald storage to persistent such that logs are written to /var/log instead of /run/log

            """;
    }
}
