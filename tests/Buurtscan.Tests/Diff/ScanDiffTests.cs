using System.Text.Json.Nodes;
using Buurtscan.Build;
using Buurtscan.Diff;
using Buurtscan.Domain;
using Buurtscan.Render;
using Buurtscan.Resolve;

namespace Buurtscan.Tests.Diff;

/// <summary>The classification rules of <see cref="ScanDiff.Compare"/>, one by one, on scans changed in memory.</summary>
public sealed class ScanDiffTests
{
    private static readonly DiffOptions Options = new();

    private static ScanDiffResult Compare(Scan old, Scan @new, DiffOptions? options = null) =>
        ScanDiff.Compare(old, @new, TestScans.Manifest, TestScans.Manifest, options ?? Options);

    private static Change Single(ScanDiffResult diff, string id) => diff.Changes.Single(c => c.IndicatorId == id);

    [Fact]
    public void Identical_scans_Should_have_no_changes()
    {
        var diff = Compare(TestScans.Scan, TestScans.Scan);

        diff.Changes.ShouldBeEmpty();
        diff.HasNotableChanges.ShouldBeFalse();
        diff.Notes.ShouldBeEmpty();
    }

    [Fact]
    public void A_newer_year_at_the_same_level_Should_be_real_change()
    {
        var old = TestScans.Scan;
        var @new = old.With("inwoners", f => f.Next(1620));

        var change = Single(Compare(old, @new), "inwoners");

        change.Kind.ShouldBe(ChangeKind.NewPeriod);
        change.Nature.ShouldBe(ChangeNature.Real);
        change.Notable.ShouldBeTrue();
        change.Difference.ShouldBe(120);
        change.RelativeDifference.ShouldBe(8);
        change.Old!.Year.ShouldBe(2024);
        change.New!.Year.ShouldBe(2025);
    }

    [Fact]
    public void An_older_year_Should_be_a_data_change()
    {
        var old = TestScans.Scan;
        var @new = old.With("inwoners", f => f.Next(1500, years: -1));

        var change = Single(Compare(old, @new), "inwoners");

        change.Kind.ShouldBe(ChangeKind.NewPeriod);
        change.Nature.ShouldBe(ChangeNature.Data);
    }

    [Theory]
    [InlineData(1530, true)] // exactly 2% of 1.500
    [InlineData(1529, false)]
    [InlineData(1470, true)]
    [InlineData(1471, false)]
    public void A_count_Should_be_notable_from_min_change_percent_of_the_old_value(double value, bool notable)
    {
        var old = TestScans.Scan;
        var @new = old.With("inwoners", f => f with { Value = value });

        var change = Single(Compare(old, @new), "inwoners");

        change.Kind.ShouldBe(ChangeKind.Revised);
        change.Nature.ShouldBe(ChangeNature.Data);
        change.Notable.ShouldBe(notable);
    }

    [Theory]
    [InlineData(2.0, true)] // 17,0% → 19,0%: 2 percentage points
    [InlineData(1.9, false)]
    [InlineData(-2.0, true)]
    public void A_share_Should_be_notable_from_min_change_percentage_points(double points, bool notable)
    {
        var old = TestScans.Scan;
        var before = old.Figure("aandeel_65plus").Value!.Value;
        var @new = old.With("aandeel_65plus", f => f.Next(before + points));

        var change = Single(Compare(old, @new), "aandeel_65plus");

        change.Notable.ShouldBe(notable);
        change.Difference!.Value.ShouldBe(points, 1e-9);
    }

    [Fact]
    public void A_higher_min_change_Should_make_fewer_changes_notable_but_report_them_all()
    {
        var old = TestScans.Scan;
        var @new = old.With("inwoners", f => f.Next(1620));

        var strict = Compare(old, @new, new DiffOptions { MinChange = 10 });

        strict.Changes.Count.ShouldBe(1);
        strict.HasNotableChanges.ShouldBeFalse();
    }

