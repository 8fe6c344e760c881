// SPDX-License-Identifier: Apache-2.0
using System.Globalization;
using System.Text;
using CsCheck;

namespace Osc.Cli.Tests.Fuzz;

/// <summary>
/// CsCheck generators of input as an attacker writes it: documents shaped like OperatingSystemConfigs,
/// Secrets and extension configs (so they get past the first checks and reach validation and the
/// renderers), filled with hostile values, written as YAML (every scalar style, anchors, aliases,
/// merge keys, tags, odd line breaks) or JSON (escapes, lone surrogates); and raw byte mutations of
/// the examples.
/// </summary>
internal static class HostileInputs
{
    /// <summary>A generated document tree: a mapping (ordered, keys may repeat), a sequence or a scalar.</summary>
    internal abstract record Node;

    internal sealed record Scalar(string Value) : Node;

    internal sealed record Sequence(IReadOnlyList<Node> Items) : Node;

    internal sealed record Mapping(IReadOnlyList<(string Key, Node Value)> Entries) : Node;

    private static readonly string[] Types =
        ["ubuntu", "ubuntu-pro", "gardenlinux", "gardenlinux-fips", "memoryone-gardenlinux", "suse-chost", "memoryone-chost", "coreos", "flatcar", "custom-os", ""];

    private static readonly string[] PathSegments =
        ["etc", "var", "lib", "osc", "a", "b", "..", ".", "", "containerd", "config.toml", "certs.d", "docker.io", "hosts.toml", "systemd", "system",
         "kubelet.service", "kubelet.service.d", "containerd.service.d", "30-env_config.conf", "11-exec_config.conf", "provision-osc-applied",
         "opt", "gardener", "bin", "usr", "x\u0000y", "\u2028", "\u0085", "é日", "a b", "'q'", "$(id)", "--==BOUNDARY==", new string('n', 256), "EOF"];

    private static readonly string[] Nasty =
        ["", " ", "~", "null", "yes", "no", "on", "0644", "0x1F", "1e400", "-1", "4294967296", "9223372036854775808", ".inf", "true", "<<",
         "\u001b[2J\u001b[32mall good", "\u202eevil", "\u2066x\u2069", "\u0085", "\u2028", "\u2029", "\u009b31m", "\r", "\n", "\t", "\u007f", "\\", "\"", "'",
         "EOF", "$(id)", "`id`", "${HOME}", "--==BOUNDARY==", "#cloud-config", "- a", "a: b", "{", "[", "&a", "*a", "!!binary", "%TAG", "---", "...",
         "\ud800", "\udc00", "😀", "é", "日本", "/", "//", "/.", "/a/b/", "../../ESCAPED", "a/../..", "_default", "docker.io:70000", "https://x", "ftp://x"];

    private static readonly Gen<string> Word = Gen.String[Gen.Char["abcxyz019-_."], 1, 12];

    /// <summary>Short values from every corner: words, nasty strings, control and format characters, long runs.</summary>
    internal static readonly Gen<string> Text = Gen.Frequency(
        (4, Word),
        (4, Gen.Int[0, Nasty.Length - 1].Select(i => Nasty[i])),
        (2, Gen.String[Gen.Char["a \t\r\n\u0000\u0001\u001b\u007f\u0085\u00a0\u2028\u2029\u202e\u2066\ufeff\ufffe'\"\\$`{}[]#&*!|>%@,:?-"], 0, 24]),
        (1, Gen.Int[0, 3].Select(i => new string("xé\u2028\n"[i], 1 << (8 + i * 3)))));

    internal static readonly Gen<string> FilePath = Gen.Frequency(
        (6, Gen.Int[0, PathSegments.Length - 1].Array[1, 6].Select(ix => "/" + string.Join('/', ix.Select(i => PathSegments[i])))),
        (2, Gen.Int[0, PathSegments.Length - 1].Array[1, 4].Select(ix => string.Join('/', ix.Select(i => PathSegments[i])) + (ix.Length % 2 == 0 ? "/" : ""))),
        (1, Text));

    private static Gen<Node> S(Gen<string> text) => text.Select(t => (Node)new Scalar(t));

