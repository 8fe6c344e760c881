// SPDX-License-Identifier: Apache-2.0
namespace Osc.Renderers.Tests;

/// <summary>Two artifacts are equal when their path, bytes (by content), mode and source are.</summary>
public sealed class RenderedArtifactTests
{
    private static RenderedArtifact Artifact(byte[] content, string path = "/etc/a", uint mode = 0x1A4, string source = "$.spec.files[0]", string? document = null) =>
        new(path, content, mode, source, document);

    [Fact]
    public void Equal_bytes_in_different_arrays_are_equal()
    {
        var first = Artifact([1, 2, 3]);
        var second = Artifact([1, 2, 3]);

        Assert.NotSame(first.Content, second.Content);
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.Single(new HashSet<RenderedArtifact> { first, second });
    }

    [Theory]
    [InlineData("content")]
    [InlineData("length")]
    [InlineData("path")]
    [InlineData("mode")]
    [InlineData("source")]
    [InlineData("document")]
    public void Any_difference_makes_them_unequal(string what)
    {
        var baseline = Artifact([1, 2, 3]);
        var other = what switch
        {
            "content" => Artifact([1, 2, 4]),
            "length" => Artifact([1, 2, 3, 0]),
            "path" => Artifact([1, 2, 3], path: "/etc/b"),
            "mode" => Artifact([1, 2, 3], mode: 0x1ED),
            "source" => Artifact([1, 2, 3], source: "$.spec.files[1]"),
            _ => Artifact([1, 2, 3], document: "node-config.yaml"),
        };

        Assert.NotEqual(baseline, other);
        Assert.False(baseline.Equals((object?)other));
        Assert.False(baseline.Equals(null));
    }
}
