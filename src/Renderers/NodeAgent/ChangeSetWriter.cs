// SPDX-License-Identifier: Apache-2.0
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Osc.Model;

namespace Osc.Renderers.NodeAgent;

/// <summary>
/// A change set in gardener-node-agent's field names (osc_changes.go's JSON tags): as YAML the way
/// node-agent persists it (sigs.k8s.io/yaml: keys sorted at every level, two-space indentation, list items
/// at their key's indentation, <c>{}</c> for an empty object, empty lists left out), or as one line of JSON in
/// Go's field order. Units, files and registries carry the API's own fields. Unlike node-agent, every string
/// is written double-quoted (YAML and JSON escapes), so no value can change the document's structure.
/// </summary>
internal static class ChangeSetWriter
{
    public static string Yaml(NodeAgentChangeSet changes)
    {
        System.ArgumentNullException.ThrowIfNull(changes);
        var yaml = new StringBuilder();
        WriteYamlFields(yaml, Tree(changes), 0);
        return yaml.ToString();
    }

    public static string Json(NodeAgentChangeSet changes)
    {
        System.ArgumentNullException.ThrowIfNull(changes);
        var json = new StringBuilder();
        WriteJson(json, Tree(changes));
        return json.ToString();
    }

    private abstract record Node;

    private sealed record ObjectNode(IReadOnlyList<(string Key, Node Value)> Fields) : Node;

    private sealed record ArrayNode(IReadOnlyList<Node> Items) : Node;

    private sealed record ScalarNode(string Json, bool IsString) : Node;

    private static ScalarNode Str(string value) => new(value, true);

    private static ScalarNode Bool(bool value) => new(value ? "true" : "false", false);

    /// <summary>The persisted struct, in Go's field order; omitempty fields left out when empty or absent.</summary>
    private static ObjectNode Tree(NodeAgentChangeSet c)
    {
        var units = Fields(
            ("changed", List(c.Units.Changed.Select(u => Unit(u.Unit.Unit, Fields(
                ("changed", List(u.ChangedDropIns.Select(d => DropIn(d.DropIn)))),
                ("deleted", List(u.DeletedDropIns.Select(d => DropIn(d.DropIn))))))))),
            ("commands", List(c.Units.Commands.Select(x => Obj(("name", Str(x.Name)), ("command", Str(x.Command.ToWire())))))),
            ("deleted", List(c.Units.Deleted.Select(u => Unit(u.Unit, null)))));
        var files = Fields(
            ("changed", List(c.Files.Changed.Select(f => File(f.File)))),
            ("deleted", List(c.Files.Deleted.Select(f => File(f.File)))));
        var registries = Fields(
            ("upstreamsToProbe", List(c.Containerd.Registries.UpstreamsToProbe.Select(Str))),
            ("desired", List(c.Containerd.Registries.Desired.Select(r => Registry(r.Registry)))),
            ("deleted", List(c.Containerd.Registries.Deleted.Select(r => Registry(r.Registry)))));
        var inPlace = c.InPlaceUpdates;
        return Obj(
            ("operatingSystemConfigChecksum", Str(c.OperatingSystemConfigChecksum)),
            ("units", units),
            ("files", files),
            ("containerd", Obj(("configFileChanged", Bool(c.Containerd.ConfigFileChanged)), ("registries", registries))),
            ("mustRestartNodeAgent", Bool(c.MustRestartNodeAgent)),
            ("inPlaceUpdates", Obj(
                ("operatingSystem", Bool(inPlace.OperatingSystem)),
                ("kubelet", Obj(("minorVersion", Bool(inPlace.KubeletMinorVersion)), ("config", Bool(inPlace.KubeletConfig)), ("cpuManagerPolicy", Bool(inPlace.KubeletCpuManagerPolicy)))),
                ("certificateAuthoritiesRotation", Obj(("kubelet", Bool(inPlace.CertificateAuthoritiesRotation)), ("nodeAgent", Bool(inPlace.CertificateAuthoritiesRotation)))),
                ("serviceAccountKeyRotation", Bool(inPlace.ServiceAccountKeyRotation)))));
    }

    /// <summary>extensionsv1alpha1.Unit (and, for units.changed, its dropInsChanges inlined beside it).</summary>
    private static ObjectNode Unit(Unit unit, ObjectNode? dropInsChanges) => Fields(
        ("name", Str(unit.Name)),
        ("command", unit.Command is { } command ? Str(command.ToWire()) : null),
        ("enable", unit.Enable is { } enable ? Bool(enable) : null),
        ("content", unit.Content is { } content ? Str(content) : null),
        ("dropIns", List((unit.DropIns ?? []).Select(DropIn))),
        ("filePaths", List((unit.FilePaths ?? []).Select(Str))),
        ("dropInsChanges", dropInsChanges));

    private static ObjectNode DropIn(DropIn dropIn) => Obj(("name", Str(dropIn.Name)), ("content", Str(dropIn.Content)));

    private static ObjectNode File(NodeFile file)
    {
        var content = file.Content;
        return Fields(
            ("path", Str(file.Path)),
            ("permissions", file.Permissions is { } mode ? new ScalarNode(mode.ToString(CultureInfo.InvariantCulture), false) : null),
            ("content", Fields(
                ("secretRef", content.SecretRef is { } s ? Obj(("name", Str(s.Name)), ("dataKey", Str(s.DataKey))) : null),
                ("inline", content.Inline is { } i ? Obj(("encoding", Str(i.Encoding.ToWire())), ("data", Str(i.Data))) : null),
                ("transmitUnencoded", content.TransmitUnencoded is { } t ? Bool(t) : null),
                ("imageRef", content.ImageRef is { } r ? Obj(("image", Str(r.Image)), ("filePathInImage", Str(r.FilePathInImage))) : null))),
            ("hostName", file.HostName is { } host ? Str(host) : null));
    }

