// SPDX-License-Identifier: Apache-2.0
using System;

namespace Osc.Cli;

internal static class Program
{
    private static int Main(string[] args) =>
        new OscApp(Console.OpenStandardInput(), Console.Out, Console.Error, new ConsoleEnvironment()).Run(args);
}