    [Fact]
    public void A_figure_moving_to_the_wijk_Should_be_a_level_change()
    {
        var old = TestScans.Scan;
        var wijk = old.Figure("leeftijd_0_15").Comparisons.Single(c => c.Level == Level.Wijk);
        var @new = old.With("leeftijd_0_15", f => (f with { Value = wijk.Value, Level = Level.Wijk, AreaCode = wijk.Code, AreaName = wijk.Name })
            .WithComparison(Level.Buurt, null, FigureStatus.Suppressed));

        var diff = Compare(old, @new);
        var change = Single(diff, "leeftijd_0_15");

        change.Kind.ShouldBe(ChangeKind.LevelChanged);
        change.Nature.ShouldBe(ChangeNature.Data);
        change.Notable.ShouldBeTrue();
        change.Comparisons.ShouldContain(c => c.Level == Level.Buurt && c.NewValue == null && c.NewStatus == FigureStatus.Suppressed);
        DiffText.Describe(change).ShouldContain("want voor de buurt (Wegener Sleeswijkbuurt) is er nu geen waarde (geheim of te klein om te tonen)");
    }

    [Fact]
    public void A_value_that_disappears_Should_be_newly_suppressed_and_one_that_appears_newly_available()
    {
        var withValue = TestScans.Scan;
        var suppressed = withValue.With("vrouwen", f => f with { Value = null, Status = FigureStatus.Suppressed, Level = null, AreaCode = null });

        var gone = Single(Compare(withValue, suppressed), "vrouwen");
        var back = Single(Compare(suppressed, withValue), "vrouwen");

        gone.Kind.ShouldBe(ChangeKind.NewlySuppressed);
        gone.Notable.ShouldBeTrue();
        DiffText.KindName(gone).ShouldBe("nieuw onderdrukt");
        back.Kind.ShouldBe(ChangeKind.NewlyAvailable);
        back.Notable.ShouldBeTrue();
        back.Nature.ShouldBe(ChangeNature.Data);
    }

    [Fact]
    public void An_estimate_replaced_by_a_measurement_Should_be_a_boundary_or_estimation_change()
    {
        var measured = TestScans.Scan;
        var estimated = measured.With("inwoners", f => f with { Year = 2021, Value = 1495, Status = FigureStatus.Estimated });

        var change = Single(Compare(estimated, measured), "inwoners");

        change.Kind.ShouldBe(ChangeKind.BoundaryOrEstimation);
        change.Nature.ShouldBe(ChangeNature.Data);
        change.Notable.ShouldBeTrue(); // under 2%, but the figure can now be trusted more
    }

    [Fact]
    public void New_boundaries_Should_be_reported_and_turn_buurt_figures_into_boundary_changes()
    {
        var old = TestScans.Scan;
        var @new = (old with { Focus = old.Focus with { AreaM2 = old.Focus.AreaM2 * 1.2 } }).With("inwoners", f => f.Next(1800));

        var diff = Compare(old, @new);

        diff.Changes[0].Kind.ShouldBe(ChangeKind.BoundaryOrEstimation);
        diff.Changes[0].Subject.ShouldBe("area-m2");
        diff.Changes[0].IndicatorId.ShouldBeNull();
        DiffText.Describe(diff.Changes[0]).ShouldContain("de grens van de buurt is gewijzigd");
        Single(diff, "inwoners").Kind.ShouldBe(ChangeKind.BoundaryOrEstimation);
        Single(diff, "inwoners").Nature.ShouldBe(ChangeNature.Data);
    }

    [Fact]
    public void A_tiny_change_of_surface_Should_not_count_as_new_boundaries()
    {
        var old = TestScans.Scan;
        var @new = old with { Focus = old.Focus with { AreaM2 = old.Focus.AreaM2 * 1.005 } };

        Compare(old, @new).Changes.ShouldBeEmpty();
    }

    [Fact]
    public void Another_parent_Should_be_an_area_change()
    {
        var old = TestScans.Scan;
        var chain = old.Focus.Chain.Select(c => c.Level == Level.Wijk ? c with { Code = "FX", Name = "Nieuwe wijk" } : c).ToList();
        var @new = old with { Focus = old.Focus with { Chain = chain } };

        var change = Compare(old, @new).Changes.Single();

        change.Subject.ShouldBe("chain");
        change.Notable.ShouldBeTrue();
        change.NewText!.ShouldContain("wijk FX Nieuwe wijk");
    }