    private static Gen<Node> Map(params (string Key, Gen<Node> Value, int Percent)[] fields) =>
        Gen.Select(fields.Select(f => Gen.Int[0, 99].SelectMany(p => p < f.Percent ? f.Value.Select(v => (f.Key, (Node?)v)) : Gen.Const((f.Key, (Node?)null)))).ToArray()
            .Aggregate(Gen.Const(Array.Empty<(string, Node?)>()), (acc, g) => acc.SelectMany(a => g.Select(x => a.Append(x).ToArray()))),
            Gen.Int[0, 99], Gen.Frequency((9, Word), (1, Text)), S(Text),
            (entries, extra, extraKey, extraValue) =>
            {
                var list = entries.Where(e => e.Item2 is not null).Select(e => (e.Item1, e.Item2!)).ToList();
                if (extra < 8)
                {
                    list.Add((extraKey, extraValue)); // unknown field, or a duplicate key
                }
                else if (extra < 10 && list.Count > 0)
                {
                    list.Add(list[0]);
                }
                return (Node)new Mapping(list);
            });

    private static Gen<Node> List(Gen<Node> item, int max) => item.Array[0, max].Select(a => (Node)new Sequence(a));

    /// <summary>Nested values of any shape, up to <paramref name="depth"/> levels, sometimes one long chain (plugin values).</summary>
    private static Gen<Node> AnyValue(int depth) => depth == 0
        ? S(Text)
        : Gen.Frequency(
            (5, S(Text)),
            (2, Gen.Select(Word, AnyValue(depth - 1)).Array[0, 3].Select(e => (Node)new Mapping(e.Select(x => (x.Item1, x.Item2)).ToList()))),
            (1, AnyValue(depth - 1).Array[0, 3].Select(a => (Node)new Sequence(a))),
            (1, Gen.Int[1, 300].Select(n => Chain(n))));

    private static Node Chain(int depth)
    {
        Node node = new Scalar("1");
        for (var i = 0; i < depth; i++)
        {
            node = new Mapping([("k", node)]);
        }
        return node;
    }

    private static readonly Gen<Node> Content = Gen.Frequency(
        (5, Map(("inline", Map(("encoding", S(Gen.OneOf(Gen.Const(""), Gen.Const("b64"), Text)), 90), ("data", S(Gen.OneOf(Text, Gen.Const("aGVsbG8="))), 95)), 100))),
        (1, Map(("secretRef", Map(("name", S(Gen.OneOf(Gen.Const("s"), Text)), 90), ("dataKey", S(Gen.OneOf(Gen.Const("k"), Text)), 90)), 100))),
        (1, Map(("imageRef", Map(("image", S(Text), 90), ("filePathInImage", S(FilePath), 90)), 100))),
        (1, Map(("inline", S(Text), 50), ("secretRef", S(Text), 50), ("transmitUnencoded", S(Gen.OneOf(Gen.Const("true"), Text)), 50))));

    private static readonly Gen<Node> File = Map(
        ("path", S(FilePath), 95), ("content", Content, 95), ("permissions", S(Gen.OneOf(Gen.Const("0644"), Gen.Const("0755"), Gen.Const("010000"), Text)), 40),
        ("hostName", S(Gen.OneOf(Gen.Const("node-a"), Text)), 15), ("transmitUnencoded", S(Gen.OneOf(Gen.Const("true"), Gen.Const("false"))), 20));

    private static readonly Gen<string> UnitName = Gen.Frequency((4, Word.Select(w => w + ".service")), (1, Gen.Const("containerd.service")), (1, Gen.Const("kubelet.service")), (1, Text));

    private static readonly Gen<Node> Unit = Map(
        ("name", S(UnitName), 95), ("content", S(Gen.OneOf(Gen.Const("[Unit]\nDescription=x\n"), Text)), 60),
        ("command", S(Gen.OneOf(Gen.Const("start"), Gen.Const("restart"), Gen.Const("stop"), Text)), 30), ("enable", S(Gen.OneOf(Gen.Const("true"), Text)), 30),
        ("dropIns", List(Map(("name", S(Gen.OneOf(Gen.Const("10-a.conf"), Text)), 90), ("content", S(Text), 90)), 3), 40),
        ("filePaths", List(S(FilePath), 2), 20));

    private static readonly Gen<Node> Registry = Map(
        ("upstream", S(Gen.OneOf(Gen.Const("docker.io"), Gen.Const("_default"), Gen.Const("registry.local:5000"), Text)), 95),
        ("server", S(Gen.OneOf(Gen.Const("https://registry-1.docker.io"), Text)), 50),
        ("hosts", List(Map(("url", S(Gen.OneOf(Gen.Const("https://mirror.example"), Text)), 95), ("capabilities", List(S(Gen.OneOf(Gen.Const("pull"), Text)), 3), 40),
            ("caCerts", List(S(FilePath), 2), 20), ("overridePath", S(Gen.OneOf(Gen.Const("true"), Text)), 20)), 3), 60),
        ("readinessProbe", S(Gen.OneOf(Gen.Const("true"), Text)), 20));

