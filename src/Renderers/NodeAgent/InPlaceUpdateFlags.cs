// SPDX-License-Identifier: Apache-2.0
using System.Collections.Generic;
using System.Linq;
using Osc.Model;
using Osc.Model.Diagnostics;
using Osc.Model.Validation;

namespace Osc.Renderers.NodeAgent;

/// <summary>
/// gardener-node-agent's in-place update flags (changes.go computeOperatingSystemConfigChanges, only when
/// both OSCs have spec.inPlaceUpdates), evaluated in upstream's order, each error ending the computation
/// as it ends node-agent's reconcile: the OS version (IsOsVersionUpToDate), the kubelet minor version
/// (CheckIfMinorVersionUpdate), the kubelet configuration (getKubeletConfig, ComputeKubeletConfigChange),
/// the credentials rotations (ComputeCredentialsRotationChanges).
/// </summary>
internal static class InPlaceUpdateFlags
{
    private static readonly string[] RelevantEvictionHard = ["memory.available", "imagefs.available", "imagefs.inodesFree", "nodefs.available", "nodefs.inodesFree"];
    private static readonly string[] RelevantKubeReserved = ["cpu", "memory", "ephemeral-storage", "pid"];

    /// <summary>
    /// Whether the node's OS is the desired one (IsOsVersionUpToDate); null when it cannot be said (reported).
    /// node-agent asks this whenever the new OSC has spec.inPlaceUpdates (also on the first reconcile, after computing).
    /// </summary>
    public static bool? OsUpToDate(AgentOsc updated, string currentOsVersion, Report report)
    {
        var desired = updated.InPlaceUpdates!.OperatingSystemVersion;
        var upToDate = GoVersion.IsUpToDate(currentOsVersion, desired, out var problem);
        if (problem is { } p)
        {
            if (p.InDesired)
            {
                updated.Report(DiagnosticCatalog.OsVersionNotComparable, "$.spec.inPlaceUpdates.operatingSystemVersion",
                    $"spec.inPlaceUpdates.operatingSystemVersion \"{desired}\" is no version: {p.Message}; gardener-node-agent fails comparing the node's OS version with it",
                    "write the OS image version, e.g. 1592.6");
            }
            else
            {
                // About the flag, not the input: no place to point at.
                report.Add(DiagnosticCatalog.OsVersionNotComparable,
                    $"--current-os-version \"{currentOsVersion}\" is no version: {p.Message}; gardener-node-agent fails comparing it with spec.inPlaceUpdates.operatingSystemVersion",
                    null, null, "pass the version gardener-node-agent reads from PRETTY_NAME in /etc/os-release, e.g. --current-os-version 1592.6");
            }
        }
        return upToDate;
    }

