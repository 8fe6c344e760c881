// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Osc.Model.Validation;

/// <summary>
/// Equality as Gardener decides "changed" (apimachinery's <c>equality.Semantic.DeepEqual</c>): field by
/// field with nothing defaulted, an absent list equal to an empty one, lists in order, an absent value
/// different from a given one (<c>enable: true</c> against no <c>enable</c> is a change), timestamps
/// equal when they name the same instant, free-form JSON equal when its canonical form is (gardener
/// receives YAML through sigs.k8s.io/yaml, which sorts keys and writes numbers by value).
/// </summary>
public static partial class SemanticEquality
{
    public static bool Equal(DropIn? a, DropIn? b) =>
        ReferenceEquals(a, b) || (a is not null && b is not null && a.Name == b.Name && a.Content == b.Content);

    public static bool Equal(Unit? a, Unit? b) =>
        ReferenceEquals(a, b) || (a is not null && b is not null
            && a.Name == b.Name && a.Command == b.Command && a.Enable == b.Enable && a.Content == b.Content
            && ListEqual(a.DropIns, b.DropIns, Equal) && ListEqual(a.FilePaths, b.FilePaths, string.Equals));

    public static bool Equal(NodeFile? a, NodeFile? b) =>
        ReferenceEquals(a, b) || (a is not null && b is not null
            && a.Path == b.Path && a.Permissions == b.Permissions && a.HostName == b.HostName && Equal(a.Content, b.Content));

    public static bool Equal(FileContent? a, FileContent? b) =>
        ReferenceEquals(a, b) || (a is not null && b is not null
            && a.TransmitUnencoded == b.TransmitUnencoded
            && Same(a.Inline, b.Inline, (x, y) => x.Encoding == y.Encoding && x.Data == y.Data)
            && Same(a.SecretRef, b.SecretRef, (x, y) => x.Name == y.Name && x.DataKey == y.DataKey)
            && Same(a.ImageRef, b.ImageRef, (x, y) => x.Image == y.Image && x.FilePathInImage == y.FilePathInImage));

    public static bool Equal(RegistryConfig? a, RegistryConfig? b) =>
        ReferenceEquals(a, b) || (a is not null && b is not null
            && a.Upstream == b.Upstream && a.Server == b.Server && a.ReadinessProbe == b.ReadinessProbe
            && ListEqual(a.Hosts, b.Hosts, (x, y) => x.Url == y.Url && x.OverridePath == y.OverridePath
                && ListEqual(x.Capabilities, y.Capabilities, (p, q) => p == q) && ListEqual(x.CaCerts, y.CaCerts, string.Equals)));

    public static bool Equal(PluginConfig? a, PluginConfig? b) =>
        ReferenceEquals(a, b) || (a is not null && b is not null
            && a.Op == b.Op && ListEqual(a.Path, b.Path, string.Equals) && Equal(a.Values, b.Values));

    public static bool Equal(CriConfig? a, CriConfig? b) =>
        ReferenceEquals(a, b) || (a is not null && b is not null
            && a.Name == b.Name && a.CgroupDriver == b.CgroupDriver && Same(a.Containerd, b.Containerd, (x, y) =>
                x.SandboxImage == y.SandboxImage && ListEqual(x.Registries, y.Registries, Equal) && ListEqual(x.Plugins, y.Plugins, Equal)));

    public static bool Equal(InPlaceUpdates? a, InPlaceUpdates? b) =>
        ReferenceEquals(a, b) || (a is not null && b is not null
            && a.OperatingSystemVersion == b.OperatingSystemVersion && a.Kubelet == b.Kubelet
            && Same(a.CredentialsRotation, b.CredentialsRotation, (x, y) =>
                Same(x.CertificateAuthorities, y.CertificateAuthorities, (p, q) => SameInstant(p.LastInitiationTime, q.LastInitiationTime))
                && Same(x.ServiceAccountKey, y.ServiceAccountKey, (p, q) => SameInstant(p.LastInitiationTime, q.LastInitiationTime))));

    public static bool Equal(InPlaceUpdatesStatus? a, InPlaceUpdatesStatus? b) =>
        ReferenceEquals(a, b) || (a is not null && b is not null
            && Same(a.OsUpdate, b.OsUpdate, (x, y) => x.Command == y.Command && ListEqual(x.Args, y.Args, string.Equals)));

