// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Linq;
using Osc.Shared;

namespace Osc.Cli;

/// <summary>
/// Usage rules System.CommandLine does not enforce by itself: an argument that starts with '-' (other
/// than '-', stdin) is an option, so an unknown one is a usage error naming the closest real option
/// instead of an input file that cannot be read; and stdin can be read only once.
/// </summary>
internal static class UsageChecks
{
    public const string Stdin = "-";

    /// <summary>The usage errors of a parse System.CommandLine accepted, or none (raw text: the caller escapes it for the terminal).</summary>
    public static IReadOnlyList<string> Check(ParseResult parseResult, IReadOnlyCollection<Argument> inputArguments, IReadOnlyCollection<Option> inputOptions)
    {
        var errors = new List<string>();
        var command = parseResult.CommandResult.Command;
        var stdinCount = 0;
        foreach (var token in ArgumentTokensBeforeDoubleDash(parseResult, inputArguments))
        {
            if (token.Value == Stdin)
            {
                continue;
            }
            var name = token.Value.Split('=', ':')[0];
            var closest = Closest(name, command);
            errors.Add($"unknown option '{name}'" + (closest is null ? "" : $"; did you mean '{closest}'?")
                + $" (a file whose name starts with '-' is given as ./{token.Value} or after --)");
        }
        foreach (var argument in inputArguments)
        {
            stdinCount += parseResult.GetResult(argument)?.Tokens.Count(t => t.Value == Stdin) ?? 0;
        }
        foreach (var option in inputOptions)
        {
            stdinCount += parseResult.GetResult(option)?.Tokens.Count(t => t.Value == Stdin) ?? 0;
        }
        if (stdinCount > 1)
        {
            errors.Add($"'-' (stdin) is given {stdinCount} times; stdin can be read once");
        }
        return errors;
    }

    /// <summary>Tokens bound to an input argument that look like options: before a '--', every such token is one.</summary>
    private static IEnumerable<Token> ArgumentTokensBeforeDoubleDash(ParseResult parseResult, IReadOnlyCollection<Argument> inputArguments)
    {
        var bound = new HashSet<Token>(ReferenceEqualityComparer.Instance);
        foreach (var argument in inputArguments)
        {
            foreach (var token in parseResult.GetResult(argument)?.Tokens ?? [])
            {
                bound.Add(token);
            }
        }
        foreach (var token in parseResult.Tokens)
        {
            if (token.Type == TokenType.DoubleDash)
            {
                yield break;
            }
            if (token.Type == TokenType.Argument && token.Value.StartsWith('-') && bound.Contains(token))
            {
                yield return token;
            }
        }
    }

    /// <summary>The option of <paramref name="command"/> closest to <paramref name="name"/>, if one is close enough to be what was meant.</summary>
    internal static string? Closest(string name, Command command)
    {
        var candidates = command.Options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name)).Where(n => n.StartsWith("--", StringComparison.Ordinal)).Distinct();
        var bare = name.TrimStart('-');
        // A prefix (--out for --output) is what was meant; otherwise the edit distance decides.
        return DidYouMean.Closest(bare, candidates,
            (written, candidate) =>
            {
                var option = candidate.TrimStart('-');
                return written.Length >= 2 && option.StartsWith(written, StringComparison.Ordinal) ? 0 : DidYouMean.Distance(written, option);
            },
            (_, distance) => distance <= Math.Max(2, bare.Length / 3));
    }
}