    private static readonly Gen<Node> Plugin = Map(
        ("op", S(Gen.OneOf(Gen.Const("add"), Gen.Const("remove"), Text)), 30),
        ("path", Gen.Frequency((5, List(S(Gen.OneOf(Gen.Const("io.containerd.grpc.v1.cri"), Word, Text)), 4)), (1, Gen.Int[100, 200].Select(n => (Node)new Sequence(Enumerable.Repeat<Node>(new Scalar("a"), n).ToList())))), 95),
        ("values", AnyValue(3), 70));

    private static readonly Gen<Node> CriConfig = Map(
        ("name", S(Gen.OneOf(Gen.Const("containerd"), Text)), 95), ("cgroupDriver", S(Gen.OneOf(Gen.Const("systemd"), Text)), 40),
        ("containerd", Map(("sandboxImage", S(Gen.OneOf(Gen.Const("registry.k8s.io/pause:3.10"), Text)), 90), ("registries", List(Registry, 3), 60), ("plugins", List(Plugin, 3), 60)), 80));

    /// <summary>
    /// Names that validation accepts, and hostile ones: metadata.name and namespace become folders of
    /// the output, so path syntax, control characters and over-long names must end in a located error
    /// (the fuzzer found namespace ../../ESCAPED ending in OSC9001 before names were checked).
    /// </summary>
    internal static readonly Gen<string> ObjectName = Gen.Frequency(
        (6, Gen.Const("worker")), (1, Gen.Const("etc")), (3, Gen.String[Gen.Char["abc019-"], 1, 20].Select(n => "a" + n + "z")),
        (1, Gen.OneOf(Gen.Const("../../ESCAPED"), Gen.Const("/"), Gen.Const("."), Gen.Const(".."), Gen.Const("a/../.."), Gen.Const("_"), Gen.Const("A"),
            Gen.Const("a\0b"), Gen.Const(new string('a', 300)), Text)));

    private static readonly Gen<Node> Metadata = Map(
        ("name", S(ObjectName), 95),
        ("namespace", S(Gen.Frequency((6, Gen.Const("shoot--a--b")), (3, ObjectName))), 80));

    private static readonly Gen<Node> Osc = Map(
        ("apiVersion", S(Gen.Frequency((20, Gen.Const("extensions.gardener.cloud/v1alpha1")), (1, Text))), 98),
        ("kind", S(Gen.Frequency((20, Gen.Const("OperatingSystemConfig")), (1, Gen.Const("OperatingSystemConfigList")), (1, Text))), 98),
        ("metadata", Metadata, 95),
        ("spec", Map(
            ("type", S(Gen.Frequency((10, Gen.Int[0, Types.Length - 1].Select(i => Types[i])), (1, Text))), 95),
            ("purpose", S(Gen.Frequency((5, Gen.Const("reconcile")), (5, Gen.Const("provision")), (1, Text))), 95),
            ("files", List(File, 5), 80), ("units", List(Unit, 4), 60), ("criConfig", CriConfig, 50),
            ("providerConfig", AnyValue(3), 15), ("inPlaceUpdates", Map(("operatingSystemVersion", S(Text), 90), ("kubelet", S(Text), 90)), 10),
            ("reloadConfigFilePath", S(FilePath), 5)), 95),
        ("status", Map(("extensionFiles", List(File, 3), 60), ("extensionUnits", List(Unit, 3), 60)), 15));

    private static readonly Gen<Node> Secret = Map(
        ("apiVersion", S(Gen.Const("v1")), 100), ("kind", S(Gen.Const("Secret")), 100),
        ("metadata", Map(("name", S(Gen.OneOf(Gen.Const("s"), Text)), 95), ("namespace", S(Gen.OneOf(Gen.Const("shoot--a--b"), Text)), 50)), 95),
        ("data", Gen.Select(Gen.OneOf(Gen.Const("k"), Word, Text), S(Gen.OneOf(Gen.Const("aGVsbG8="), Gen.Const("%%%"), Text))).Array[0, 3]
            .Select(e => (Node)new Mapping(e.Select(x => (x.Item1, x.Item2)).ToList())), 80),
        ("stringData", Gen.Select(Word, S(Text)).Array[0, 2].Select(e => (Node)new Mapping(e.Select(x => (x.Item1, x.Item2)).ToList())), 30));

