// SPDX-License-Identifier: Apache-2.0
using Osc.Model.Syntax;

namespace Osc.Model.Tests.Syntax;

/// <summary>Scalars resolve as sigs.k8s.io/yaml (go-yaml v2) resolves them.</summary>
public sealed class ScalarResolverTests
{
    private static readonly SourceSpan Nowhere = new("t", new SourcePosition(1, 1), new SourcePosition(1, 2));

    private static ResolvedScalar Plain(string text) => ScalarResolver.Resolve(new YamlScalar(text, ScalarStyle.Plain, Nowhere));

    [Theory]
    [InlineData("0644", 420)]
    [InlineData("0o644", 420)]
    [InlineData("0x1A4", 420)]
    [InlineData("0b101", 5)]
    [InlineData("1_000", 1000)]
    [InlineData("-0", 0)]
    [InlineData("+12", 12)]
    [InlineData("-9223372036854775808", long.MinValue)]
    public void Integers_follow_go_ParseInt_base_0(string text, long expected)
    {
        var resolved = Plain(text);
        Assert.Equal((ScalarKind.Int, expected), (resolved.Kind, resolved.Int));
    }

    [Theory]
    [InlineData("08", 8)]
    [InlineData("1e3", 1000)]
    [InlineData(".5", 0.5)]
    [InlineData("9223372036854775808", 9223372036854775808d)]
    public void Numbers_that_are_no_go_integer_become_floats(string text, double expected)
    {
        var resolved = Plain(text);
        Assert.Equal((ScalarKind.Float, expected), (resolved.Kind, resolved.Float));
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("0644", 420)]
    [InlineData("2.5", 2.5)]
    public void A_float_tag_makes_a_float_even_of_an_integer(string text, double expected)
    {
        var resolved = ScalarResolver.Resolve(new YamlScalar(text, ScalarStyle.Plain, Nowhere, "tag:yaml.org,2002:float"));
        Assert.Equal((ScalarKind.Float, expected), (resolved.Kind, resolved.Float));
    }

    [Theory]
    [InlineData("yes", true)]
    [InlineData("No", false)]
    [InlineData("on", true)]
    [InlineData("OFF", false)]
    [InlineData("y", true)]
    [InlineData("n", false)]
    [InlineData("True", true)]
    public void Yaml_1_1_booleans(string text, bool expected)
    {
        var resolved = Plain(text);
        Assert.Equal((ScalarKind.Bool, expected), (resolved.Kind, resolved.Bool));
    }

    [Theory]
    [InlineData("~")]
    [InlineData("null")]
    [InlineData("NULL")]
    [InlineData("")]
    public void Nulls(string text) => Assert.Equal(ScalarKind.Null, Plain(text).Kind);

    [Theory]
    [InlineData("abc")]
    [InlineData("1.2.3")]
    [InlineData("0x")]
    [InlineData("10.0.0.1")]
    [InlineData("<<BOOTSTRAP_TOKEN>>")]
    public void Everything_else_is_a_string(string text) => Assert.Equal(ScalarKind.String, Plain(text).Kind);

    [Fact]
    public void Quoted_and_tagged_scalars_are_strings()
    {
        Assert.Equal(ScalarKind.String, ScalarResolver.Resolve(new YamlScalar("0644", ScalarStyle.DoubleQuoted, Nowhere)).Kind);
        Assert.Equal(ScalarKind.String, ScalarResolver.Resolve(new YamlScalar("yes", ScalarStyle.SingleQuoted, Nowhere)).Kind);
        Assert.Equal(ScalarKind.String, ScalarResolver.Resolve(new YamlScalar("0644", ScalarStyle.Plain, Nowhere, "tag:yaml.org,2002:str")).Kind);
        Assert.Equal(ScalarKind.String, ScalarResolver.Resolve(new YamlScalar("12", ScalarStyle.Literal, Nowhere)).Kind);
    }
}
