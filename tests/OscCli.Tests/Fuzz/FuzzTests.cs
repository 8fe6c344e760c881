// SPDX-License-Identifier: Apache-2.0
using System.Globalization;
using CsCheck;
using Osc.TestUtil;

namespace Osc.Cli.Tests.Fuzz;

/// <summary>
/// Fuzzing that stays: generated hostile inputs through the library and the CLI, with a fixed seed
/// and a fixed number of iterations, so CI runs the same inputs every time (under a minute in all on an idle machine). For a
/// deeper run locally: <c>OSC_FUZZ_ITERATIONS=50 OSC_FUZZ_SEED=7 dotnet test tests/OscCli.Tests --filter FullyQualifiedName~Fuzz</c>
/// (iterations multiply the budget; another seed draws other inputs). An input that breaks an
/// invariant is written to <c>$TMPDIR/osc-fuzz-findings/</c> and shown (base64) in the failure: put it
/// into <c>FuzzRegressions/</c>, where <see cref="Every_regression_input_keeps_every_invariant"/> keeps it.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class FuzzTests : IDisposable
{
    private static readonly string Regressions = Path.Combine(RepoPaths.Root, "tests", "OscCli.Tests", "FuzzRegressions");

    private readonly string _work = Directory.CreateTempSubdirectory("osc-fuzz-").FullName;
    private int _cases;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private static int Scale => int.TryParse(Environment.GetEnvironmentVariable("OSC_FUZZ_ITERATIONS"), CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 1;

    private static ulong BaseSeed => ulong.TryParse(Environment.GetEnvironmentVariable("OSC_FUZZ_SEED"), CultureInfo.InvariantCulture, out var s) ? s << 32 : 0;

    private static IReadOnlyList<byte[]> Examples => Directory.GetFiles(RepoPaths.Examples).Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToList();

    /// <summary>Draws <paramref name="iterations"/> inputs, each from its own seed (so one can be drawn again alone), and checks each.</summary>
    private static void Run(string target, Gen<byte[]> gen, int iterations, Func<byte[], string?> check)
    {
        var stream = (uint)target.Aggregate(17, (h, c) => (h * 31) + c);
        for (var i = 0; i < iterations * Scale; i++)
        {
            var seed = BaseSeed + (ulong)i;
            var input = gen.Generate(new PCG(stream, seed), null, out _);
            if (check(input) is { } failure)
            {
                var findings = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "osc-fuzz-findings")).FullName;
                var saved = Path.Combine(findings, $"{target}-{seed}.bin");
                File.WriteAllBytes(saved, input);
                Assert.Fail($"{target}, seed {seed}: {failure}\nsaved as {saved}\n{FuzzTarget.Describe(input)}");
            }
        }
    }

    private string? InFreshFolder(byte[] input)
    {
        var work = Directory.CreateDirectory(Path.Combine(_work, "case-" + (++_cases).ToString(CultureInfo.InvariantCulture))).FullName;
        try
        {
            return FuzzTarget.CheckCli(input, work);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public void Library_survives_hostile_documents() => Run("library-structured", HostileInputs.Structured, 500, FuzzTarget.CheckLibrary);

    [Fact]
    public void Library_survives_mutated_examples() => Run("library-mutated", HostileInputs.Mutated(Examples), 3000, FuzzTarget.CheckLibrary);

    [Fact]
    public void Library_survives_raw_bytes() => Run("library-bytes", Gen.Byte.Array[0, 512], 2000, FuzzTarget.CheckLibrary);

    [Fact]
    public void Cli_survives_hostile_documents() => Run("cli-structured", HostileInputs.Structured, 60, InFreshFolder);

    [Fact]
    public void Cli_survives_mutated_examples() => Run("cli-mutated", HostileInputs.Mutated(Examples), 200, InFreshFolder);

    public static TheoryData<string> RegressionInputs()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Regressions).Select(Path.GetFileName).Order(StringComparer.Ordinal))
        {
            data.Add(file!);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(RegressionInputs))]
    public void Every_regression_input_keeps_every_invariant(string file)
    {
        var input = File.ReadAllBytes(Path.Combine(Regressions, file));

        Assert.Null(FuzzTarget.CheckLibrary(input));
        Assert.Null(InFreshFolder(input));
    }
}