    /// <summary>The spec fields (their JSON names) in which <paramref name="a"/> and <paramref name="b"/> differ.</summary>
    public static IReadOnlyList<string> SpecDifferences(OperatingSystemConfigSpec a, OperatingSystemConfigSpec b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var differences = new List<string>();
        void Check(bool equal, string field)
        {
            if (!equal)
            {
                differences.Add(field);
            }
        }
        Check(a.Type == b.Type, "type");
        Check(Equal(a.ProviderConfig, b.ProviderConfig), "providerConfig");
        Check(a.Class == b.Class, "class");
        Check(Equal(a.CriConfig, b.CriConfig), "criConfig");
        Check(a.Purpose == b.Purpose, "purpose");
        Check(ListEqual(a.Units, b.Units, Equal), "units");
        Check(ListEqual(a.Files, b.Files, Equal), "files");
        Check(Equal(a.InPlaceUpdates, b.InPlaceUpdates), "inPlaceUpdates");
        return differences;
    }

    /// <summary>Lists in order; an absent list equals an empty one, as for Gardener.</summary>
    public static bool ListEqual<T>(IReadOnlyList<T>? a, IReadOnlyList<T>? b, Func<T, T, bool> equal)
    {
        ArgumentNullException.ThrowIfNull(equal);
        var x = a ?? [];
        var y = b ?? [];
        if (x.Count != y.Count)
        {
            return false;
        }
        for (var i = 0; i < x.Count; i++)
        {
            if (!equal(x[i], y[i]))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// Free-form JSON (plugin values, providerConfig) by its canonical form: objects as key sets, arrays
    /// in order, numbers by value, strings exactly.
    /// </summary>
    public static bool Equal(JsonNode? a, JsonNode? b)
    {
        switch (a, b)
        {
            case (null, null):
                return true;
            case (JsonObject x, JsonObject y):
                return x.Count == y.Count && x.All(entry => y.TryGetPropertyValue(entry.Key, out var other) && Equal(entry.Value, other));
            case (JsonArray x, JsonArray y):
                return x.Count == y.Count && x.Select((item, i) => Equal(item, y[i])).All(equal => equal);
            case (JsonValue x, JsonValue y):
                var kind = x.GetValueKind();
                if (kind != y.GetValueKind())
                {
                    return false;
                }
                return kind switch
                {
                    JsonValueKind.String => x.GetValue<string>() == y.GetValue<string>(),
                    JsonValueKind.Number => SameNumber(x, y),
                    _ => true, // true, false and null carry no more than their kind
                };
            default:
                return false;
        }
    }

    /// <summary>Numbers by value, whatever type holds them (1 and 1.0 are one number, as Go writes both "1").</summary>
    private static bool SameNumber(JsonValue x, JsonValue y)
    {
        string a = x.ToJsonString(), b = y.ToJsonString();
        if (decimal.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out var dx) && decimal.TryParse(b, NumberStyles.Float, CultureInfo.InvariantCulture, out var dy))
        {
            return dx == dy;
        }
        return double.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out var fx) && double.TryParse(b, NumberStyles.Float, CultureInfo.InvariantCulture, out var fy) && fx.Equals(fy);
    }

    /// <summary>
    /// Two RFC 3339 timestamps (metav1.Time) that name the same instant; both absent are equal. Text that
    /// is no timestamp compares as text.
    /// </summary>
    public static bool SameInstant(string? a, string? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }
        return TryParseTime(a, out var x) && TryParseTime(b, out var y) ? x == y : a == b;
    }

    /// <summary>Go's time.Parse(time.RFC3339, …), which metav1.Time uses: fractional seconds allowed, a zone required.</summary>
    public static bool TryParseTime(string text, out DateTimeOffset instant)
    {
        instant = default;
        return text is not null && Rfc3339().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out instant);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Rfc3339();

    private static bool Same<T>(T? a, T? b, Func<T, T, bool> equal)
        where T : class => ReferenceEquals(a, b) || (a is not null && b is not null && equal(a, b));
}