    private static readonly Gen<Node> NodeConfig = Map(
        ("apiVersion", S(Gen.Const("config.osc.dev/v1alpha1")), 100), ("kind", S(Gen.Const("NodeConfig")), 100), ("metadata", Map(("name", S(Word), 100)), 90),
        ("ntp", Map(("daemon", S(Gen.OneOf(Gen.Const("chrony"), Gen.Const("ntpd"), Gen.Const("systemd-timesyncd"), Text)), 90),
            ("chrony", Map(("servers", List(Map(("address", S(Gen.OneOf(Gen.Const("time.example.org"), Text)), 95)), 2), 90)), 50),
            ("ntpd", Map(("servers", List(S(Gen.OneOf(Gen.Const("time.example.org"), Text)), 2), 90)), 30)), 70),
        ("dns", Map(("resolved", Map(("dns", List(S(Gen.OneOf(Gen.Const("192.0.2.1"), Text)), 2), 70), ("domains", List(S(Text), 2), 40)), 60),
            ("kubeletResolvConf", S(Gen.OneOf(Gen.Const("systemd-resolved"), Text)), 40)), 50));

    private static readonly Gen<Node> ExtensionConfig = Map(
        ("apiVersion", S(Gen.OneOf(Gen.Const("config.ubuntu.os.extensions.gardener.cloud/v1alpha1"), Gen.Const("config.coreos.os.extensions.gardener.cloud/v1alpha1"),
            Gen.Const("memoryone-gardenlinux.os.extensions.gardener.cloud/v1alpha1"), Gen.Const("memoryone-chost.os.extensions.gardener.cloud/v1alpha1"))), 100),
        ("kind", S(Gen.OneOf(Gen.Const("ExtensionConfig"), Gen.Const("OperatingSystemConfiguration"))), 100),
        ("disableUnattendedUpgrades", S(Gen.OneOf(Gen.Const("true"), Text)), 30), ("enableDocker", S(Gen.OneOf(Gen.Const("true"), Text)), 30),
        ("ntp", AnyValue(2), 30), ("apt", AnyValue(2), 20), ("systemMemory", S(Text), 30), ("memoryTopology", S(Text), 30), ("vsmpConfig", AnyValue(1), 20));

    /// <summary>One to four documents, mostly OSCs, with the documents they refer to.</summary>
    internal static readonly Gen<IReadOnlyList<Node>> Documents = Gen.Frequency(
        (8, Osc), (2, Secret), (1, NodeConfig), (1, ExtensionConfig), (1, AnyValue(3))).Array[1, 4].Select(a => (IReadOnlyList<Node>)a);

    /// <summary>How a tree is written: the YAML or JSON choices, drawn once per input.</summary>
    internal sealed record Style(bool Json, int LineBreak, bool Bom, bool Flow, int Anchors, int QuoteBias, bool Tags, bool Comments);

    private static readonly Gen<Style> Styles = Gen.Select(Gen.Int[0, 4], Gen.Int[0, 9], Gen.Int[0, 19], Gen.Bool, Gen.Int[0, 3], Gen.Int[0, 3], Gen.Int[0, 5], Gen.Int[0, 3],
        (json, lineBreak, bom, flow, anchors, quote, tags, comments) => new Style(json == 0, lineBreak < 7 ? 0 : lineBreak < 9 ? 1 : 2, bom == 0, flow, anchors, quote, tags == 0, comments == 0));

    /// <summary>Documents written as text: the structured-but-hostile inputs.</summary>
    internal static readonly Gen<byte[]> Structured = Gen.Select(Documents, Styles, Gen.UInt, (documents, style, salt) =>
        Encoding.UTF8.GetBytes((style.Bom ? "\ufeff" : "") + (style.Json ? new JsonWriter(salt).Write(documents[0]) : new YamlWriter(style, salt).Write(documents))));