    private static ObjectNode Registry(RegistryConfig registry) => Fields(
        ("upstream", Str(registry.Upstream)),
        ("server", registry.Server is { } server ? Str(server) : null),
        ("hosts", List((registry.Hosts ?? []).Select(h => Fields(
            ("url", Str(h.Url)),
            ("capabilities", List((h.Capabilities ?? []).Select(c => Str(c.ToWire())))),
            ("caCerts", List((h.CaCerts ?? []).Select(Str))),
            ("overridePath", h.OverridePath is { } o ? Bool(o) : null))))),
        ("readinessProbe", registry.ReadinessProbe is { } probe ? Bool(probe) : null));

    private static ObjectNode Obj(params (string Key, Node Value)[] fields) => new(fields);

    /// <summary>An object without its absent (null) fields.</summary>
    private static ObjectNode Fields(params (string Key, Node? Value)[] fields) =>
        new(fields.Where(f => f.Value is not null).Select(f => (f.Key, f.Value!)).ToList());

    /// <summary>A list, or null (omitted) when empty: every list of the change set is omitempty.</summary>
    private static ArrayNode? List(IEnumerable<Node> items)
    {
        var list = items.ToList();
        return list.Count == 0 ? null : new ArrayNode(list);
    }

    private static void WriteJson(StringBuilder json, Node node)
    {
        switch (node)
        {
            case ObjectNode obj:
                json.Append('{');
                for (var i = 0; i < obj.Fields.Count; i++)
                {
                    json.Append(i == 0 ? "" : ",").Append(GoJson.String(obj.Fields[i].Key)).Append(':');
                    WriteJson(json, obj.Fields[i].Value);
                }
                json.Append('}');
                break;
            case ArrayNode array:
                json.Append('[');
                for (var i = 0; i < array.Items.Count; i++)
                {
                    json.Append(i == 0 ? "" : ",");
                    WriteJson(json, array.Items[i]);
                }
                json.Append(']');
                break;
            case ScalarNode scalar:
                json.Append(scalar.IsString ? GoJson.String(scalar.Json) : scalar.Json);
                break;
        }
    }

    /// <summary>The fields of a mapping at <paramref name="indent"/>, keys sorted as Go sorts map keys (by bytes).</summary>
    private static void WriteYamlFields(StringBuilder yaml, ObjectNode obj, int indent)
    {
        foreach (var (key, value) in obj.Fields.OrderBy(f => f.Key, System.StringComparer.Ordinal))
        {
            yaml.Append(' ', indent).Append(key).Append(':');
            WriteYamlValue(yaml, value, indent);
        }
    }

    /// <summary>A value after "key:" or "- ": scalars and {} on the same line, mappings below, sequences at the key's indentation.</summary>
    private static void WriteYamlValue(StringBuilder yaml, Node value, int indent)
    {
        switch (value)
        {
            case ScalarNode scalar:
                yaml.Append(' ').Append(scalar.IsString ? YamlString(scalar.Json) : scalar.Json).Append('\n');
                break;
            case ObjectNode { Fields.Count: 0 }:
                yaml.Append(" {}\n");
                break;
            case ObjectNode obj:
                yaml.Append('\n');
                WriteYamlFields(yaml, obj, indent + 2);
                break;
            case ArrayNode array:
                yaml.Append('\n');
                foreach (var item in array.Items)
                {
                    WriteYamlItem(yaml, item, indent);
                }
                break;
        }
    }

    private static void WriteYamlItem(StringBuilder yaml, Node item, int indent)
    {
        yaml.Append(' ', indent).Append('-');
        if (item is ObjectNode { Fields.Count: > 0 } obj)
        {
            // The first field on the dash's line, the others below it, two columns in.
            var fields = obj.Fields.OrderBy(f => f.Key, System.StringComparer.Ordinal).ToList();
            yaml.Append(' ').Append(fields[0].Key).Append(':');
            WriteYamlValue(yaml, fields[0].Value, indent + 2);
            WriteYamlFields(yaml, new ObjectNode(fields.Skip(1).ToList()), indent + 2);
            return;
        }
        WriteYamlValue(yaml, item, indent);
    }

    /// <summary>
    /// A double-quoted YAML scalar: Go's JSON escapes, plus the characters YAML 1.1 readers (go-yaml v2, PyYAML)
    /// take for line breaks or refuse (U+0085, the other C1 controls, U+FEFF, U+FFFE, U+FFFF) as \u escapes.
    /// </summary>
    private static string YamlString(string value)
    {
        var json = GoJson.String(value);
        if (!json.Any(c => c is >= '\u0080' and <= '\u009F' or '\uFEFF' or '\uFFFE' or '\uFFFF' or '\u007F'))
        {
            return json;
        }
        var builder = new StringBuilder(json.Length + 16);
        foreach (var c in json)
        {
            if (c is >= '\u0080' and <= '\u009F' or '\uFEFF' or '\uFFFE' or '\uFFFF' or '\u007F')
            {
                builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }
}
