// SPDX-License-Identifier: Apache-2.0
using System;

namespace Osc.Cli;

/// <summary>What the CLI asks of its surroundings, so tests can set it.</summary>
internal interface ICliEnvironment
{
    /// <summary>True when stderr is a terminal (colours and pretty output may be used).</summary>
    bool ErrorIsTerminal { get; }

    string? GetVariable(string name);

    /// <summary>How long a batch runs before its progress is shown on a terminal.</summary>
    TimeSpan ProgressDelay { get; }
}

internal sealed class ConsoleEnvironment : ICliEnvironment
{
    public bool ErrorIsTerminal => !Console.IsErrorRedirected;

    public string? GetVariable(string name) => Environment.GetEnvironmentVariable(name);

    public TimeSpan ProgressDelay => BatchProgress.Moment;
}