    /// <summary>An example's bytes with a few bytes flipped, inserted, removed or repeated.</summary>
    internal static Gen<byte[]> Mutated(IReadOnlyList<byte[]> seeds) =>
        Gen.Select(Gen.Int[0, seeds.Count - 1], Gen.Select(Gen.Int[0, 3], Gen.Int[0, int.MaxValue], Gen.Byte, Gen.Int[1, 64]).Array[1, 8], (index, edits) =>
        {
            var bytes = seeds[index].ToList();
            foreach (var (kind, at, value, length) in edits)
            {
                if (bytes.Count == 0)
                {
                    break;
                }
                var position = at % bytes.Count;
                switch (kind)
                {
                    case 0:
                        bytes[position] = value;
                        break;
                    case 1:
                        bytes.Insert(position, value);
                        break;
                    case 2:
                        bytes.RemoveRange(position, Math.Min(length, bytes.Count - position));
                        break;
                    default:
                        bytes.InsertRange(position, bytes.GetRange(position, Math.Min(length, bytes.Count - position)));
                        break;
                }
            }
            return bytes.ToArray();
        });

    /// <summary>YAML with the style's choices: block or flow, every quoting style, anchors and aliases, merge keys, tags, comments, line breaks.</summary>
    private sealed class YamlWriter(Style style, uint salt)
    {
        private readonly StringBuilder _text = new();
        private readonly List<string> _anchors = [];
        private uint _state = salt | 1;

        public string Write(IReadOnlyList<Node> documents)
        {
            for (var i = 0; i < documents.Count; i++)
            {
                if (i > 0 || Next(4) == 0)
                {
                    _text.Append("---\n");
                }
                _anchors.Clear();
                if (style.Comments)
                {
                    _text.Append("# comment \u2028 with a separator\n");
                }
                if (style.Flow)
                {
                    Flow(documents[i]);
                    _text.Append('\n');
                }
                else
                {
                    Block(documents[i], 0);
                }
            }
            var text = _text.ToString();
            return style.LineBreak switch
            {
                1 => text.Replace("\n", "\r\n", StringComparison.Ordinal),
                2 => text.Replace('\n', '\r'),
                _ => text,
            };
        }

        private uint Next(uint bound)
        {
            _state ^= _state << 13;
            _state ^= _state >> 17;
            _state ^= _state << 5;
            return _state % bound;
        }

        private string Anchor()
        {
            if (style.Anchors == 0 || Next(6) != 0)
            {
                return "";
            }
            var name = "a" + _anchors.Count.ToString(CultureInfo.InvariantCulture);
            _anchors.Add(name);
            return "&" + name + " ";
        }

        /// <summary>An alias to an earlier anchor, now and then, in place of a value.</summary>
        private string? Alias() => _anchors.Count > 0 && style.Anchors > 1 && Next(8) == 0 ? "*" + _anchors[(int)Next((uint)_anchors.Count)] : null;

        private string Tag() => style.Tags && Next(5) == 0 ? new[] { "!!str ", "!!int ", "!!binary ", "!custom ", "!!map ", "!!seq " }[Next(6)] : "";

        private void Block(Node node, int indent)
        {
            var pad = new string(' ', indent);
            switch (node)
            {
                case Mapping { Entries.Count: > 0 } mapping:
                    foreach (var (key, value) in mapping.Entries)
                    {
                        _text.Append(pad).Append(ScalarText(key, key: true)).Append(':');
                        BlockValue(value, indent);
                    }
                    if (style.Anchors > 2 && _anchors.Count > 0 && Next(10) == 0)
                    {
                        _text.Append(pad).Append("<<: *").Append(_anchors[(int)Next((uint)_anchors.Count)]).Append('\n');
                    }
                    break;
                case Sequence { Items.Count: > 0 } sequence:
                    foreach (var item in sequence.Items)
                    {
                        _text.Append(pad).Append('-');
                        BlockValue(item, indent);
                    }
                    break;
                default:
                    _text.Append(pad);
                    Flow(node);
                    _text.Append('\n');
                    break;
            }
        }

        private void BlockValue(Node value, int indent)
        {
            if (Alias() is { } alias)
            {
                _text.Append(' ').Append(alias).Append('\n');
                return;
            }
            var anchor = Anchor();
            var tag = Tag();
            switch (value)
            {
                case Mapping { Entries.Count: > 0 } or Sequence { Items.Count: > 0 } when Next(4) != 0:
                    _text.Append(anchor.Length + tag.Length > 0 ? " " + anchor + tag.TrimEnd() : "").Append('\n');
                    Block(value, indent + 2);
                    break;
                case Scalar scalar when scalar.Value.Contains('\n', StringComparison.Ordinal) && Next(2) == 0:
                    _text.Append(' ').Append(anchor).Append(tag).Append(Next(2) == 0 ? "|" : ">").Append(Next(3) == 0 ? "-" : "").Append('\n');
                    foreach (var line in scalar.Value.Split('\n'))
                    {
                        _text.Append(new string(' ', indent + 2)).Append(line).Append('\n');
                    }
                    break;
                default:
                    _text.Append(' ').Append(anchor).Append(tag);
                    Flow(value);
                    _text.Append('\n');
                    break;
            }
        }

