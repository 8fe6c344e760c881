// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.Linq;
using Osc.Model;
using Osc.Model.Binding;
using Osc.Model.Syntax;

namespace Osc.Shared;

/// <summary>The OS extension that serves an OS type: one folder under src/Renderers/OperatingSystems each.</summary>
internal enum OsFamilyName
{
    Ubuntu,
    GardenLinux,
    SuseChost,
    Coreos,
}

/// <summary>How an OS extension turns a provision OSC into user-data.</summary>
internal enum ProvisionFormat
{
    /// <summary>gardener's bash helpers (files and units to disk, run once).</summary>
    BashScript,

    /// <summary>An Ignition config.</summary>
    Ignition,
}

/// <summary>
/// One <c>spec.type</c> an OS extension serves, with what validation and rendering must know of it.
/// <paramref name="ProviderConfig"/> binds spec.providerConfig as the extension decodes it (null: it reads none);
/// <paramref name="MemoryOne"/>: the user-data goes into memoryone's MIME envelope with the vSMP settings;
/// <paramref name="IsPrefix"/>: every type starting with <paramref name="Name"/> (flatcar, flatcar-lts, …).
/// </summary>
internal sealed record OsType(
    string Name,
    OsFamilyName Family,
    ProvisionFormat Provision,
    Func<YamlNode, BindContext, string, object>? ProviderConfig = null,
    bool MemoryOne = false,
    bool IsPrefix = false)
{
    public bool Matches(string type) => IsPrefix ? type.StartsWith(Name, StringComparison.Ordinal) : type == Name;
}

/// <summary>
/// The OS type table: every <c>spec.type</c> Osc knows, once. The validator (provision and providerConfig rules)
/// and the renderers (each OS family's <c>Handles</c>) read it; this file is compiled into both assemblies.
/// </summary>
internal static class OsTypes
{
    public static IReadOnlyList<OsType> All { get; } =
    [
        new("ubuntu", OsFamilyName.Ubuntu, ProvisionFormat.BashScript),
        new("ubuntu-pro", OsFamilyName.Ubuntu, ProvisionFormat.BashScript),
        new("gardenlinux", OsFamilyName.GardenLinux, ProvisionFormat.BashScript),
        new("gardenlinux-fips", OsFamilyName.GardenLinux, ProvisionFormat.BashScript),
        new("memoryone-gardenlinux", OsFamilyName.GardenLinux, ProvisionFormat.BashScript,
            MemoryOneGardenLinuxConfigurationBinder.BindMemoryOneGardenLinuxConfiguration, MemoryOne: true),
        new("suse-chost", OsFamilyName.SuseChost, ProvisionFormat.BashScript),
        new("memoryone-chost", OsFamilyName.SuseChost, ProvisionFormat.BashScript, MemoryOneChostConfigurationBinder.BindMemoryOneChostConfiguration, MemoryOne: true),
        new("coreos", OsFamilyName.Coreos, ProvisionFormat.Ignition, CoreosExtensionConfigBinder.BindCoreosExtensionConfig),
        new("flatcar", OsFamilyName.Coreos, ProvisionFormat.Ignition, CoreosExtensionConfigBinder.BindCoreosExtensionConfig, IsPrefix: true),
    ];

    /// <summary>The row of <paramref name="type"/>, or null for a type no known OS extension serves.</summary>
    public static OsType? Find(string? type) => type is null ? null : All.FirstOrDefault(t => t.Matches(type));

    public static bool IsOf(string? type, OsFamilyName family) => Find(type)?.Family == family;
}
