// SPDX-License-Identifier: Apache-2.0
using System;

namespace Osc.Model.Loading;

/// <summary>Stops reading an input after a finding that makes the rest meaningless; the finding is already in the report.</summary>
internal sealed class LoadAbortedException : Exception
{
    public LoadAbortedException()
    {
    }

    public LoadAbortedException(string message) : base(message)
    {
    }

    public LoadAbortedException(string message, Exception inner) : base(message, inner)
    {
    }
}
