using Buurtscan.Domain;
using Buurtscan.Render;
using Buurtscan.Resolve;
using Buurtscan.Tests.Diff;

namespace Buurtscan.Tests.Render;

/// <summary>scan.json and manifest.json as written field by field: the bytes the serializer writes for the same records.</summary>
public sealed class ScanJsonWriterTests
{
    [Fact]
    public void The_example_scan_and_manifest_Should_be_written_as_the_serializer_writes_them()
    {
        ScanJsonWriter.Write(TestScans.Scan).ShouldBe(ScanJson.Serialize(TestScans.Scan));
        ScanJsonWriter.Write(TestScans.Manifest).ShouldBe(ScanJson.Serialize(TestScans.Manifest));
    }

    [Fact]
    public void The_real_scan_of_the_Wegener_Sleeswijkbuurt_Should_be_written_as_the_serializer_writes_it()
    {
        var json = ScanJsonWriter.Write(RealFb08.Scan);

        json.ShouldBe(ScanJson.Serialize(RealFb08.Scan));
        json.Length.ShouldBeGreaterThan(100_000);
    }

    [Fact]
    public void Every_field_the_example_scan_leaves_empty_or_null_Should_be_written_as_the_serializer_writes_it()
    {
        var scan = TestScans.Scan;
        var figure = scan.Themes[0].Figures[0];
        var changed = scan with
        {
            ExampleData = !scan.ExampleData,
            Focus = scan.Focus with
            {
                CbsCode = null,
                AreaM2 = null,
                Level = Level.Wijk,
                Parts = [new FocusPart("FB08", "Wegener \"Sleeswijk\" <buurt>", 0.25), new FocusPart("FB09", "Plein '40–'45 ✓ 🏘", 1)],
                Definition = "areas/rond-het-plein.json",
            },
            Themes =
            [
                scan.Themes[0] with
                {
                    Figures =
                    [
                        figure with
                        {
                            Year = null, Value = null, Level = null, AreaCode = null, AreaName = null, Reason = "onderdrukt\nregel 2", Index = null,
                            Status = FigureStatus.NotAtLevel, Kind = IndicatorKind.Median, Direction = Direction.HigherIsWorse,
                            Ranking = new Ranking(3, 481, 99.5, 1e-7, 12345678.9),
                            Trend = new Trend(2015, 2024, -0.1, null),
                            Classification = Classification.Attention, ClassificationNote = "\\ en \t",
                            Series = [new YearValue(2015, null, FigureStatus.Estimated), new YearValue(2016, double.Epsilon, FigureStatus.Later)],
                            Comparisons = [new Comparison(Level.Land, "NL00", "Nederland", -0.0, FigureStatus.Suppressed, null)],
                            Neighbourhood = [new AreaValue("FB01", "Buurt", 1.0 / 3, FigureStatus.Missing)],
                        },
                    ],
                },
            ],
            Gaps = [new Gap("x", "X", "bevolking", null, "niet gepubliceerd"), new Gap("y", "Y", "wonen", Level.Stadsdeel, "alleen op stadsdeel")],
            BoundaryWeights = [new BoundaryWeight("F81a", Division.Indeling2015, "FB08", 0.3333333333333333, "woningen")],
        };

        ScanJsonWriter.Write(changed).ShouldBe(ScanJson.Serialize(changed));
    }
}

/// <summary>The JSON options name every enum in kebab case, each through a converter of its own (none is made at run time).</summary>
public sealed class ScanJsonOptionsTests
{
    [Fact]
    public void Every_enum_in_the_records_written_as_json_Should_have_its_kebab_case_converter()
    {
        var enums = new SortedSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<Type>();
        void Walk(Type type)
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (!seen.Add(type) || type.Assembly != typeof(ScanJson).Assembly && !type.IsGenericType) return;
            if (type.IsEnum)
            {
                enums.Add(type.Name);
                return;
            }

            foreach (var argument in type.GetGenericArguments()) Walk(argument);
            if (type.Assembly != typeof(ScanJson).Assembly) return;
            foreach (var property in type.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance)) Walk(property.PropertyType);
        }

        foreach (var root in new[] { typeof(Scan), typeof(Buurtscan.Build.Manifest), typeof(Buurtscan.Diff.Change), typeof(Buurtscan.Diff.RunSummary), typeof(IReadOnlyList<Buurtscan.Diff.DiffNote>) }) Walk(root);

        var converted = ScanJson.Options.Converters
            .Select(c => c.GetType())
            .Where(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(System.Text.Json.Serialization.JsonStringEnumConverter<>))
            .Select(t => t.GetGenericArguments()[0].Name)
            .ToHashSet(StringComparer.Ordinal);
        enums.ShouldContain("FigureStatus"); // the walk reaches the figures
        enums.ShouldContain("ChangeKind"); // and the diff's records
        enums.Where(e => !converted.Contains(e)).ShouldBeEmpty();
        ScanJson.Serialize(Buurtscan.Diff.ChangeKind.BoundaryOrEstimation).ShouldBe("\"boundary-or-estimation\"\n");
    }
}