    /// <summary>The flags for <paramref name="updated"/> replacing <paramref name="previous"/> (both with spec.inPlaceUpdates); null when node-agent fails (reported).</summary>
    public static InPlaceUpdateChanges? Compute(AgentOsc updated, AgentOsc previous, bool osUpToDate, Report report, List<string> notes)
    {
        var newInPlace = updated.InPlaceUpdates!;
        var oldInPlace = previous.InPlaceUpdates!;
        var flags = new InPlaceUpdateChanges { OperatingSystem = !osUpToDate };
        if (!osUpToDate)
        {
            notes.Add($"in-place: the OS is updated to {newInPlace.OperatingSystemVersion} (status.inPlaceUpdates.osUpdate runs)");
        }

        if (oldInPlace.Kubelet != newInPlace.Kubelet)
        {
            var minor = GoVersion.MinorVersionChanges(oldInPlace.Kubelet, newInPlace.Kubelet, out var problem);
            if (problem is { } p)
            {
                (p.InOld ? previous : updated).Report(DiagnosticCatalog.KubeletVersionInvalid, "$.spec.inPlaceUpdates.kubelet",
                    $"inPlaceUpdates.kubelet \"{p.Version}\" {(p.InOld ? "of the last-applied OSC " : "")}is no version (one to three dot-separated numbers after removing every 'v' and cutting at '-', '+' or '~'); "
                    + "gardener-node-agent fails checking for a kubelet minor version update",
                    "write the kubelet version, e.g. 1.31.3");
                return null;
            }
            flags = flags with { KubeletMinorVersion = minor!.Value };
            if (minor.Value)
            {
                notes.Add($"in-place: kubelet minor version {oldInPlace.Kubelet} -> {newInPlace.Kubelet}");
            }
        }

        if (Read(previous, " of the last-applied OSC", report) is not { } oldConfig || Read(updated, "", report) is not { } newConfig)
        {
            return null;
        }
        var cpuManagerPolicy = oldConfig.CpuManagerPolicy != newConfig.CpuManagerPolicy;
        bool config;
        if (!SameEntries(oldConfig.EvictionHard, newConfig.EvictionHard, RelevantEvictionHard))
        {
            config = true;
        }
        else
        {
            // Only when evictionHard did not decide: every kubeReserved value of both must be a quantity.
            foreach (var (osc, fields, which) in new[] { (previous, oldConfig, " of the last-applied OSC"), (updated, newConfig, "") })
            {
                var invalid = fields.KubeReserved.OrderBy(e => e.Key, System.StringComparer.Ordinal).FirstOrDefault(e => !KubernetesQuantity.IsValid(e.Value));
                if (invalid.Key is not null)
                {
                    osc.Report(DiagnosticCatalog.KubeReservedQuantityInvalid, KubeletFileDataPath(osc),
                        $"kubeReserved.{invalid.Key} \"{invalid.Value}\" in {KubeletConfigReader.Path}{which} is not a quantity; "
                        + "gardener-node-agent fails the reconcile (failed to parse quantity)",
                        "write a Kubernetes quantity such as 100m, 1Gi or 20k");
                    return null;
                }
            }
            config = !SameEntries(oldConfig.KubeReserved, newConfig.KubeReserved, RelevantKubeReserved);
        }
        flags = flags with { KubeletConfig = config, KubeletCpuManagerPolicy = cpuManagerPolicy };
        if (config)
        {
            notes.Add("in-place: kubelet configuration changes in evictionHard or kubeReserved (kubelet restarts, then node-agent waits for its health)");
        }
        if (cpuManagerPolicy)
        {
            notes.Add($"in-place: CPU manager policy \"{oldConfig.CpuManagerPolicy}\" -> \"{newConfig.CpuManagerPolicy}\" (/var/lib/kubelet/cpu_manager_state is removed)");
        }

        var (ca, sa) = CredentialsRotation(oldInPlace, newInPlace);
        if (ca)
        {
            notes.Add("in-place: certificate authorities rotation (kubelet re-bootstraps, node-agent renews its kubeconfig and restarts)");
        }
        if (sa)
        {
            notes.Add("in-place: service account key rotation (node-agent resyncs its tokens)");
        }
        return flags with { CertificateAuthoritiesRotation = ca, ServiceAccountKeyRotation = sa };
    }

    /// <summary>ComputeCredentialsRotationChanges.</summary>
    public static (bool CertificateAuthorities, bool ServiceAccountKey) CredentialsRotation(InPlaceUpdates previous, InPlaceUpdates updated)
    {
        if (updated.CredentialsRotation is not { } newRotation)
        {
            return (false, false);
        }
        if (previous.CredentialsRotation is not { } oldRotation)
        {
            // The first rotation.
            return (newRotation.CertificateAuthorities?.LastInitiationTime is not null, newRotation.ServiceAccountKey?.LastInitiationTime is not null);
        }
        // Both must have the entry; then differing times (one of them absent counts) mean a rotation.
        var ca = oldRotation.CertificateAuthorities is { } oldCa && newRotation.CertificateAuthorities is { } newCa
            && !SemanticEquality.SameInstant(oldCa.LastInitiationTime, newCa.LastInitiationTime);
        var sa = oldRotation.ServiceAccountKey is { } oldSa && newRotation.ServiceAccountKey is { } newSa
            && !SemanticEquality.SameInstant(oldSa.LastInitiationTime, newSa.LastInitiationTime);
        return (ca, sa);
    }

    private static KubeletConfigFields? Read(AgentOsc osc, string which, Report report)
    {
        var fields = KubeletConfigReader.Read(ViewOf(osc), out var problem, out var at);
        if (fields is null)
        {
            osc.Report(DiagnosticCatalog.KubeletConfigUnreadable, at, $"{KubeletConfigReader.Path}{which}: {problem}; gardener-node-agent fails the reconcile",
                $"put the kubelet configuration (kubelet.config.k8s.io/v1beta1 KubeletConfiguration) into spec.files at {KubeletConfigReader.Path} with inline content");
        }
        return fields;
    }

    /// <summary>The OSC with spec.files as node-agent has them (secretRefs inlined by gardenlet).</summary>
    private static OperatingSystemConfig ViewOf(AgentOsc osc) => osc.Osc with { Spec = osc.Osc.Spec with { Files = osc.SpecFiles.Select(f => f.File).ToList() } };

    private static string KubeletFileDataPath(AgentOsc osc)
    {
        var index = osc.SpecFiles.ToList().FindIndex(f => f.File.Path == KubeletConfigReader.Path);
        return index < 0 ? "$.spec.files" : $"$.spec.files[{index}].content";
    }

    /// <summary>maps.Equal of the entries with the relevant keys (a key on one side only is a difference).</summary>
    private static bool SameEntries(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b, string[] keys) =>
        keys.All(k => a.TryGetValue(k, out var x) ? b.TryGetValue(k, out var y) && x == y : !b.ContainsKey(k));
}
