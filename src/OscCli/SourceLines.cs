// SPDX-License-Identifier: Apache-2.0
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Text;
using Osc.Model.Loading;

namespace Osc.Cli;

/// <summary>
/// The lines of each input, for the caret under a diagnostic: split on first use and only for the
/// files a diagnostic points into, so a clean batch of many inputs never holds its text twice.
/// </summary>
internal sealed class SourceLines(IReadOnlyList<InputFile> inputs) : IReadOnlyDictionary<string, string[]>
{
    private readonly Dictionary<string, string[]> _split = new(System.StringComparer.Ordinal);

    /// <summary>The inputs whose lines this holds.</summary>
    public IReadOnlyList<InputFile> Files => inputs;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string[] value)
    {
        if (_split.TryGetValue(key, out value))
        {
            return true;
        }
        // The last input of a name wins, as the eager dictionary this replaces did.
        var file = inputs.LastOrDefault(i => i.DisplayName == key);
        if (file is null)
        {
            return false;
        }
        value = DiagnosticPrinter.SourceLines(Encoding.UTF8.GetString(file.Content));
        _split[key] = value;
        return true;
    }

    public string[] this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    public IEnumerable<string> Keys => inputs.Select(i => i.DisplayName).Distinct();

    public IEnumerable<string[]> Values => Keys.Select(k => this[k]);

    public int Count => Keys.Count();

    public bool ContainsKey(string key) => inputs.Any(i => i.DisplayName == key);

    public IEnumerator<KeyValuePair<string, string[]>> GetEnumerator() => Keys.Select(k => new KeyValuePair<string, string[]>(k, this[k])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