    [Fact]
    public void A_custom_area_made_of_other_buurten_Should_be_a_boundary_change()
    {
        var old = TestScans.Scan with { Focus = TestScans.Scan.Focus with { Parts = [new FocusPart("FB07", "Bakemabuurt", 1), new FocusPart("FB08", "Wegener Sleeswijkbuurt", 1)] } };
        var @new = old with { Focus = old.Focus with { Parts = [.. old.Focus.Parts, new FocusPart("FB06", "Dudokbuurt", 0.5)] } };

        var change = Compare(old, @new).Changes.Single();

        change.Subject.ShouldBe("parts");
        change.Notable.ShouldBeTrue();
        DiffText.Describe(change).ShouldBe("Het gebied bestaat nu uit FB07, FB08, FB06 (0.5) (was FB07, FB08): cijfers van voor en na zijn niet zonder meer vergelijkbaar.");
    }

    [Fact]
    public void Indicators_added_to_or_removed_from_the_profile_Should_be_reported()
    {
        var full = TestScans.Scan;
        var fewer = full.Without("vrouwen");

        Single(Compare(fewer, full), "vrouwen").Kind.ShouldBe(ChangeKind.IndicatorAdded);
        Single(Compare(full, fewer), "vrouwen").Kind.ShouldBe(ChangeKind.IndicatorRemoved);
        Single(Compare(full, fewer), "vrouwen").Notable.ShouldBeTrue();
    }

    [Fact]
    public void A_revised_comparison_area_Should_be_a_data_change_of_the_comparison()
    {
        var old = TestScans.Scan;
        var city = old.Figure("aandeel_65plus").Comparisons.Single(c => c.Level == Level.Gemeente).Value!.Value;
        var @new = old.With("aandeel_65plus", f => f.WithComparison(Level.Gemeente, city + 3));

        var change = Single(Compare(old, @new), "aandeel_65plus");

        change.Kind.ShouldBe(ChangeKind.Revised);
        change.Subject.ShouldBe("comparison");
        change.Notable.ShouldBeTrue();
        DiffText.KindName(change).ShouldBe("herzien vergelijkingscijfer");
    }

    [Fact]
    public void Published_becoming_computed_with_the_same_value_Should_be_a_minor_status_change()
    {
        var old = TestScans.Scan;
        var @new = old.With("aandeel_65plus", f => f with { Status = FigureStatus.Ok });

        var change = Single(Compare(old, @new), "aandeel_65plus");

        change.Kind.ShouldBe(ChangeKind.StatusChanged);
        change.Notable.ShouldBeFalse();
    }

    [Fact]
    public void Source_files_Should_be_compared_by_hash_and_never_be_notable_alone()
    {
        var manifest = TestScans.Manifest;
        var changed = manifest with
        {
            Inputs = manifest.Inputs.Select(i => i.Path == "cbs/Kerncijfers_wijken_en_buurten_2023_11122025_141648.csv" ? i with { Sha256 = new string('0', 64) } : i)
                .Where(i => i.Path != "gebieden/INDELING_STADSDEEL.csv")
                .Append(new ManifestInput("cbs/nieuw.csv", new string('1', 64), "x")).ToList(),
        };

        var diff = ScanDiff.Compare(TestScans.Scan, TestScans.Scan, manifest, changed, Options);

        diff.Changes.Select(c => (c.Subject, c.OldText is null, c.NewText is null)).ShouldBe(
        [
            ("cbs/Kerncijfers_wijken_en_buurten_2023_11122025_141648.csv", false, false),
            ("cbs/nieuw.csv", true, false),
            ("gebieden/INDELING_STADSDEEL.csv", false, true),
        ]);
        diff.Changes.ShouldAllBe(c => c.Kind == ChangeKind.SourceChanged && !c.Notable);
        diff.HasNotableChanges.ShouldBeFalse();
    }