        private void Flow(Node node)
        {
            switch (node)
            {
                case Scalar scalar:
                    _text.Append(ScalarText(scalar.Value, key: false));
                    break;
                case Sequence sequence:
                    _text.Append('[');
                    for (var i = 0; i < sequence.Items.Count; i++)
                    {
                        _text.Append(i > 0 ? ", " : "");
                        if (Alias() is { } alias)
                        {
                            _text.Append(alias);
                            continue;
                        }
                        _text.Append(Anchor());
                        Flow(sequence.Items[i]);
                    }
                    _text.Append(']');
                    break;
                case Mapping mapping:
                    _text.Append('{');
                    for (var i = 0; i < mapping.Entries.Count; i++)
                    {
                        _text.Append(i > 0 ? ", " : "").Append(ScalarText(mapping.Entries[i].Key, key: true)).Append(": ").Append(Anchor());
                        Flow(mapping.Entries[i].Value);
                    }
                    _text.Append('}');
                    break;
            }
        }

        /// <summary>Plain when it reads back as the same text (mostly), else single or double quoted; now and then plain regardless.</summary>
        private string ScalarText(string value, bool key)
        {
            var pick = Next(8);
            var plainSafe = value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '/' or ' ') && value.Trim() == value;
            if ((plainSafe && pick < 5 + style.QuoteBias) || pick == 7)
            {
                return pick == 7 && !key ? value.Replace("\n", " ", StringComparison.Ordinal) : value;
            }
            if (pick < 6 && !value.Any(char.IsControl))
            {
                return "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
            }
            var quoted = new StringBuilder("\"");
            foreach (var c in value)
            {
                quoted.Append(c switch
                {
                    '"' => "\\\"",
                    '\\' => "\\\\",
                    '\n' => "\\n",
                    '\t' => Next(2) == 0 ? "\t" : "\\t",
                    '\0' => "\\0",
                    _ when char.IsSurrogate(c) || char.IsControl(c) || c is '\u2028' or '\u2029' => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                    _ => c.ToString(),
                });
            }
            return quoted.Append('"').ToString();
        }
    }

    /// <summary>JSON of the first document; strings escaped (lone surrogates as \u escapes), keys possibly repeated.</summary>
    private sealed class JsonWriter(uint salt)
    {
        private uint _state = salt | 1;

        public string Write(Node node)
        {
            var text = new StringBuilder();
            Value(node, text);
            return text.ToString();
        }

        private void Value(Node node, StringBuilder text)
        {
            switch (node)
            {
                case Scalar scalar:
                    var literal = scalar.Value is "true" or "false" or "null" || double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
                    text.Append(literal && Next() ? scalar.Value : String(scalar.Value));
                    break;
                case Sequence sequence:
                    text.Append('[');
                    for (var i = 0; i < sequence.Items.Count; i++)
                    {
                        text.Append(i > 0 ? "," : "").Append(Next() ? "\t" : "");
                        Value(sequence.Items[i], text);
                    }
                    text.Append(']');
                    break;
                case Mapping mapping:
                    text.Append('{');
                    for (var i = 0; i < mapping.Entries.Count; i++)
                    {
                        text.Append(i > 0 ? ",\n " : "").Append(String(mapping.Entries[i].Key)).Append(':');
                        Value(mapping.Entries[i].Value, text);
                    }
                    text.Append('}');
                    break;
            }
        }

        private bool Next()
        {
            _state ^= _state << 13;
            _state ^= _state >> 17;
            _state ^= _state << 5;
            return (_state & 3) == 0;
        }

        private static string String(string value)
        {
            var text = new StringBuilder("\"");
            foreach (var c in value)
            {
                text.Append(c switch
                {
                    '"' => "\\\"",
                    '\\' => "\\\\",
                    _ when c < 0x20 || char.IsSurrogate(c) => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                    _ => c.ToString(),
                });
            }
            return text.Append('"').ToString();
        }
    }
}
