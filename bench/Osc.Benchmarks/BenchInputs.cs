// SPDX-License-Identifier: Apache-2.0
using System;
using System.IO;
using System.Linq;
using System.Text;
using Osc.Model.Loading;
using Osc.Renderers;
using YamlDotNet.Core;

namespace Osc.Benchmarks;

/// <summary>
/// The benchmark inputs (bench/inputs, embedded): (a) reconcile-rich, (b) provision-node-init, each
/// with its <c>type</c> swapped to the OS family under test; and the pipeline stages every benchmark times.
/// </summary>
public static class BenchInputs
{
    public const string Reconcile = "reconcile-rich";
    public const string Provision = "provision-node-init";

    /// <summary>One per OS family Osc renders (memoryone-* and flatcar reuse these renderers).</summary>
    public static readonly string[] OsFamilies = ["ubuntu", "gardenlinux", "suse-chost", "coreos"];

    /// <summary>suse-chost's reconcile output depends on the Kubernetes version.</summary>
    public static readonly RenderOptions Options = new() { KubernetesVersion = new System.Version(1, 33, 4) };

    public static string Template(string input)
    {
        using var stream = typeof(BenchInputs).Assembly.GetManifestResourceStream($"inputs/{input}.yaml")
            ?? throw new ArgumentException("no benchmark input " + input, nameof(input));
        return new StreamReader(stream, Encoding.UTF8).ReadToEnd();
    }

    /// <summary>The OSC schema, as Osc.Model embeds it for <c>osc schema</c>.</summary>
    public static string Schema() => Osc.Model.SchemaCatalog.Read("operatingsystemconfig")
        ?? throw new InvalidOperationException("Osc.Model embeds no operatingsystemconfig schema");

    /// <summary>The input text with its OS type (and, for batches, its name) replaced.</summary>
    public static string Text(string template, string os, string? nameSuffix = null)
    {
        var text = template.Replace("\n  type: gardenlinux\n", "\n  type: " + os + "\n", StringComparison.Ordinal);
        return nameSuffix is null ? text : text.Replace("\n  name: worker-pool-a-77ac3-", "\n  name: worker-pool-" + nameSuffix + "-", StringComparison.Ordinal);
    }

    public static byte[] Bytes(string input, string os) => Encoding.UTF8.GetBytes(Text(Template(input), os));

    /// <summary>The floor: YamlDotNet's parser events over the same bytes (decoded as the loader decodes them), no tree, no binding.</summary>
    public static int ParseEvents(byte[] bytes)
    {
        var parser = new Parser(new Scanner(new StringReader(Encoding.UTF8.GetString(bytes)), skipComments: true));
        var events = 0;
        while (parser.MoveNext())
        {
            events++;
        }
        return events;
    }

    public static OscInput Load(byte[] bytes) => OscLoader.Load([new InputFile("bench.yaml", bytes)]);

    /// <summary>Load, validate (secrets required) and render every artifact.</summary>
    public static RenderResult Compile(byte[] bytes) => OscRenderer.Render(Load(bytes), Options);

    /// <summary>Bytes of everything rendered: rootfs files, user-data, status.yaml.</summary>
    public static long OutputBytes(RenderResult result) => result.Objects.Sum(o =>
        o.Rootfs.Sum(a => (long)a.Content.Length)
        + (o.UserData is null ? 0 : Encoding.UTF8.GetByteCount(o.UserData))
        + (o.StatusYaml is null ? 0 : Encoding.UTF8.GetByteCount(o.StatusYaml)));

    /// <summary>Compiles once and fails loudly unless the input is clean: a benchmark of an error path would measure nothing useful.</summary>
    public static RenderResult CompileChecked(byte[] bytes, string what)
    {
        var result = Compile(bytes);
        if (result.Report.Items.Count > 0 || result.Objects.Count != 1)
        {
            throw new InvalidOperationException($"{what}: expected one rendered object and no diagnostics, got {result.Objects.Count} objects and: "
                + string.Join("; ", result.Report.Items.Select(d => d.Code + " " + d.Message)));
        }
        return result;
    }
}
