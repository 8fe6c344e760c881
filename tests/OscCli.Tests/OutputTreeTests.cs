// SPDX-License-Identifier: Apache-2.0
using Osc.TestUtil;

namespace Osc.Cli.Tests;

/// <summary>
/// The output tree through `osc render`: hostile names never become paths, links below DIR are not
/// followed, staging happens inside DIR, leftovers of an interrupted run are repaired and removed,
/// a second run on the same DIR is refused, and the machine's refusals are OSC3xxx errors.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class OutputTreeTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("osc-tree-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private string Out => Path.Combine(_work, "out");

    private static string Osc(string metadata, string content = "v1") => $$$"""
        apiVersion: extensions.gardener.cloud/v1alpha1
        kind: OperatingSystemConfig
        metadata: {{{metadata}}}
        spec:
          type: gardenlinux
          purpose: reconcile
          files:
          - path: /etc/osc-test
            content: {inline: {encoding: '', data: {{{content}}}}}

        """;

    /// <summary>Every entry below a folder, as relative paths.</summary>
    private static List<string> Entries(string root) =>
        Directory.Exists(root) ? Directory.GetFileSystemEntries(root, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(root, p)).Order().ToList() : [];

    public static TheoryData<string, string> HostileMetadata => new()
    {
        { "{name: user-data, namespace: ../../ESCAPED}", "OSC1204" },
        { "{name: etc, namespace: /}", "OSC1204" },
        { "{name: etc, namespace: /tmp}", "OSC1204" },
        { "{name: x, namespace: .}", "OSC1204" },
        { "{name: x, namespace: a/../..}", "OSC1204" },
        { "{name: x, namespace: \"a\\0b\"}", "OSC1204" },
        { "{name: x, namespace: " + new string('a', 300) + "}", "OSC1204" },
        { "{name: ../../ESCAPED, namespace: ns}", "OSC1201" },
        { "{name: .., namespace: ns}", "OSC1201" },
        { "{name: /etc, namespace: ns}", "OSC1201" },
        { "{generateName: worker-, namespace: ns}", "OSC2015" },
        { "{name: '', generateName: worker-, namespace: ns}", "OSC2015" },
    };

    [Theory]
    [MemberData(nameof(HostileMetadata))]
    public void A_namespace_or_name_that_is_not_a_Kubernetes_name_is_refused_and_nothing_is_written(string metadata, string code)
    {
        var inside = Path.Combine(_work, "a", "b");

        var result = CliRunner.Run(["render", "-", "--output", Path.Combine(inside, "out")], Osc(metadata));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"error[{code}]", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("OSC9001", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(Entries(_work));
        // validate agrees, except for generateName: the API server accepts it (it generates the name); only render needs one.
        Assert.Equal(code == "OSC2015" ? 0 : 1, CliRunner.Run(["validate", "-"], Osc(metadata)).ExitCode);
    }

    [Fact]
    public void A_symlink_at_DIR_namespace_is_refused_not_followed()
    {
        var elsewhere = Directory.CreateDirectory(Path.Combine(_work, "elsewhere")).FullName;
        Directory.CreateDirectory(Out);
        File.CreateSymbolicLink(Path.Combine(Out, "ns"), elsewhere);

        var result = CliRunner.Run(["render", "-", "--output", Out], Osc("{name: a, namespace: ns}"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error[OSC3005]", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(Out, "ns"), result.Stderr, StringComparison.Ordinal);
        Assert.Empty(Entries(elsewhere));
        Assert.Equal(["ns"], Entries(Out));
    }

    [Fact]
    public void A_symlink_at_DIR_namespace_name_is_refused_not_followed()
    {
        var elsewhere = Directory.CreateDirectory(Path.Combine(_work, "elsewhere")).FullName;
        File.WriteAllText(Path.Combine(elsewhere, "keep"), "not Osc's");
        Directory.CreateDirectory(Path.Combine(Out, "ns"));
        File.CreateSymbolicLink(Path.Combine(Out, "ns", "a"), elsewhere);

        var result = CliRunner.Run(["render", "-", "--output", Out], Osc("{name: a, namespace: ns}"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error[OSC3005]", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(["keep"], Entries(elsewhere));
        Assert.Equal(elsewhere, new FileInfo(Path.Combine(Out, "ns", "a")).LinkTarget);
        Assert.Equal(["ns"], Directory.GetFileSystemEntries(Out).Select(Path.GetFileName));
    }

    [Fact]
    public void DIR_may_itself_be_a_symlink_the_user_chose()
    {
        var real = Directory.CreateDirectory(Path.Combine(_work, "real")).FullName;
        File.CreateSymbolicLink(Out, real);

        var result = CliRunner.Run(["render", "-", "--output", Out], Osc("{name: a, namespace: ns}"));

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal("v1", File.ReadAllText(Path.Combine(real, "ns", "a", "rootfs", "etc", "osc-test")));
    }

    public static TheoryData<string> NotADirectory => new() { "file", "dangling-link", "file-at-object", "file-above" };

    [Theory]
    [MemberData(nameof(NotADirectory))]
    public void A_file_or_dangling_link_where_a_directory_should_be_is_OSC3004(string shape)
    {
        var output = Out;
        switch (shape)
        {
            case "file":
                File.WriteAllText(Out, "a file");
                break;
            case "dangling-link":
                File.CreateSymbolicLink(Out, Path.Combine(_work, "nowhere"));
                break;
            case "file-at-object":
                Directory.CreateDirectory(Path.Combine(Out, "ns"));
                File.WriteAllText(Path.Combine(Out, "ns", "a"), "a file");
                break;
            default:
                File.WriteAllText(Out, "a file");
                output = Path.Combine(Out, "below");
                break;
        }

        var result = CliRunner.Run(["render", "-", "--output", output], Osc("{name: a, namespace: ns}"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error[OSC3004]", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("nothing was written", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(Entries(_work), e => e.Contains(".osc-staging-", StringComparison.Ordinal));
    }

    [Fact]
    public void An_empty_output_is_a_usage_error()
    {
        var result = CliRunner.Run(["render", "-", "--output", ""], Osc("{name: a, namespace: ns}"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--output is empty", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Staging_is_inside_DIR_and_gone_after_the_run()
    {
        var result = CliRunner.Run(["render", "-", "--output", Out], Osc("{name: a, namespace: ns}") + "---\n" + Osc("{name: b, namespace: ns}"));

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(["out"], Directory.GetFileSystemEntries(_work).Select(Path.GetFileName));
        Assert.Equal(["ns"], Directory.GetFileSystemEntries(Out).Select(Path.GetFileName));
    }

    [Fact]
    public void A_render_error_after_objects_were_staged_leaves_no_DIR()
    {
        // The second object fails to render (OSC2009) after the first was already written to staging.
        var input = Osc("{name: a, namespace: ns}") + "---\n" + Osc("{name: b, namespace: ns}").Replace("type: gardenlinux", "type: suse-chost", StringComparison.Ordinal);

        var result = CliRunner.Run(["render", "-", "--output", Out], input);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error[OSC2009]", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(Entries(_work));
    }

    [Fact]
    public void A_render_error_leaves_an_existing_DIR_as_it_was()
    {
        Assert.Equal(0, CliRunner.Run(["render", "-", "--output", Out], Osc("{name: a, namespace: ns}")).ExitCode);
        var before = ExampleGoldenTests.Tree(Out);
        var input = Osc("{name: a, namespace: ns}", "v2") + "---\n" + Osc("{name: b, namespace: ns}").Replace("type: gardenlinux", "type: suse-chost", StringComparison.Ordinal);

        Assert.Equal(1, CliRunner.Run(["render", "-", "--output", Out], input).ExitCode);

        Assert.Equal(before, ExampleGoldenTests.Tree(Out));
    }

    [Fact]
    public void Leftovers_of_an_interrupted_run_are_repaired_and_removed_by_the_next_run()
    {
        Assert.Equal(0, CliRunner.Run(["render", "-", "--output", Out], Osc("{name: a, namespace: ns}")).ExitCode);
        // As a run killed between "old aside" and "new in" (the fallback without RENAME_EXCHANGE) leaves it:
        // ns/kept is only in the leftover staging folder, its place empty.
        var leftover = Path.Combine(Out, ".osc-staging-0123456789abcdef0123456789abcdef");
        Directory.CreateDirectory(Path.Combine(leftover, "old", "ns", "kept", "rootfs"));
        File.WriteAllText(Path.Combine(leftover, "old", "ns", "kept", "status.yaml"), "old\n");
        Directory.CreateDirectory(Path.Combine(leftover, "new", "ns", "half-written"));
        File.CreateSymbolicLink(Path.Combine(leftover, "new", "ns", "link"), _work); // deleted as a link, never followed
        File.WriteAllText(Path.Combine(Out, ".osc-staging-file"), "not a folder");

        var result = CliRunner.Run(["render", "-", "--output", Out], Osc("{name: a, namespace: ns}", "v2"));

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(["ns"], Directory.GetFileSystemEntries(Out).Select(Path.GetFileName));
        Assert.Equal("old\n", File.ReadAllText(Path.Combine(Out, "ns", "kept", "status.yaml")));
        Assert.Equal("v2", File.ReadAllText(Path.Combine(Out, "ns", "a", "rootfs", "etc", "osc-test")));
        Assert.True(Directory.Exists(_work));
    }

    [Fact]
    public void A_second_osc_on_the_same_DIR_is_refused_while_the_first_holds_its_lock()
    {
        Directory.CreateDirectory(Out);
        var held = LinuxFs.OpenDirectory(LinuxFs.AtFdCwd, Out);
        try
        {
            Assert.Equal(0, LinuxFs.TryLock(held));

            var result = CliRunner.Run(["render", "-", "--output", Out], Osc("{name: a, namespace: ns}"));

            Assert.Equal(1, result.ExitCode);
            Assert.Contains("error[OSC3006]", result.Stderr, StringComparison.Ordinal);
            Assert.Empty(Entries(Out));
        }
        finally
        {
            LinuxFs.CloseDescriptor(held);
        }
        Assert.Equal(0, CliRunner.Run(["render", "-", "--output", Out], Osc("{name: a, namespace: ns}")).ExitCode);
    }

    [Fact]
    public void Replacing_works_without_RENAME_EXCHANGE_too()
    {
        var fallback = new Dictionary<string, string> { [OutputTreeOptions.NoExchangeVariable] = "1" };
        Assert.Equal(0, CliRunner.Run(["render", "-", "--output", Out], Osc("{name: a, namespace: ns}") + "---\n" + Osc("{name: b, namespace: ns}")).ExitCode);

        var result = CliRunner.Run(["render", "-", "--output", Out], Osc("{name: a, namespace: ns}", "v2") + "---\n" + Osc("{name: b, namespace: ns}", "v2"), variables: fallback);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(["ns"], Directory.GetFileSystemEntries(Out).Select(Path.GetFileName));
        Assert.Equal(["a", "b"], Directory.GetFileSystemEntries(Path.Combine(Out, "ns")).Select(Path.GetFileName).Order());
        Assert.Equal("v2", File.ReadAllText(Path.Combine(Out, "ns", "a", "rootfs", "etc", "osc-test")));
        Assert.Equal("v2", File.ReadAllText(Path.Combine(Out, "ns", "b", "rootfs", "etc", "osc-test")));
    }

    [Fact]
    public void The_machine_s_refusals_are_OSC3xxx_and_anything_else_stays_a_bug()
    {
        var problem = OutputProblemException.FromException(new IOException("No space left on device", LinuxFs.ENOSPC), "write", "/x/y");

        Assert.NotNull(problem);
        Assert.Equal("OSC3003", problem!.Descriptor.Code);
        Assert.Equal("cannot write /x/y: No space left on device", problem.Message);
        Assert.Null(OutputProblemException.FromException(new IOException("exists", LinuxFs.EISDIR), "write", "/x/y"));
        Assert.Null(OutputProblemException.FromException(new InvalidOperationException("bug"), "write", "/x/y"));
    }
}
