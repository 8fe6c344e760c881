// SPDX-License-Identifier: Apache-2.0
using System.Text;
using System.Text.Json;
using Osc.Model.Loading;
using Osc.Renderers.OperatingSystems.Coreos;
using Osc.TestUtil;

namespace Osc.Renderers.Tests.OperatingSystems;

/// <summary>
/// CoreOS/Flatcar: the Ignition 3.3.0 config has the structure gardener-extension-os-coreos's test
/// checks (shared/research/os-extensions.md §5), Go's field order and escaping, passes
/// ignition-validate, and its data URLs decode (RFC 2397, '+' is not a space) to the declared bytes.
/// </summary>
public sealed class IgnitionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("osc-ignition-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (string Json, RenderResult Result) Render(string files, string extensionConfig = "", string type = "flatcar")
    {
        var input = OscLoader.LoadText("in.yaml", $"""
            apiVersion: extensions.gardener.cloud/v1alpha1
            kind: OperatingSystemConfig
            metadata: {"{"}name: a, namespace: b{"}"}
            spec:
              type: {type}
              purpose: provision
              units:
              - {"{"}name: app.service, content: "[Service]\nExecStart=/bin/true a<b&c\n[Install]\nWantedBy=multi-user.target\n", dropIns: [{"{"}name: 10-x.conf, content: "[Service]\nX=1\n"{"}"}]{"}"}
              - {"{"}name: off.service, enable: false, content: "[Service]\nExecStart=/bin/true\n"{"}"}
              files:
            {files}
            {extensionConfig}
            """);
        var result = OscRenderer.Render(input);
        Assert.False(result.Report.HasErrors, string.Join("\n", result.Report.Items));
        return (result.Objects.Single().UserData!, result);
    }

    private const string DefaultFiles = """
          - {path: /some/file, content: {inline: {encoding: "", data: bar}}}
          - {path: /var/lib/gardener-node-agent/credentials/bootstrap-token, permissions: 0640, content: {inline: {encoding: "", data: <<BOOTSTRAP_TOKEN>>}, transmitUnencoded: true}}
          - {path: /opt/bin/tool, permissions: 0755, content: {inline: {encoding: b64, data: AAEC/w==}}}
          - {path: "/etc/with space", content: {inline: {encoding: "", data: "a b+c%\n"}}}
        """;

    [Fact]
    public void Structure_matches_the_coreos_extension()
    {
        var (json, _) = Render(DefaultFiles);
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;

        Assert.Equal("3.3.0", root.GetProperty("ignition").GetProperty("version").GetString());
        var files = root.GetProperty("storage").GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(["/opt/bin/containerd-setup.sh", "/some/file", "/var/lib/gardener-node-agent/credentials/bootstrap-token", "/opt/bin/tool", "/etc/with space"],
            files.Select(f => f.GetProperty("path").GetString()));
        Assert.Equal(493, files[0].GetProperty("mode").GetInt32());
        Assert.Equal("data:,bar", files[1].GetProperty("contents").GetProperty("source").GetString());
        Assert.Equal("data:,%3C%3CBOOTSTRAP_TOKEN%3E%3E", files[2].GetProperty("contents").GetProperty("source").GetString());
        Assert.False(files[1].TryGetProperty("mode", out _));
        var links = root.GetProperty("storage").GetProperty("links").EnumerateArray().Select(l => (l.GetProperty("path").GetString(), l.GetProperty("target").GetString(), l.GetProperty("overwrite").GetBoolean())).ToList();
        Assert.Equal([
            ("/etc/systemd/system/update-engine.service", "/dev/null", true), ("/etc/systemd/system/locksmithd.service", "/dev/null", true),
            ("/etc/systemd/system/systemd-sysupdate.timer", "/dev/null", true), ("/etc/systemd/system/systemd-sysupdate-reboot.timer", "/dev/null", true),
            ("/etc/extensions/docker-flatcar.raw", "/dev/null", true)], links);
        var units = root.GetProperty("systemd").GetProperty("units").EnumerateArray().ToList();
        Assert.Equal(["containerd-setup.service", "containerd.service", "app.service", "off.service"], units.Select(u => u.GetProperty("name").GetString()));
        Assert.Equal("11-exec_config.conf", units[1].GetProperty("dropins")[0].GetProperty("name").GetString());
        Assert.False(units[3].GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public void Json_is_in_go_field_order_with_go_escaping()
    {
        var (json, _) = Render(DefaultFiles);

        Assert.StartsWith("{\"ignition\":{\"config\":{\"replace\":{\"verification\":{}}},\"proxy\":{},\"security\":{\"tls\":{}},\"timeouts\":{},\"version\":\"3.3.0\"},\"kernelArguments\":{},\"passwd\":{},\"storage\":{\"files\":[{\"group\":{},\"path\":\"/opt/bin/containerd-setup.sh\",\"user\":{},\"contents\":{\"source\":\"data:;base64,", json, StringComparison.Ordinal);
        Assert.Contains("{\"group\":{},\"path\":\"/some/file\",\"user\":{},\"contents\":{\"source\":\"data:,bar\",\"verification\":{}}}", json, StringComparison.Ordinal);
        Assert.Contains("{\"group\":{},\"overwrite\":true,\"path\":\"/etc/systemd/system/update-engine.service\",\"user\":{},\"target\":\"/dev/null\"}", json, StringComparison.Ordinal);
        Assert.Contains("{\"contents\":\"[Service]\\nExecStart=/bin/true a\\u003cb\\u0026c\\n[Install]\\nWantedBy=multi-user.target\\n\",\"dropins\":[{\"contents\":\"[Service]\\nX=1\\n\",\"name\":\"10-x.conf\"}],\"enabled\":true,\"name\":\"app.service\"}", json, StringComparison.Ordinal);
        Assert.Contains("{\"dropins\":[{\"contents\":\"[Service]\\nExecStart=\\nExecStart=/usr/bin/containerd --config /etc/containerd/config.toml\",\"name\":\"11-exec_config.conf\"}],\"enabled\":true,\"name\":\"containerd.service\"}", json, StringComparison.Ordinal);
        Assert.EndsWith("]}}", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Docker_can_be_enabled_by_the_extension_config()
    {
        var (json, _) = Render(DefaultFiles, "---\napiVersion: config.coreos.os.extensions.gardener.cloud/v1alpha1\nkind: ExtensionConfig\nenableDocker: true\n");

        Assert.Contains("{\"group\":{},\"overwrite\":true,\"path\":\"/etc/systemd/system/multi-user.target.wants/docker.service\",\"user\":{},\"hard\":false,\"target\":\"/usr/lib/systemd/system/docker.service\"}", json, StringComparison.Ordinal);
        Assert.Contains("{\"enabled\":true,\"name\":\"docker.service\"}", json, StringComparison.Ordinal);
        Assert.DoesNotContain("docker-flatcar.raw", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Data_urls_decode_to_the_declared_bytes_and_spaces_are_reported()
    {
        var (json, result) = Render(DefaultFiles);
        using var doc = JsonDocument.Parse(json);
        var sources = doc.RootElement.GetProperty("storage").GetProperty("files").EnumerateArray()
            .ToDictionary(f => f.GetProperty("path").GetString()!, f => f.GetProperty("contents").GetProperty("source").GetString()!);

        Assert.Equal("bar"u8.ToArray(), DecodeDataUrl(sources["/some/file"]));
        Assert.Equal("<<BOOTSTRAP_TOKEN>>"u8.ToArray(), DecodeDataUrl(sources["/var/lib/gardener-node-agent/credentials/bootstrap-token"]));
        Assert.Equal(new byte[] { 0, 1, 2, 255 }, DecodeDataUrl(sources["/opt/bin/tool"]));
        Assert.Equal("a b+c%\n"u8.ToArray(), DecodeDataUrl(sources["/etc/with space"]));
        Assert.Equal("data:,a%20b%2Bc%25%0A", sources["/etc/with space"]);
        var warning = Assert.Single(result.Report.Items, d => d.Code == "OSC2008");
        Assert.Equal("$.spec.files[3]", warning.Path);
    }

    [SkippableFact]
    public void Ignition_validate_accepts_the_config()
    {
        var validate = ExternalTool.FindOrSkip("ignition-validate", "ignition-validate of rendered Ignition configs");
        foreach (var (name, extra) in new[] { ("default", ""), ("docker", "---\napiVersion: config.coreos.os.extensions.gardener.cloud/v1alpha1\nkind: ExtensionConfig\nenableDocker: true\n") })
        {
            var file = Path.Combine(_dir, name + ".ign");
            File.WriteAllText(file, Render(DefaultFiles, extra).Json);

            var run = ExternalTool.Run(validate, [file]);

            Assert.True(run.ExitCode == 0 && (run.Stdout + run.Stderr).Trim().Length == 0, $"{name}: {run.Stdout}{run.Stderr}");
        }
    }

    /// <summary>RFC 2397 as Ignition reads it: base64, or percent-decoding in which '+' stays '+'.</summary>
    private static byte[] DecodeDataUrl(string url)
    {
        var comma = url.IndexOf(',', StringComparison.Ordinal);
        var meta = url[5..comma];
        var data = url[(comma + 1)..];
        if (meta.EndsWith(";base64", StringComparison.Ordinal))
        {
            return Convert.FromBase64String(data);
        }
        var bytes = new List<byte>();
        for (var i = 0; i < data.Length; i++)
        {
            if (data[i] == '%')
            {
                bytes.Add(Convert.ToByte(data.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(data[i].ToString()));
            }
        }
        return bytes.ToArray();
    }

    [Fact]
    public void Provider_config_overrides_the_extension_wide_config()
    {
        const string wide = "---\napiVersion: config.coreos.os.extensions.gardener.cloud/v1alpha1\nkind: ExtensionConfig\nenableDocker: false\nntp: {daemon: ntpd, ntpd: {servers: [10.0.0.1]}}\n";
        const string perOsc = "  providerConfig: {apiVersion: config.coreos.os.extensions.gardener.cloud/v1alpha1, kind: ExtensionConfig, enableDocker: true}\n";
        var input = OscLoader.LoadText("in.yaml", "apiVersion: extensions.gardener.cloud/v1alpha1\nkind: OperatingSystemConfig\nmetadata: {name: a, namespace: b}\nspec:\n  type: flatcar\n  purpose: provision\n" + perOsc + wide);

        var result = OscRenderer.Render(input);

        Assert.Contains("docker.service", result.Objects.Single().UserData, StringComparison.Ordinal);
        // No ntp in providerConfig: the extension-wide ntpd stays, where upstream would reset it.
        Assert.Single(result.Report.Items, d => d.Code == "OSC2010");
    }
}
