using Buurtscan.Render;

namespace Buurtscan.Tests.Render;

public sealed class RecentlyUsedTests
{
    [Fact]
    public void The_least_recently_used_value_Should_go_when_the_capacity_is_reached()
    {
        var kept = new RecentlyUsed<string, string>(capacity: 2);

        kept.Add("a", "A").ShouldBeNull();
        kept.Add("b", "B").ShouldBeNull();
        kept.TryGet("a", out var a).ShouldBeTrue();
        a.ShouldBe("A");

        // "b" was used longest ago: it goes, and its value is handed back.
        kept.Add("c", "C").ShouldBe("B");
        kept.Contains("b").ShouldBeFalse();
        kept.TryGet("b", out _).ShouldBeFalse();
        (kept.Contains("a"), kept.Contains("c")).ShouldBe((true, true));
        kept.Lookups.ShouldBe((1, 1));
    }

    [Fact]
    public void A_key_Should_be_kept_once()
    {
        var kept = new RecentlyUsed<string, string>(capacity: 2, StringComparer.OrdinalIgnoreCase);
        kept.Add("a", "A");

        Should.Throw<ArgumentException>(() => kept.Add("A", "other"));
    }
}
