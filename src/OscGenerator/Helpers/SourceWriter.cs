// SPDX-License-Identifier: Apache-2.0
using System.Text;

namespace Osc.Generator.Helpers;

/// <summary>Writes C# source with tracked indentation (four spaces) and "\n" line ends.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _builder = new();
    private int _indent;

    public void Indent() => _indent++;

    public void Unindent() => _indent--;

    public void OpenBrace()
    {
        WriteLine("{");
        _indent++;
    }

    public void CloseBrace(string suffix = "")
    {
        _indent--;
        WriteLine("}" + suffix);
    }

    public void WriteLine(string line = "")
    {
        if (line.Length > 0)
        {
            _builder.Append(' ', _indent * 4);
            _builder.Append(line);
        }
        _builder.Append('\n');
    }

    /// <summary>Writes a raw multi-line block, indenting each of its lines.</summary>
    public void WriteBlock(string block)
    {
        foreach (var line in block.Replace("\r\n", "\n").Split('\n'))
        {
            WriteLine(line);
        }
    }

    public override string ToString() => _builder.ToString();
}
