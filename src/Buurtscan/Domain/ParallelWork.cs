using System.Runtime.ExceptionServices;

namespace Buurtscan.Domain;

/// <summary>The result of one piece of work done in parallel, or the exception it threw, rethrown where the result is taken.</summary>
public readonly record struct Outcome<T>(T? Value, ExceptionDispatchInfo? Error)
{
    public T Get()
    {
        Error?.Throw();
        return Value!;
    }
}

/// <summary>
/// Independent pieces of work on all cores, with the results in the order of the items, so that what is built
/// from them does not depend on the timing. An exception reaches the caller as itself (not wrapped in an
/// AggregateException), and when several items fail, it is the first item's.
/// </summary>
public static class ParallelWork
{
    public static Outcome<TResult>[] Outcomes<TItem, TResult>(IReadOnlyList<TItem> items, Func<TItem, TResult> work)
    {
        var outcomes = new Outcome<TResult>[items.Count];
        Parallel.For(0, items.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            try
            {
                outcomes[i] = new Outcome<TResult>(work(items[i]), null);
            }
            catch (Exception e)
            {
                outcomes[i] = new Outcome<TResult>(default, ExceptionDispatchInfo.Capture(e));
            }
        });
        return outcomes;
    }

    public static List<TResult> Map<TItem, TResult>(IReadOnlyList<TItem> items, Func<TItem, TResult> work) =>
        Outcomes(items, work).Select(o => o.Get()).ToList();
}