    [Fact]
    public void Without_manifests_the_files_named_in_the_scans_Should_be_compared_and_a_note_given()
    {
        var old = TestScans.Scan;
        var @new = old with { Sources = old.Sources.Select(s => s with { Sha256 = "abc" }).ToList() };

        var diff = ScanDiff.Compare(old, @new, null, null, Options);

        diff.Changes.Count.ShouldBe(old.Sources.Count);
        diff.Notes.Single().Kind.ShouldBe(DiffNoteKind.ManifestMissing);
    }

    [Fact]
    public void Runs_of_different_buurten_versions_or_profiles_Should_be_refused_with_exit_code_2()
    {
        var scan = TestScans.Scan;
        var manifest = TestScans.Manifest;

        var area = Should.Throw<BuurtscanException>(() => ScanDiff.Compare(scan, scan with { Focus = scan.Focus with { Code = "FB07" } }, null, null, Options));
        var schema = Should.Throw<BuurtscanException>(() => ScanDiff.Compare(scan, scan with { SchemaVersion = "99" }, null, null, Options));
        var profile = Should.Throw<BuurtscanException>(() =>
            ScanDiff.Compare(scan, scan, manifest, manifest with { Parameters = manifest.Parameters with { Profile = "wonen.csv" } }, Options));

        new[] { area, schema, profile }.ShouldAllBe(e => e.ExitCode == 2);
        area.Message.ShouldContain("different areas");
        schema.Message.ShouldContain($"schema version {scan.SchemaVersion} (buurtscan 0.1.0) against 99");
        profile.Message.ShouldContain("different scan profiles ('default' and 'wonen.csv')");
    }

    [Fact]
    public void Another_tool_version_Should_be_noted_not_refused()
    {
        var diff = Compare(TestScans.Scan, TestScans.Scan with { ToolVersion = "0.2.0" });

        diff.Changes.ShouldBeEmpty();
        diff.Notes.Single().ShouldBe(new DiffNote(DiffNoteKind.ToolVersionChanged, "0.1.0", "0.2.0"));
    }

    [Fact]
    public void Fields_added_to_scan_json_later_Should_not_disturb_the_diff()
    {
        // Given a scan.json written by a newer tool that has more fields per figure and per scan
        var json = JsonNode.Parse(ScanJson.Serialize(TestScans.Scan))!;
        json["generatedWith"] = new JsonObject { ["extra"] = true };
        foreach (var theme in json["themes"]!.AsArray())
        {
            foreach (var figure in theme!["figures"]!.AsArray())
            {
                figure!["rank"] = 3;
                figure["percentile"] = 41.5;
                figure["trend"] = new JsonObject { ["direction"] = "up", ["years"] = new JsonArray(2022, 2023) };
            }
        }

        // When it is read back and compared with the scan it came from
        var read = ScanJson.Deserialize(json.ToJsonString());
        var diff = Compare(TestScans.Scan, read);

        // Then nothing differs
        diff.Changes.ShouldBeEmpty();
    }

    [Fact]
    public void Changes_Should_be_ordered_notable_first_then_by_importance()
    {
        var old = TestScans.Scan;
        var @new = (old with { Focus = old.Focus with { Name = "Wegener Sleeswijk" } })
            .With("inwoners", f => f.Next(1530))                                     // +2%: notable, importance 1
            .With("mannen", f => f.Next(1000))                                       // +35%: notable, larger
            .With("vrouwen", f => f.Next(761))                                       // tiny: minor
            .With("leeftijd_15_25", f => f with { Value = null, Status = FigureStatus.Suppressed }); // disappears

        var order = Compare(old, @new).Changes.Select(c => c.IndicatorId ?? c.Subject).ToList();

        order.ShouldBe(["name", "leeftijd_15_25", "mannen", "inwoners", "vrouwen"]);
    }

    [Theory]
    [InlineData(120.0, 0, "+120")]
    [InlineData(-0.05, 1, "-0,05")]
    [InlineData(0.0, 1, "±0,0")]
    [InlineData(1234.5, 1, "+1.234,5")]
    public void Differences_Should_be_signed_and_never_hide_a_small_change_as_zero(double value, int decimals, string expected)
    {
        DiffText.Signed(value, decimals).ShouldBe(expected);
    }
}
